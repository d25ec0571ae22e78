/** The kernel of `dataframe.getitem`: the selected column buffers, shared, not copied. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { getitem } from '../../dataframe/kernels/getitem.js';
import { partitionStepKernel } from './partition-step.js';

export const getitemKernels: KernelSet = {
  stages: { 'dataframe-getitem': partitionStepKernel('dataframe.getitem', (frame, stage) => getitem(frame as Frame, stage.key)) },
};
