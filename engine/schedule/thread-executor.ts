import os from 'node:os';
import { Piscina } from 'piscina';
import type { Executor } from './executor.js';
import { splitResponse, type WorkerRequest, type WorkerResponse } from './worker.js';
import { decodeValue } from '../values/codec.js';
import { TaskFailedError } from './task-failure.js';

/** Options of the thread pool. */
export interface ThreadExecutorOptions {
  /** Worker threads; default one per core. */
  workers?: number;
}

/**
 * Runs tasks on a piscina pool of worker threads. Results travel as encoded bytes (transferred out of the worker,
 * copied in), stay encoded in the main thread, and are decoded only when a caller asks for a value.
 */
export function createThreadExecutor(options: ThreadExecutorOptions = {}): Executor<Uint8Array> {
  const workers = Math.max(1, options.workers ?? os.availableParallelism());
  const pool = new Piscina<WorkerRequest, WorkerResponse>({
    filename: new URL('./worker.js', import.meta.url).href,
    name: 'runTaskInWorker',
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
    // Each worker takes one batch at a time, so the scheduler, not the pool's queue, decides the order.
    concurrentTasksPerWorker: 1,
  });
  const workerIndex = new Map<number, number>();
  return {
    name: 'threads',
    capacity: workers,
    async submit(batch, deps, functions, signal) {
      const response = await pool.run({ batch, deps, functions }, { signal });
      if (!(response instanceof Uint8Array)) throw new TaskFailedError(response.failure);
      const { tasks, threadId } = splitResponse(response);
      let worker = workerIndex.get(threadId);
      if (worker === undefined) workerIndex.set(threadId, (worker = workerIndex.size));
      return { worker, tasks };
    },
    toValue: (payload) => decodeValue(payload),
    sizeOf: (payload) => payload.byteLength,
    toBytes: (payload) => payload,
    // A buffer of its own: SQLite hands back one that the next read may reuse.
    fromBytes: (bytes) => new Uint8Array(bytes),
    close: () => pool.destroy(),
  };
}
