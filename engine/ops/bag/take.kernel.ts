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
      run(work, deps, _functions, ctx) {
        const taken = (deps as unknown[][]).flat().slice(0, work.k);
        // safe_take's warnings.warn, from inside the task, when the partitions looked at hold fewer than k.
        if (taken.length < work.k) {
          ctx.warn(work.nodeId, `Insufficient elements for \`take\`. ${work.k} elements requested, only ${taken.length} elements available. Try passing larger \`npartitions\` to \`take\`.`);
        }
        return new PyTuple(taken);
      },
    },
  },
};
