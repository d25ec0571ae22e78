/** The reducer of `bag.topk`: toolz `topk` per partition, then over the partial results. */
import type { KernelContext } from '../../kernels/kernel-context.js';
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { callUser, listStep } from '../../kernels/reducers.js';

export const topkKernels: KernelSet = {
  reducers: {
    topk: {
      partition: listStep((spec, elements, ctx, functions, nodeId) => topk(spec.k, spec.key, elements, ctx, functions, nodeId)),
      combine: (spec, parts, _isLast, ctx, functions, nodeId) => topk(spec.k, spec.key, (parts as unknown[][]).flat(), ctx, functions, nodeId),
    },
  },
};

/** toolz `topk` is `heapq.nlargest`, which equals `sorted(seq, key=key, reverse=True)[:k]`; Python's own sort rules apply. */
function topk(k: number, key: string | null, elements: unknown[], ctx: KernelContext, functions: string, nodeId: string): unknown[] {
  const keyFn = key === null ? 'None' : `key_fn_`;
  const sorter = ctx.callable(functions, `lambda seq_, k_, key_fn_: sorted(seq_, key=${keyFn}, reverse=True)[:k_]`);
  return callUser(() => sorter(elements, k, key === null ? null : ctx.keyFunction(functions, key)), nodeId) as unknown[];
}
