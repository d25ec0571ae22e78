/** The kernel of `dataframe.dropna`: the rows kept, labels and all. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { dropna } from '../../dataframe/kernels/dropna.js';
import { partitionStepKernel } from './partition-step.js';

export const dropnaKernels: KernelSet = {
  stages: { 'dataframe-dropna': partitionStepKernel('dataframe.dropna', (frame, stage) => dropna(frame as Frame, { how: stage.how, subset: stage.subset })) },
};
