/** The kernel of groupby.agg and groupby.size: dataframe/aggregate's group partials, moved as frames. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import type { Frame, Series } from '../../dataframe/frame.js';
import type { GroupPartial } from '../../dataframe/aggregate/groupby-agg.js';
import { groupbyAgg } from '../../dataframe/aggregate/groupby-agg.js';
import { groupbySize } from '../../dataframe/aggregate/groupby-size.js';
import { groupPartialWire, portable } from './partial-wire.js';
import type { GroupbySpec } from './groupby.js';
import { treeReducer } from './tree-reducer.js';

/** The tree reduction of a groupby spec, its partials in wire form (frames). */
export function groupbyTreeKernel(spec: GroupbySpec): TreeReduction<unknown, unknown, unknown> {
  const made: TreeReduction<Frame, GroupPartial, Frame | Series> = spec.plan ? groupbyAgg(spec.plan, spec.options) : groupbySize(spec.by, spec.options);
  return portable(made, groupPartialWire(spec.by)) as TreeReduction<unknown, unknown, unknown>;
}

export const frameGroupbyKernels: KernelSet = {
  reducers: { 'dataframe-groupby': treeReducer(groupbyTreeKernel) },
};
