/**
 * Prompt release of dead partitions. V8 frees an ArrayBuffer's memory only when a garbage collection finds it dead,
 * and it starts a collection for external memory only after about 64 MB more of it since the last one, per thread:
 * the main thread and two workers can sit on ~200 MB of dead buffers, most of a 256 MB limit, while their heaps
 * are nearly empty. So, under a memory limit, a thread that has let go of more than its budget of buffer bytes
 * since its last collection collects at once; small heaps make that a few milliseconds.
 *
 * Node has no API for a collection; the collector is reached the way Jest's leak detector does it (the expose-gc
 * flag set at run time, `gc` taken from a fresh context). Set only when a budget first runs out, so runs without a
 * memory limit never touch V8's flags.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** The smallest budget: below it a collection per task would cost more than the memory it returns. */
const MIN_BUDGET = 4 * 1024 * 1024;

/** The budget of each thread for a memory limit: a sixteenth of it (16 MB of 256 MB), at least 4 MB. */
export function garbageBudgetFor(memoryLimit: number): number {
  return Math.max(MIN_BUDGET, Math.floor(memoryLimit / 16));
}

export class GarbageBudget {
  private released = 0;

  /** @param budget bytes of dropped buffers that trigger a collection; Infinity: never. */
  constructor(private readonly budget: number) {}

  /** Counts `bytes` of buffers this thread no longer holds, and collects once they pass the budget. */
  release(bytes: number): void {
    this.released += bytes;
    if (this.released < this.budget) return;
    this.released = 0;
    collectGarbage();
  }
}

let collector: (() => void) | undefined;

function collectGarbage(): void {
  if (!collector) {
    v8.setFlagsFromString('--expose-gc');
    collector = vm.runInNewContext('gc') as () => void;
  }
  collector();
}
