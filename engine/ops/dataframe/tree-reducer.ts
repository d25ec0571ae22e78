/**
 * A dask.dataframe tree reduction (dataframe/aggregate/tree.ts: chunk → combine → aggregate) as a reducer kernel of
 * the engine's reduction layer: each partition's chain pushes its one frame into the chunk step; the aggregate levels
 * combine, and the last one aggregates. A numpy scalar that ends a reduction becomes the Python value Dask computes
 * (`np.int64` → int, `np.float64` → float); a Series or DataFrame that ends one is the one partition of the
 * collection it makes (a partition's value is the one-element list of its frame).
 */
import type { ReducerKernel } from '../../kernels/kernel-registry.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import { isScalarValue, type Scalar } from '../../dataframe/aggregate/scalar.js';
import { makeFloat } from '../../values/py-types.js';
import { WeftError } from '../../errors.js';
import { isFrameValue } from '../../dataframe/frame-codec.js';

/** The Python value of a reduction's result: a numpy scalar unboxed, anything else (a frame, a series) as it is. */
export function pythonResult(value: unknown): unknown {
  if (!isScalarValue(value)) return value;
  const s = value as Scalar;
  if (s.dtype === 'float64') return makeFloat(s.value as number);
  return s.value;
}

/** What the last aggregate of a reduction hands on: a Python value for an item, a partition for a Series or frame. */
export function reductionResult(value: unknown): unknown {
  return isFrameValue(value) ? [value] : pythonResult(value);
}

/**
 * Errors raised by a kernel name the node they happened in: a task failure through its context (the scheduler
 * writes the node and partition before the message), any other error in its message too.
 */
function inNode<T>(nodeId: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof WeftError && e.context.nodeId === undefined) {
      const message = e.code === 'TASK_FAILED' ? e.message : `node '${nodeId}': ${e.message}`;
      throw new WeftError(e.code, message, { ...e.context, nodeId }, { cause: e });
    }
    throw e;
  }
}

/** The reducer kernel of a tree reduction made from its spec. */
export function treeReducer<S>(make: (spec: S) => TreeReduction<unknown, unknown, unknown>): ReducerKernel<S> {
  return {
    partition(spec, isLast, _ctx, _functions, nodeId) {
      const kernel = make(spec);
      let partial: unknown;
      return {
        push: (partition) => void (partial = inNode(nodeId, () => kernel.chunk(partition))),
        end() {},
        result: () => (isLast ? reductionResult(inNode(nodeId, () => kernel.aggregate([partial]))) : partial),
      };
    },
    combine(spec, parts, isLast, _ctx, _functions, nodeId) {
      const kernel = make(spec);
      return inNode(nodeId, () => (isLast ? reductionResult(kernel.aggregate(parts)) : kernel.combine(parts)));
    },
  };
}
