/** The kernel of `bag.map_partitions`: gathers the partition, then hands on what `func` made of it. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { isIterable, iter } from '../../expr/iterate.js';

export const mapPartitionsKernels: KernelSet = {
  stages: {
    map_partitions: {
      consumer(stage, next, ctx, functions) {
        const { nodeId } = stage;
        const f = ctx.callable(functions, stage.func);
        const buffer: unknown[] = [];
        return {
          push: (x) => void buffer.push(x),
          end() {
            let result: unknown;
            try {
              result = f(buffer);
            } catch (e) {
              throw elementError(e, nodeId, null, false);
            }
            // Dask keeps a partition as the function returned it and a bag's value concatenates partitions only when
            // they are non-string iterables; a string or a number stands for itself, so it becomes one element.
            if (typeof result === 'string' || !isIterable(result)) next.push(result);
            else {
              // A generator runs user code while it is iterated: its errors belong to this node too.
              try {
                for (const item of iter(result)) next.push(item);
              } catch (e) {
                throw elementError(e, nodeId, null, false);
              }
            }
            next.end();
          },
        };
      },
    },
  },
};
