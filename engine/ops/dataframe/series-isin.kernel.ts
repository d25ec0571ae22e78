/** The kernel of `series.isin`: a membership mask, once per dictionary entry of an object column. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Series } from '../../dataframe/frame.js';
import { seriesIsin } from '../../dataframe/kernels/isin.js';
import { fromJson } from '../../values/from-json.js';
import { partitionStepKernel } from './partition-step.js';

export const seriesIsinKernels: KernelSet = {
  stages: { 'series-isin': partitionStepKernel('series.isin', (series, stage) => seriesIsin(series as Series, fromJson(stage.values))) },
};
