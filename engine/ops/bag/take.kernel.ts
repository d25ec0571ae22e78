/** The kernels of `bag.take`: a stage that stops its chain once it has k elements, and the final concatenation. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { PyTuple } from '../../values/py-types.js';

export const takeKernels: KernelSet = {
  stages: {
    take: {
      consumer(stage, next, _ctx, _functions, state) {
        let left = stage.k;
        if (left <= 0) state.stopped = true;
        return {
          push(x) {
            if (left <= 0) return;
            next.push(x);
            if (--left === 0) state.stopped = true;
          },
          end: () => next.end(),
        };
      },
    },
  },
  works: {
    'take-final': {
      run: (work, deps) => new PyTuple((deps as unknown[][]).flat().slice(0, work.k)),
    },
  },
};
