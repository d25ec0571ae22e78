/** The kernel of `dataframe.fillna`: each partition's missing values replaced. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { fillnaFrame } from '../../dataframe/kernels/fillna.js';
import { fromJson } from '../../values/from-json.js';
import { partitionStepKernel } from './partition-step.js';

export const fillnaKernels: KernelSet = {
  stages: { 'dataframe-fillna': partitionStepKernel('dataframe.fillna', (frame, stage) => fillnaFrame(frame as Frame, fromJson(stage.value))) },
};
