/** The kernel of `series.astype`: each partition's values cast. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Series } from '../../dataframe/frame.js';
import { astypeSeries } from '../../dataframe/kernels/astype.js';
import { partitionStepKernel } from './partition-step.js';

export const seriesAstypeKernels: KernelSet = {
  stages: { 'series-astype': partitionStepKernel('series.astype', (series, stage) => astypeSeries(series as Series, stage.dtype)) },
};
