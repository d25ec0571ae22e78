import os from 'node:os';
import { Piscina } from 'piscina';
import type { Executor } from './executor.js';
import { splitResponse, type WorkerRequest, type WorkerResponse, type WorkerSettings } from './worker.js';
import { garbageBudgetFor } from '../store/garbage-budget.js';
import { decodeValue } from '../values/codec.js';
import { TaskFailedError } from './task-failure.js';

/** Options of the thread pool. */
export interface ThreadExecutorOptions {
  /** Worker threads; default one per core. */
  workers?: number;
  /** The run's memory limit in bytes, if any: a tight one gets workers with a smaller young generation. */
  memoryLimit?: number;
}

const MB = 1024 * 1024;

/**
 * The young generation of a worker's heap, where a task's short-lived objects (lines, split records) live. A large
 * one means fewer scavenges, hence speed on large partitions, but it is resident memory in every worker: with a
 * memory limit each worker gets at most 1/16 of it (16 MB of a 256 MB limit), between 8 and 64 MB.
 */
function youngGenerationMb(memoryLimit: number | undefined): number {
  if (memoryLimit === undefined) return 64;
  return Math.min(64, Math.max(8, Math.floor(memoryLimit / 16 / MB)));
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
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb(options.memoryLimit) },
    // Each worker takes one batch at a time, so the scheduler, not the pool's queue, decides the order.
    concurrentTasksPerWorker: 1,
    workerData: { garbageBudget: options.memoryLimit === undefined ? Infinity : garbageBudgetFor(options.memoryLimit) } satisfies WorkerSettings,
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
    // A payload must own its whole buffer (structured clone sends the whole buffer of a view); the one the spill
    // database reads a partition into does, so it is taken as it is rather than copied.
    fromBytes: (bytes) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)),
    close: () => pool.destroy(),
  };
}
