/**
 * How a Session makes its own executor's threads, and the memory limit it assumes: one definition, so that a caller
 * that starts the threads before the rest of the engine has loaded (the `weft` command: cli/early-pool.ts) starts
 * exactly those the session would have. Kept free of the engine's heavier modules for that caller.
 */
import os from 'node:os';
import type { ThreadExecutorOptions } from '../schedule/thread-pool.js';

/** Half the machine's memory: room for the operating system, the app and the worker threads' own data. */
export function defaultMemoryLimit(): number {
  return Math.floor(os.totalmem() / 2);
}

/** What decides a session's own executor (see SessionOptions). */
export interface SessionExecutorOptions {
  scheduler?: 'sync' | 'threads';
  workers?: number;
  memoryLimit?: number;
}

/**
 * The thread pool of a session's own executor. `sync` is a pool of one, not the inline executor: user code blocking
 * this thread would keep the cancel signal from ever firing.
 */
export function sessionPoolOptions(options: SessionExecutorOptions): ThreadExecutorOptions {
  const memoryLimit = options.memoryLimit ?? defaultMemoryLimit();
  return options.scheduler === 'sync' ? { workers: 1, memoryLimit, name: 'sync' } : { workers: options.workers, memoryLimit };
}
