/**
 * dask.dataframe's per-column reductions as operations: `df.sum()`, `mean`, `count`, `min`, `max`, `std`, `var`
 * (a Series of one partition, indexed by the column names) and the same methods of a Series (an item: the Python
 * value Dask computes). sum/min/max/count/mean reduce in one aggregate unless split_every says otherwise; var and
 * std follow dask.array's tree (4 by default), as Dask reduces `df.values` with `da.nanvar`.
 */
import type { BuildContext, BuiltLayer, OpDefinition, ParamSpec } from '../op-definition.js';
import { inputOf, treeShapeLayer } from '../layer-builders.js';
import type { FrameMeta, Label } from '../../dataframe/frame.js';
import { arrayTreeShape, dataframeTreeShape } from '../../dataframe/aggregate/tree.js';
import { assertNumericSeries, frameMeanMeta, frameReductionMeta, numericColumns, seriesReductionMeta } from '../../dataframe/aggregate/reductions.js';
import { frameMomentsMeta, seriesMomentsMeta } from '../../dataframe/aggregate/moments.js';
import { WeftError } from '../../errors.js';
import { atPlan, itemOf, labelDivisions, seriesOf, splitEveryOf, splitEveryParam } from './reduced-collection.js';

/** The reductions of this family. */
export type ReductionName = 'sum' | 'mean' | 'count' | 'min' | 'max' | 'std' | 'var';

/** A per-column reduction of a frame, as plain data: the meta of the columns it reads. */
export interface FrameReductionSpec {
  kind: 'dataframe-reduction';
  how: ReductionName;
  meta: FrameMeta;
  /** The numeric columns mean reads. */
  columns: Label[];
  ddof: number;
  skipna: boolean;
}

/** A reduction of a Series to one value. */
export interface SeriesReductionSpec {
  kind: 'series-reduction';
  how: ReductionName;
  ddof: number;
  skipna: boolean;
}

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    'dataframe-reduction': FrameReductionSpec;
    'series-reduction': SeriesReductionSpec;
  }
}

const DOCS: Record<ReductionName, string> = {
  sum: 'The sum of each column (a Series indexed by the column names); NaN skipped, strings concatenated.',
  mean: 'The mean of each number and bool column: its sum over its count of values.',
  count: 'The number of non-missing values of each column.',
  min: 'The smallest value of each column; NaN skipped.',
  max: 'The largest value of each column; NaN skipped.',
  std: "The standard deviation of each number and bool column, Dask's (dask.array's moments, ddof=1 by default).",
  var: "The variance of each number and bool column, Dask's (dask.array's moments, ddof=1 by default).",
};

const SERIES_DOCS: Record<ReductionName, string> = {
  sum: "The sum of the values (a Python int or float); NaN skipped.",
  mean: 'The mean of the values: their sum over their count.',
  count: 'The number of non-missing values.',
  min: 'The smallest value; NaN skipped.',
  max: 'The largest value; NaN skipped.',
  std: "The standard deviation, Dask's (dask.array's moments, ddof=1 by default).",
  var: "The variance, Dask's (dask.array's moments, ddof=1 by default).",
};

function isMoment(how: ReductionName): boolean {
  return how === 'var' || how === 'std';
}

function paramsOf(how: ReductionName): ParamSpec[] {
  const params: ParamSpec[] = [];
  if (how !== 'count') params.push({ name: 'skipna', type: 'bool', required: false, default: true, doc: isMoment(how) ? 'Skip missing values (Weft: only True).' : 'Skip missing values; False makes a float column holding NaN reduce to NaN.' });
  if (isMoment(how)) params.push({ name: 'ddof', type: 'int', required: false, default: 1, doc: 'Delta degrees of freedom: the divisor is N − ddof.' });
  params.push(splitEveryParam(false, isMoment(how) ? 'How many partials each step combines (default 4, dask.array’s tree).' : 'How many partials each step combines (default false: one aggregate over all partitions).'));
  return params;
}

/** Dask's var/std with skipna=False is dask.array's plain var, which Weft's moments do not compute. */
function skipnaOf(ctx: BuildContext, how: ReductionName): boolean {
  const skipna = (ctx.params.skipna as boolean | undefined) ?? true;
  if (!skipna && isMoment(how)) throw new WeftError('BAD_PARAM', `node '${ctx.node.id}' (${ctx.node.op}): skipna=False is not supported by Weft for ${how}`, { nodeId: ctx.node.id });
  return skipna;
}

/** The tree Dask lays the reduction out along. */
function shapeOf(ctx: BuildContext, how: ReductionName, npartitions: number) {
  const every = splitEveryOf(ctx) ?? false;
  return isMoment(how) ? arrayTreeShape(npartitions, every) : dataframeTreeShape(npartitions, every);
}

function frameReductionOp(how: ReductionName): OpDefinition {
  return {
    collection: 'dataframe',
    name: how,
    group: 'aggregate',
    doc: DOCS[how],
    inputs: ['dataframe'],
    output: 'series',
    params: paramsOf(how),
    python: { call: 'method', positional: [] },
    build(ctx): BuiltLayer {
      const input = inputOf(ctx, 'dataframe');
      const meta = atPlan(ctx, () => (how === 'mean' ? frameMeanMeta(input.meta) : isMoment(how) ? frameMomentsMeta(input.meta) : frameReductionMeta(input.meta, how as 'sum')));
      const labels = how === 'mean' || isMoment(how) ? numericColumns(input.meta) : input.meta.columns.map((c) => c.name);
      const spec: FrameReductionSpec = { kind: 'dataframe-reduction', how, meta: input.meta, columns: numericColumns(input.meta), ddof: (ctx.params.ddof as number | undefined) ?? 1, skipna: skipnaOf(ctx, how) };
      return treeShapeLayer(ctx, input, spec, shapeOf(ctx, how, input.npartitions), seriesOf(ctx, meta, labelDivisions(labels)));
    },
  };
}

function seriesReductionOp(how: ReductionName): OpDefinition {
  return {
    collection: 'series',
    name: how,
    group: 'aggregate',
    doc: SERIES_DOCS[how],
    inputs: ['series'],
    output: 'item',
    params: paramsOf(how),
    python: { call: 'method', positional: [] },
    build(ctx): BuiltLayer {
      const input = inputOf(ctx, 'series');
      atPlan(ctx, () => (how === 'mean' ? assertNumericSeries(input.meta, 'mean') : isMoment(how) ? seriesMomentsMeta(input.meta, how as 'var') : seriesReductionMeta(input.meta, how as 'sum')));
      const spec: SeriesReductionSpec = { kind: 'series-reduction', how, ddof: (ctx.params.ddof as number | undefined) ?? 1, skipna: skipnaOf(ctx, how) };
      return treeShapeLayer(ctx, input, spec, shapeOf(ctx, how, input.npartitions), itemOf(ctx));
    },
  };
}

const NAMES: ReductionName[] = ['sum', 'mean', 'count', 'min', 'max', 'std', 'var'];

/** `df.sum()` … `df.var()`, in NAMES' order. */
export const FRAME_REDUCTIONS: readonly OpDefinition[] = NAMES.map(frameReductionOp);

/** `s.sum()` … `s.var()`, in NAMES' order. */
export const SERIES_REDUCTIONS: readonly OpDefinition[] = NAMES.map(seriesReductionOp);
