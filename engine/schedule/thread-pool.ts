/**
 * Starting the worker threads of a thread executor: the piscina pool, sized and limited for the run's memory. Apart
 * from thread-executor.ts, which runs tasks on it, so that a caller can start the threads before the rest of the
 * engine has loaded (the `weft` command: cli/early-pool.ts) and hand them to the executor once it has.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { WorkerRequest, WorkerResponse, WorkerSettings } from './worker.js';
import { threadModule } from './thread-module.js';
import { garbageBudgetFor } from '../store/garbage-budget.js';
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

/** Worker threads started for a thread executor, with what they were started as. */
export interface StartedPool {
  pool: Piscina<WorkerRequest, WorkerResponse>;
  workers: number;
  /** Each worker's old-generation heap limit. */
  heapMb: number;
  /** Stops the threads; again, it does nothing. */
  close(): Promise<void>;
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

/** Starts the threads a thread executor with these options runs on. */
export function startThreadPool(options: ThreadExecutorOptions): StartedPool {
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
  let closing: Promise<void> | undefined;
  return { pool, workers, heapMb, close: () => (closing ??= pool.destroy()) };
}
