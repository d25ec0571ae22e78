/** The kernel of `series.to_frame`: the same buffer as a frame's one column. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Series } from '../../dataframe/frame.js';
import { seriesToFrame } from '../../dataframe/kernels/to-frame.js';
import { partitionStepKernel } from './partition-step.js';

export const seriesToFrameKernels: KernelSet = {
  stages: { 'series-to-frame': partitionStepKernel('series.to_frame', (series, stage) => seriesToFrame(series as Series, stage.name ?? undefined)) },
};
