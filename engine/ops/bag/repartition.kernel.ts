/** The kernel of `bag.repartition` going up: the pieces sink, which cuts one partition into several results. */
import type { KernelSet } from '../../kernels/kernel-registry.js';

export const repartitionKernels: KernelSet = {
  sinks: {
    pieces: {
      consumer(sink) {
        const out: unknown[] = [];
        return { push: (x) => void out.push(x), end() {}, result: () => splitPieces(out, sink.n) };
      },
      outputs: (sink) => sink.n,
    },
  },
};

/** Dask's `split`: piece i of n is seq[int(len/n*i) : int(len/n*(i+1))], and the last piece runs to the end. */
export function splitPieces(items: unknown[], n: number): unknown[][] {
  const part = items.length / n;
  return Array.from({ length: n }, (_, i) => items.slice(Math.trunc(part * i), i === n - 1 ? items.length : Math.trunc(part * (i + 1))));
}
