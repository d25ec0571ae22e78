/** The kernel of `series.map`: a compiled Python callable or a dict lookup, once per distinct object value. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Series } from '../../dataframe/frame.js';
import { seriesMap } from '../../dataframe/kernels/map.js';
import { mapArgOf } from './series-map.js';
import { partitionStepKernel } from './partition-step.js';

export const seriesMapKernels: KernelSet = {
  stages: {
    'series-map': partitionStepKernel('series.map', (series, stage, ctx, functions) => seriesMap(series as Series, mapArgOf(stage.arg, (source) => ctx.callable(functions, source)))),
  },
};
