/** The kernel of `dataframe.len`: each partition's length, summed. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { lengthReduction } from '../../dataframe/aggregate/reductions.js';
import { treeReducer } from './tree-reducer.js';

export const lenKernels: KernelSet = {
  reducers: { 'dataframe-len': treeReducer(() => lengthReduction as never) },
};
