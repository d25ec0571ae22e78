/** The kernel of `bag.filter` and `bag.remove`: keep the elements whose predicate's truth is `keep`. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { truthy } from '../../expr/index.js';

export const filterKernels: KernelSet = {
  stages: {
    filter: {
      consumer(stage, next, ctx, functions) {
        const { nodeId, keep } = stage;
        const p = ctx.callable(functions, stage.predicate);
        return {
          push(x) {
            let ok: boolean;
            try {
              ok = truthy(p(x));
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
            if (ok === keep) next.push(x);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
