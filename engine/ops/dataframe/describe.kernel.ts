/** The kernels of describe and quantile: dataframe/aggregate's reductions, moments, quantiles and describe. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame, Series } from '../../dataframe/frame.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import type { Scalar } from '../../dataframe/aggregate/scalar.js';
import { frameMean, frameReduction, selectColumns, seriesMean, seriesReduction } from '../../dataframe/aggregate/reductions.js';
import { frameMoments, seriesMoments } from '../../dataframe/aggregate/moments.js';
import { frameQuantile, namedQuantile, seriesQuantile } from '../../dataframe/aggregate/quantile.js';
import { DESCRIBE_PERCENTILES, describeFrame, describeNonNumericSeries, describeSeries } from '../../dataframe/aggregate/describe.js';
import { valueCounts } from '../../dataframe/aggregate/value-counts.js';
import { columnPercentilesWire, composite, frameWire, momentsWire, onInput, percentilesWire, portable, scalarWire, type Component } from './partial-wire.js';
import type { DescribeSpec, QuantileSpec } from './describe.js';
import { treeReducer } from './tree-reducer.js';

type Any = TreeReduction<unknown, unknown, unknown>;

function frameDescribe(spec: DescribeSpec & { meta: NonNullable<DescribeSpec['meta']> }): Any {
  const names = spec.meta.columns.map((c) => c.name);
  const one = spec.oneAggregate;
  const reduce = (how: 'sum' | 'count' | 'min' | 'max'): Component => ({ kernel: portable(frameReduction(how), frameWire) as Any, oneAggregate: one });
  const mean = composite([reduce('sum'), reduce('count')], ([s, n]) => frameMean(s as Series, n as Series));
  const components: Component[] = [
    reduce('count'),
    { kernel: mean as Any, oneAggregate: false },
    { kernel: portable(frameMoments(spec.meta, { std: true }), momentsWire) as Any, oneAggregate: false },
    reduce('min'),
    { kernel: portable(frameQuantile(spec.meta, DESCRIBE_PERCENTILES), columnPercentilesWire) as Any, oneAggregate: false },
    reduce('max'),
  ];
  const all = composite(components, ([count, meanOf, std, min, quantiles, max]) =>
    describeFrame({ count: count as Series, mean: meanOf as Series, std: std as Series, min: min as Series, quantiles: quantiles as Frame, max: max as Series }),
  );
  return onInput(all, (frame: Frame) => selectColumns(frame, names)) as Any;
}

function seriesDescribe(spec: DescribeSpec): Any {
  const one = spec.oneAggregate;
  const reduce = (how: 'sum' | 'count' | 'min' | 'max'): Component => ({ kernel: portable(seriesReduction(how), scalarWire) as Any, oneAggregate: one });
  const mean = composite([reduce('sum'), reduce('count')], ([s, n]) => seriesMean(s as Scalar, n as Scalar));
  const components: Component[] = [
    reduce('count'),
    { kernel: mean as Any, oneAggregate: false },
    { kernel: portable(seriesMoments({ std: true }), momentsWire) as Any, oneAggregate: false },
    reduce('min'),
    { kernel: portable(seriesQuantile(DESCRIBE_PERCENTILES), percentilesWire) as Any, oneAggregate: false },
    reduce('max'),
  ];
  return composite(components, ([count, meanOf, std, min, quantiles, max]) =>
    describeSeries(spec.name, { count: count as Scalar, mean: meanOf as Scalar, std: std as Scalar, min: min as Scalar, quantiles: quantiles as Series, max: max as Scalar }),
  ) as Any;
}

function nonNumericDescribe(spec: DescribeSpec): Any {
  const components: Component[] = [
    { kernel: portable(valueCounts(), frameWire) as Any, oneAggregate: false },
    { kernel: portable(seriesReduction('count'), scalarWire) as Any, oneAggregate: false },
  ];
  return composite(components, ([counts, count]) => describeNonNumericSeries(spec.name, counts as Series, count as Scalar)) as Any;
}

function quantile(spec: QuantileSpec): Any {
  const kernel = portable(seriesQuantile(spec.q), percentilesWire);
  return { ...kernel, aggregate: (parts) => namedQuantile(kernel.aggregate(parts), spec.name) } as Any;
}

export const describeKernels: KernelSet = {
  reducers: {
    'dataframe-describe': treeReducer((spec: DescribeSpec) => (spec.meta ? frameDescribe({ ...spec, meta: spec.meta }) : spec.nonNumeric ? nonNumericDescribe(spec) : seriesDescribe(spec))),
    'series-quantile': treeReducer(quantile),
  },
};
