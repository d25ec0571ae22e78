/**
 * Computing tasks while planning, as Dask computes some collections' data while it builds the graph:
 * `Bag.to_dataframe` without `meta` takes the bag's first element (`self.take(1)`, which computes only as much of
 * partition 0 as that needs) to learn the columns and dtypes. Compile hands such a graph (the upstream tasks of that
 * partition and the probing task, culled and fused) to {@link computeAtPlanTime}.
 *
 * Policy:
 * - Planning is synchronous (compile is pure and runs on every edit), while tasks that read files are not: the graph
 *   runs on a thread of its own under the inline scheduler, and this thread waits for it on a shared flag
 *   (`Atomics.wait`) and takes its answer off a message port synchronously (`receiveMessageOnPort`).
 * - The thread starts at the first probe and stays (unref'd: it never keeps the process alive). A probe may take
 *   PROBE_TIME_BUDGET_MS; past that (or when the thread died, out of its PROBE_HEAP_MB heap) it is terminated, the
 *   next probe starts another, and the probe fails saying so.
 * - Answers are remembered by the graph's output keys, which hash the ops, params, functions and the input files'
 *   versions, so an editor planning on every keystroke computes a probe once; failures are remembered too, since
 *   replaying one would fail the same way.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TaskGraph } from '../graph/task-graph.js';
import type { ProbeAnswer, ProbeThreadData } from './first-partition-probe-worker.js';
import { decodeValue } from '../values/codec.js';
import { WeftError } from '../errors.js';
import { PROBE_HEAP_MB, PROBE_TIME_BUDGET_MS } from '../limits.js';
import { threadModule } from '../schedule/thread-module.js';

interface ProbeThread {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

let thread: ProbeThread | null = null;

function probeThread(): ProbeThread {
  if (thread) return thread;
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(threadModule('first-partition-probe-worker'), import.meta.url), {
    workerData: { port: port2, flag } satisfies ProbeThreadData,
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: PROBE_HEAP_MB },
  });
  worker.unref();
  port1.unref();
  // A thread that dies (out of memory) answers nothing: the waiting probe times out and replaces it.
  worker.on('error', () => {});
  const started: ProbeThread = { worker, port: port1, flag };
  worker.on('exit', () => {
    if (thread === started) thread = null;
  });
  thread = started;
  return started;
}

const ANSWERS = new Map<string, unknown[] | WeftError>();
const ANSWER_ENTRIES = 64;

function remember(key: string, answer: unknown[] | WeftError): void {
  ANSWERS.set(key, answer);
  if (ANSWERS.size > ANSWER_ENTRIES) ANSWERS.delete(ANSWERS.keys().next().value as string);
}

/** The values of `graph`'s outputs (their keys in order), computed now; throws the run's error when a task fails. */
export function computeAtPlanTime(graph: TaskGraph): unknown[] {
  const key = JSON.stringify(graph.outputs.map((o) => o.keys));
  const known = ANSWERS.get(key);
  if (known instanceof WeftError) throw known;
  if (known) return known;
  const probe = probeThread();
  Atomics.store(probe.flag, 0, 0);
  probe.worker.postMessage(graph);
  const waited = Atomics.wait(probe.flag, 0, 0, PROBE_TIME_BUDGET_MS);
  const message = receiveMessageOnPort(probe.port)?.message as ProbeAnswer | undefined;
  if (waited === 'timed-out' || !message) {
    void probe.worker.terminate();
    thread = null;
    const error = new WeftError('TASK_FAILED', `computing it while planning took longer than ${PROBE_TIME_BUDGET_MS / 1000} s (or ran out of its ${PROBE_HEAP_MB} MB heap)`);
    remember(key, error);
    throw error;
  }
  if ('failure' in message) {
    const error = new WeftError(message.failure.code, message.failure.message, message.failure.context);
    remember(key, error);
    throw error;
  }
  const values = message.values.map((bytes) => decodeValue(bytes));
  remember(key, values);
  return values;
}
