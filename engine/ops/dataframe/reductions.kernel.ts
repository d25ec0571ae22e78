/** The kernels of the per-column reductions: dataframe/aggregate's reductions and moments, their partials portable. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame, Series } from '../../dataframe/frame.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import type { Scalar } from '../../dataframe/aggregate/scalar.js';
import { frameMean, frameReduction, selectColumns, seriesMean, seriesReduction } from '../../dataframe/aggregate/reductions.js';
import { frameMoments, seriesMoments } from '../../dataframe/aggregate/moments.js';
import { composite, frameWire, momentsWire, onInput, portable, scalarWire } from './partial-wire.js';
import type { FrameReductionSpec, SeriesReductionSpec } from './reductions.js';
import { treeReducer } from './tree-reducer.js';

type Any = TreeReduction<unknown, unknown, unknown>;

function frameKernel(spec: FrameReductionSpec): Any {
  switch (spec.how) {
    case 'mean': {
      const numeric = (frame: Frame) => selectColumns(frame, spec.columns);
      const part = (how: 'sum' | 'count') => ({ kernel: onInput(portable(frameReduction(how, { skipna: spec.skipna }), frameWire), numeric) as Any, oneAggregate: false });
      return composite([part('sum'), part('count')], ([sum, count]) => frameMean(sum as Series, count as Series)) as Any;
    }
    case 'var':
    case 'std':
      return portable(frameMoments(spec.meta, { ddof: spec.ddof, std: spec.how === 'std' }), momentsWire) as Any;
    default:
      return portable(frameReduction(spec.how, { skipna: spec.skipna }), frameWire) as Any;
  }
}

function seriesKernel(spec: SeriesReductionSpec): Any {
  switch (spec.how) {
    case 'mean': {
      const part = (how: 'sum' | 'count') => ({ kernel: portable(seriesReduction(how, { skipna: spec.skipna }), scalarWire) as Any, oneAggregate: false });
      return composite([part('sum'), part('count')], ([sum, count]) => seriesMean(sum as Scalar, count as Scalar)) as Any;
    }
    case 'var':
    case 'std':
      return portable(seriesMoments({ ddof: spec.ddof, std: spec.how === 'std' }), momentsWire) as Any;
    default:
      return portable(seriesReduction(spec.how, { skipna: spec.skipna }), scalarWire) as Any;
  }
}

export const reductionsKernels: KernelSet = {
  reducers: {
    'dataframe-reduction': treeReducer(frameKernel),
    'series-reduction': treeReducer(seriesKernel),
  },
};
