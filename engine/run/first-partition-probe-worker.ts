/**
 * The thread of first-partition-probe.ts: runs each graph it is sent on the inline scheduler and answers on its port
 * with the outputs' values encoded (or the failure as plain data), then raises the shared flag the planning thread
 * is waiting on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { TaskGraph } from '../graph/task-graph.js';
import { schedule } from '../schedule/scheduler.js';
import { createSyncExecutor } from '../schedule/sync-executor.js';
import { encodeValue } from '../values/codec.js';
import { WeftError } from '../errors.js';
import { setBudgetTicks } from '../expr/budget.js';

/** What the probe thread is started with. */
export interface ProbeThreadData {
  port: MessagePort;
  flag: Int32Array;
}

/** One answer: the outputs' values in order, or why the graph failed. */
export type ProbeAnswer = { values: Uint8Array[] } | { failure: { code: WeftError['code']; message: string; context: WeftError['context'] } };

// As in the run's workers: the thread is stopped by terminating it, not by the plan-time tick budget.
setBudgetTicks(false);
const { port, flag } = workerData as ProbeThreadData;
const executor = createSyncExecutor();

parentPort!.on('message', async (graph: TaskGraph) => {
  let answer: ProbeAnswer;
  try {
    const run = await schedule(graph, executor);
    answer = { values: graph.outputs.flatMap((o) => o.keys).map((key) => encodeValue(run.payloads.get(key))) };
  } catch (e) {
    answer = e instanceof WeftError ? { failure: { code: e.code, message: e.message, context: e.context } } : { failure: { code: 'TASK_FAILED', message: `internal error: ${(e as Error)?.stack ?? String(e)}`, context: {} } };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
