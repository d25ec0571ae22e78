/** The kernel of `dataframe.rename`: the same buffers under new labels. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { renameColumns } from '../../dataframe/kernels/rename.js';
import { partitionStepKernel } from './partition-step.js';

export const renameKernels: KernelSet = {
  stages: { 'dataframe-rename': partitionStepKernel('dataframe.rename', (frame, stage) => renameColumns(frame as Frame, stage.columns)) },
};
