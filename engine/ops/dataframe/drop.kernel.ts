/** The kernel of `dataframe.drop`: the other columns' buffers, shared. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { dropColumns } from '../../dataframe/kernels/drop.js';
import { partitionStepKernel } from './partition-step.js';

export const dropKernels: KernelSet = {
  stages: { 'dataframe-drop': partitionStepKernel('dataframe.drop', (frame, stage) => dropColumns(frame as Frame, stage.columns)) },
};
