/** The kernel of nlargest/nsmallest: dataframe/aggregate/nlargest.ts, partials as frames or series. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import { frameSelectN, seriesSelectN } from '../../dataframe/aggregate/nlargest.js';
import { frameWire, portable } from './partial-wire.js';
import type { SelectNSpec } from './nlargest.js';
import { treeReducer } from './tree-reducer.js';

function kernel(spec: SelectNSpec): TreeReduction<unknown, unknown, unknown> {
  const made = spec.columns === null ? seriesSelectN(spec.n, spec.method) : frameSelectN(spec.n, spec.columns, spec.method);
  return portable(made as TreeReduction<unknown, never, unknown>, frameWire);
}

export const nlargestKernels: KernelSet = {
  reducers: { 'dataframe-select-n': treeReducer(kernel) },
};
