/** The kernel of `bag.product`: every (a, b) pair of two input partitions, a-major. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { PyTuple } from '../../values/py-types.js';

export const productKernels: KernelSet = {
  sources: {
    product: {
      feed(source, deps, head, state) {
        const left = deps[source.left] as unknown[];
        const right = deps[source.right] as unknown[];
        for (const a of left) {
          for (const b of right) {
            head.push(new PyTuple([a, b]));
            if (state.stopped) return undefined;
          }
        }
        return undefined;
      },
    },
  },
};
