import type { Worker } from 'node:worker_threads';
import type { Executor } from './executor.js';
import type { WorkerResponse } from './worker.js';
import { concatSegments } from '../values/segments.js';
import { decodeValue } from '../values/codec.js';
import { KERNELS } from '../ops/kernels.js';
import { TaskFailedError } from './task-failure.js';
import { startThreadPool, type StartedPool, type ThreadExecutorOptions } from './thread-pool.js';

export type { ThreadExecutorOptions } from './thread-pool.js';

/**
 * Runs tasks on a piscina pool of worker threads. Results travel as encoded bytes in shared memory (neither copied out
 * of a worker nor into the next), stay encoded in the main thread, and are decoded only when a caller asks for a
 * value. `started`: its threads, started earlier with these options (thread-pool.ts); it closes them.
 */
export function createThreadExecutor(options: ThreadExecutorOptions & { started?: StartedPool } = {}): Executor<Uint8Array> {
  // Threads already started for these options (cli/early-pool.ts), or started now.
  const started = options.started ?? startThreadPool(options);
  const { pool, workers, heapMb } = started;
  const workerIndex = new Map<number, number>();
  return {
    name: options.name ?? 'threads',
    capacity: workers,
    async submit(batch, deps, functions, signal) {
      const running = batch.length > 1 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
      let response: WorkerResponse;
      const threadsBefore = pool.threads.slice();
      try {
        const runnable = batch.map((task) => (task.produces ? { work: task.work, produces: task.produces } : { work: task.work }));
        response = await pool.run({ batch: runnable, deps, functions, running }, { signal });
      } catch (e) {
        if (signal.aborted) {
          // Piscina rejects an aborted task first and terminates its thread after, so the task may still be writing
          // (a partial output file) when the run cleans up: answer only once the threads it removed have stopped.
          await untilStopped(threadsBefore.filter((t) => !pool.threads.includes(t)));
        }
        if ((e as NodeJS.ErrnoException)?.code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e;
        // Python's answer to an allocation that cannot be satisfied; the scheduler adds the node and partition.
        const index = running ? Atomics.load(running, 0) : 0;
        // Which of a fused task's nodes was allocating is lost with the thread: name them all.
        const nodeIds = batch[Math.min(index, batch.length - 1)].nodeIds;
        const nodes = `node${nodeIds.length > 1 ? 's' : ''} ${nodeIds.map((n) => `'${n}'`).join(', ')}`;
        throw new TaskFailedError({ code: 'TASK_FAILED', message: `MemoryError: out of memory in the task of ${nodes} (a worker thread's heap is limited to ${heapMb} MB)`, index });
      }
      if ('failure' in response) throw new TaskFailedError(response.failure);
      const { tasks, threadId } = response;
      let worker = workerIndex.get(threadId);
      if (worker === undefined) workerIndex.set(threadId, (worker = workerIndex.size));
      return { worker, tasks };
    },
    // Only the main thread's registry is asked; the workers' is the same code.
    readsSpilled: (task, index) => KERNELS.readsSpilled(task, index),
    toValue: (payload) => decodeValue(payload),
    sizeOf: (payload) => payload.byteLength,
    toBytes: (payload) => payload,
    // A payload read back from the spill database goes into shared memory, as a worker's results come, so that the
    // tasks reading it get it without a copy (and its frames' arrays aligned).
    fromBytes: (bytes) => (bytes.buffer instanceof SharedArrayBuffer ? bytes : concatSegments([bytes], true)),
    close: () => started.close(),
  };
}

/** How long a terminated thread may take to stop before the run goes on without it (a long native call). */
const STOP_WAIT_MS = 2000;

/** Resolves once every one of `workers` has exited (its threadId is then -1), or after STOP_WAIT_MS. */
function untilStopped(workers: Worker[]): Promise<void> {
  const running = workers.filter((w) => w.threadId !== -1);
  if (running.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, STOP_WAIT_MS);
    let left = running.length;
    for (const w of running) {
      w.once('exit', () => {
        if (--left === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}
