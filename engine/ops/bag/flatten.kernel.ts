/** The kernel of `bag.flatten`: each element's items, handed on one by one (a list at once when it can be). */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { iter } from '../../expr/iterate.js';

export const flattenKernels: KernelSet = {
  stages: {
    flatten: {
      consumer(stage, next) {
        const { nodeId } = stage;
        return {
          push(x) {
            if (Array.isArray(x)) {
              if (next.pushAll) next.pushAll(x);
              else for (let i = 0; i < x.length; i++) next.push(x[i]);
              return;
            }
            let items: Iterable<unknown>;
            try {
              items = iter(x);
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
            for (const item of items) next.push(item);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
