/** The kernels of value_counts, unique and nunique: dataframe/aggregate/value-counts.ts, partials as series. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import { nunique, unique, valueCounts } from '../../dataframe/aggregate/value-counts.js';
import { frameWire, portable } from './partial-wire.js';
import type { ValueCountsSpec } from './series-value-counts.js';
import { treeReducer } from './tree-reducer.js';

/** The tree reduction of a value-counting spec (Series partials); `totalLength` is what normalize divides by. */
export function valueCountsTreeKernel(spec: ValueCountsSpec, totalLength?: number): TreeReduction<unknown, unknown, unknown> {
  const made = spec.how === 'value_counts' ? valueCounts(totalLength === undefined ? spec.options : { ...spec.options, totalLength }) : spec.how === 'unique' ? unique() : nunique({ dropna: spec.options.dropna ?? true });
  return portable(made as TreeReduction<unknown, never, unknown>, frameWire);
}

export const seriesValueCountsKernels: KernelSet = {
  reducers: { 'series-value-counts': treeReducer((spec: ValueCountsSpec) => valueCountsTreeKernel(spec)) },
};
