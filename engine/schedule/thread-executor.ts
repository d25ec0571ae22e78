import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Executor } from './executor.js';
import type { WorkerRequest, WorkerResponse, WorkerSettings } from './worker.js';
import { concatSegments } from '../values/segments.js';
import { threadModule } from './thread-module.js';
import { garbageBudgetFor } from '../store/garbage-budget.js';
import { decodeValue } from '../values/codec.js';
import { KERNELS } from '../ops/kernels.js';
import { TaskFailedError } from './task-failure.js';
import { checkWorkers, MAX_WORKERS, MAX_WORKER_HEAP_MB, MIN_WORKER_HEAP_MB } from '../limits.js';

/** Options of the thread pool. */
export interface ThreadExecutorOptions {
  /** Worker threads, 1 to MAX_WORKERS (limits.ts); default one per core (at most MAX_WORKERS). */
  workers?: number;
  /**
   * The run's memory limit in bytes, if any: a tight one gets workers with a smaller young generation, and it sets
   * each worker's heap limit (see workerHeapMb); default half of the machine's memory.
   */
  memoryLimit?: number;
  /** How runs report the executor; default `threads` (the session's `sync` scheduler is a pool of one). */
  name?: string;
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

/** Of the memory limit, the share left to the workers (the result store spills past 30% of it: result-store.ts). */
const WORKERS_SHARE = 0.7;

/** A worker's old-generation heap limit in MB: its share of the memory limit, within the bounds of limits.ts. */
export function workerHeapMb(memoryLimit: number, workers: number): number {
  return Math.min(MAX_WORKER_HEAP_MB, Math.max(MIN_WORKER_HEAP_MB, Math.floor((memoryLimit * WORKERS_SHARE) / workers / MB)));
}

/**
 * Runs tasks on a piscina pool of worker threads. Results travel as encoded bytes in shared memory (neither copied out
 * of a worker nor into the next), stay encoded in the main thread, and are decoded only when a caller asks for a
 * value.
 */
export function createThreadExecutor(options: ThreadExecutorOptions = {}): Executor<Uint8Array> {
  checkWorkers(options.workers);
  const workers = options.workers ?? Math.min(MAX_WORKERS, os.availableParallelism());
  const heapMb = workerHeapMb(options.memoryLimit ?? Math.floor(os.totalmem() / 2), workers);
  const pool = new Piscina<WorkerRequest, WorkerResponse>({
    // A CommonJS entry that imports worker.js asynchronously: see worker-entry.cts for the crash it avoids.
    filename: new URL('./worker-entry.cjs', import.meta.url).href,
    name: 'runTaskInWorker',
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // A task that exhausts its heap kills only its worker (ERR_WORKER_OUT_OF_MEMORY), which piscina replaces.
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb(options.memoryLimit), maxOldGenerationSizeMb: heapMb },
    // Each worker takes one batch at a time, so the scheduler, not the pool's queue, decides the order.
    concurrentTasksPerWorker: 1,
    workerData: {
      garbageBudget: options.memoryLimit === undefined ? Infinity : garbageBudgetFor(options.memoryLimit),
      workerModule: threadModule('worker'),
    } satisfies WorkerSettings,
  });
  // A worker that dies with no task of ours running (out of memory in a task the run had already aborted) is
  // reported by the pool as an 'error' event: without a listener that would be an uncaught exception that ends the
  // process (the CLI, the app's server). Its task, if any, has already failed; piscina starts a replacement.
  pool.on('error', () => {});
  const workerIndex = new Map<number, number>();
  return {
    name: options.name ?? 'threads',
    capacity: workers,
    async submit(batch, deps, functions, signal) {
      const running = batch.length > 1 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
      let response: WorkerResponse;
      const threadsBefore = pool.threads.slice();
      try {
        response = await pool.run({ batch, deps, functions, running }, { signal });
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
    close: () => pool.destroy(),
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
