/** The reducer of `bag.reduction` (and of sum, min, max, any, all): the user's functions, called on lists. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { callUser, listStep } from '../../kernels/reducers.js';

export const reductionOpKernels: KernelSet = {
  reducers: {
    python: {
      partition: listStep((spec, elements, ctx, functions, nodeId) => callUser(() => ctx.callable(functions, spec.perpartition)(elements), nodeId)),
      combine: (spec, parts, _isLast, ctx, functions, nodeId) => callUser(() => ctx.callable(functions, spec.aggregate)(parts), nodeId),
    },
  },
};
