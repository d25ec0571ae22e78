/**
 * The file piscina loads in each worker thread: a CommonJS module that imports the worker's ES module (worker.ts)
 * asynchronously and forwards each task to it.
 *
 * Why not worker.js itself: piscina require()s its filename first, and on Node 20.19 and later require() of an ES
 * module instantiates the module graph synchronously. A thread terminated during that instantiation hits V8's fatal
 * "IsGraphAsync must be used on an instantiated module", which aborts the whole process (exit 134, no message). It
 * happens when a run fails or is cancelled: piscina replaces each aborted task's thread at once, and the pool is
 * closed a few milliseconds later, while the new thread is still loading. An asynchronous import() is stopped
 * cleanly instead. Measured with worker.js loaded directly: 1 crash in 1,200 abort-then-close cycles of a bare pool,
 * and 1 in 750 failing runs of test/support/failing-run-cycles.ts; with this entry, none in 4,200 and 750.
 */
import path = require('node:path');
import { loadBundle } from './bundle-loader.cjs';

type WorkerModule = typeof import('./worker.js');
type WorkerSettings = import('./worker.js').WorkerSettings;

// Piscina's own export: the pool's workerData, as worker.js reads it.
const { workerData } = require('piscina') as { workerData?: Partial<WorkerSettings> };
const workerModule = workerData?.workerModule ?? './worker.js';
// Started at once, so the module loads while the thread waits for its first task, as it would have under require().
// The bundle (a CommonJS script: no module graph to instantiate) comes through its code cache, on the next turn so
// that this file's own loading is never blocked by it.
const loading: Promise<WorkerModule> = workerModule.endsWith('.cjs')
  ? new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(loadBundle(path.join(__dirname, workerModule)) as WorkerModule);
        } catch (e) {
          reject(e);
        }
      }),
    )
  : import(workerModule);
// A thread terminated while loading rejects this; nothing waits for it then.
loading.catch(() => {});

exports.runTaskInWorker = async function runTaskInWorker(...args: Parameters<WorkerModule['runTaskInWorker']>): ReturnType<WorkerModule['runTaskInWorker']> {
  return (await loading).runTaskInWorker(...args);
};
