import type { Executor } from './executor.js';
import { KernelContext } from '../kernels/kernel-context.js';
import { runTask } from '../kernels/run-task.js';
import { KERNELS } from '../ops/kernels.js';
import { describeFailure, TaskFailedError } from './task-failure.js';
import { CancelledError } from '../errors.js';
import { decodeValue, encodeValue } from '../values/codec.js';
import { estimateSize } from '../values/estimate-size.js';

const YIELD_EVERY_MS = 10;

/**
 * Runs each task inline on the calling thread, one at a time (Dask's `get_sync`): for tests and for embedding.
 * A cancel is seen only between tasks, so user code that never returns cannot be cancelled; the session's `sync`
 * scheduler therefore runs its tasks on a pool of one worker thread instead (session.ts).
 */
export function createSyncExecutor(): Executor<unknown> {
  const ctx = new KernelContext(KERNELS);
  let lastYield = performance.now();
  return {
    name: 'sync',
    capacity: 1,
    async submit(batch, deps, functions, signal) {
      const tasks = [];
      for (let i = 0; i < batch.length; i++) {
        // Tasks that never wait for I/O would keep timers and signals (Ctrl-C, a cancel button) from ever running:
        // give the event loop a turn every few milliseconds.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        if (signal.aborted) throw new CancelledError();
        const started = performance.now();
        // A failed task's warnings go with it.
        ctx.takeWarnings();
        try {
          const result = runTask(batch[i], deps[i], functions, ctx, signal);
          const payloads = result instanceof Promise ? await result : result;
          const warnings = ctx.takeWarnings();
          tasks.push({ payloads, durationMs: performance.now() - started, ...(warnings.length ? { warnings } : {}) });
        } catch (e) {
          if (e instanceof CancelledError) throw e;
          throw new TaskFailedError({ ...describeFailure(e), index: i });
        }
      }
      return { worker: 0, tasks };
    },
    toValue: (payload) => payload,
    // Inline results are live objects: count them by an estimate of their encoding, which is what would spill.
    sizeOf: (payload) => estimateSize(payload),
    toBytes: (payload) => encodeValue(payload),
    fromBytes: (bytes) => decodeValue(bytes),
    close: async () => {},
  };
}
