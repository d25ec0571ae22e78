/** The kernels of `bag.map`: the map stage, and the zip source that lines up the elements of several bags. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { PyTuple } from '../../values/py-types.js';
import { elementError } from '../../kernels/element-error.js';
import { PyException } from '../../expr/py-exception.js';

export const mapKernels: KernelSet = {
  stages: {
    map: {
      consumer(stage, next, ctx, functions) {
        const { nodeId } = stage;
        const f = ctx.callable(functions, stage.func);
        const spread = stage.spread === true;
        return {
          push(x) {
            let y: unknown;
            try {
              y = spread ? f(...(x as PyTuple).items) : f(x);
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
            next.push(y);
          },
          end: () => next.end(),
        };
      },
    },
  },
  sources: {
    zip: {
      feed(source, deps, head, state) {
        const parts = source.inputs.map((i) => deps[i] as unknown[]);
        const n = parts[0].length;
        if (parts.some((p) => p.length !== n)) {
          throw elementError(new PyException('ValueError', "map called with multiple bags that aren't identically partitioned. Please ensure that all bag arguments have the same partition lengths"), source.nodeId, null, false);
        }
        for (let i = 0; i < n && !state.stopped; i++) head.push(new PyTuple(parts.map((p) => p[i])));
        return undefined;
      },
    },
  },
};
