/**
 * The generic machinery of Dask's `Bag.reduction` tree (dask/bag/core.py: `reduction`, `empty_safe_apply`): the
 * per-partition step runs as the sink of each partition's chain, and each aggregate task combines its inputs'
 * partial results. An empty partition gives NO_RESULT unless it is the last step, and aggregates leave those out, so
 * an empty partition contributes nothing, as in Dask. What each reducer computes is its kernel, beside its
 * operation (ops/bag/*.kernel.ts).
 */
import type { ReducerSpec } from '../graph/reducer-spec.js';
import type { SinkConsumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';
import type { KernelSet, ReducerKernel } from './kernel-registry.js';
import { elementError } from './element-error.js';
import { NO_RESULT } from '../values/no-result.js';

/** The aggregate step: combines partial results; the last one gives the node's value. */
export function aggregate(spec: ReducerSpec, parts: unknown[], isLast: boolean, ctx: KernelContext, functions: string, nodeId: string): unknown {
  const present = parts.filter((p) => p !== NO_RESULT);
  if (present.length === 0 && !isLast) return NO_RESULT;
  return ctx.kernels.reducer(spec.kind).combine(spec, present, isLast, ctx, functions, nodeId);
}

/**
 * The per-partition step of a reducer that needs the partition as a list (a user's function, topk, mean): gathers
 * the elements, then applies `apply` to them; an empty partition gives NO_RESULT unless it is the last step.
 */
export function listStep<R>(apply: (spec: R, elements: unknown[], ctx: KernelContext, functions: string, nodeId: string) => unknown): ReducerKernel<R>['partition'] {
  return (spec, isLast, ctx, functions, nodeId): SinkConsumer => {
    const elements: unknown[] = [];
    return {
      push: (x) => void elements.push(x),
      end() {},
      result: () => (elements.length === 0 && !isLast ? NO_RESULT : apply(spec, elements, ctx, functions, nodeId)),
    };
  };
}

/** Runs user code over a whole partition or a list of partial results: its error belongs to the node, no element. */
export function callUser(fn: () => unknown, nodeId: string): unknown {
  try {
    return fn();
  } catch (e) {
    throw elementError(e, nodeId, null, false);
  }
}

export const reductionKernels: KernelSet = {
  sinks: {
    reduce: {
      consumer: (sink, ctx, functions) => ctx.kernels.reducer(sink.reducer.kind).partition(sink.reducer, sink.isLast, ctx, functions, sink.nodeId),
    },
  },
  works: {
    aggregate: {
      run: (work, deps, functions, ctx) => aggregate(work.reducer, deps, work.isLast, ctx, functions, work.nodeId),
    },
  },
};
