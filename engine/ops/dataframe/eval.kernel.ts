/** The kernel of `dataframe.eval`: the expression evaluated on the column buffers of each partition. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { evalFrame } from '../../dataframe/query/query.js';
import { partitionStepKernel } from './partition-step.js';

export const evalKernels: KernelSet = {
  stages: { 'dataframe-eval': partitionStepKernel('dataframe.eval', (frame, stage) => {
      const result = evalFrame(frame as Frame, stage.expr);
      return result.kind === 'series' && stage.seriesName !== undefined ? { ...result, name: stage.seriesName } : result;
    }) },
};
