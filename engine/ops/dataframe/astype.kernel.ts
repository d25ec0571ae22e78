/** The kernel of `dataframe.astype`: each partition's columns cast. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { astypeFrame } from '../../dataframe/kernels/astype.js';
import { partitionStepKernel } from './partition-step.js';

export const astypeKernels: KernelSet = {
  stages: { 'dataframe-astype': partitionStepKernel('dataframe.astype', (frame, stage) => astypeFrame(frame as Frame, stage.dtype)) },
};
