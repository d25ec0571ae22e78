/**
 * `df.describe()`, `s.describe()` and `s.quantile(q)`. describe is Dask's six reductions — count, mean, std, min,
 * the 25/50/75% quantiles and max — stacked into one result; here they run as one composite reduction along
 * dask.array's tree (std's: 4 by default), the others gathering their chunks into the one aggregate Dask gives them
 * (split_every=False) — or, with a split_every, all along that tree, which is then every component's tree. quantile
 * is a percentile pass per partition and one approximate merge.
 */
import type { OpDefinition } from '../op-definition.js';
import { inputOf, treeShapeLayer } from '../layer-builders.js';
import type { FrameMeta, Label } from '../../dataframe/frame.js';
import { arrayTreeShape, dataframeTreeShape } from '../../dataframe/aggregate/tree.js';
import { describeColumns, describeFrameMeta, describeNonNumericMeta, describeSeriesMeta } from '../../dataframe/aggregate/describe.js';
import { seriesQuantileMeta } from '../../dataframe/aggregate/quantile.js';
import { WeftError } from '../../errors.js';
import { atPlan, frameOf, itemOf, seriesOf, splitEveryOf, splitEveryParam } from './reduced-collection.js';

/** A describe as plain data: the numeric columns' meta (a frame's), and whether the components share the tree. */
export interface DescribeSpec {
  kind: 'dataframe-describe';
  /** The int and float columns of a frame; null for a Series. */
  meta: FrameMeta | null;
  name: Label | null;
  oneAggregate: boolean;
  /** An object or bool series: Dask's count, unique, top and freq from its value counts. */
  nonNumeric?: boolean;
}

/** A series quantile as plain data. */
export interface QuantileSpec {
  kind: 'series-quantile';
  q: number | number[];
  name: Label | null;
}

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    'dataframe-describe': DescribeSpec;
    'series-quantile': QuantileSpec;
  }
}

const splitEvery = splitEveryParam(false, 'How many partials each step combines (default false: one aggregate, and 4 for std, as Dask does).');

/** `df.describe(split_every=)` of the int and float columns. */
export const frameDescribe: OpDefinition = {
  collection: 'dataframe',
  name: 'describe',
  group: 'aggregate',
  doc: "Count, mean, std, min, 25%, 50%, 75% and max of each int and float column; the quantiles are Dask's approximate merge over partitions.",
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [splitEvery],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const meta = atPlan(ctx, () => describeFrameMeta(input.meta));
    const names = describeColumns(input.meta);
    const numeric: FrameMeta = { ...input.meta, columns: input.meta.columns.filter((c) => names.includes(c.name)) };
    delete numeric.columnTuples;
    const every = splitEveryOf(ctx) ?? false;
    const spec: DescribeSpec = { kind: 'dataframe-describe', meta: numeric, name: null, oneAggregate: every === false };
    return treeShapeLayer(ctx, input, spec, arrayTreeShape(input.npartitions, every), frameOf(ctx, meta));
  },
};

/** `s.describe(split_every=)` of a number series. */
export const seriesDescribe: OpDefinition = {
  collection: 'series',
  name: 'describe',
  group: 'aggregate',
  doc: "Count, mean, std, min, 25%, 50%, 75% and max of the values (the quantiles Dask's approximate merge over partitions); of text or bools: unique, count, top and freq.",
  inputs: ['series'],
  output: 'series',
  params: [splitEvery],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const input = inputOf(ctx, 'series');
    const every = splitEveryOf(ctx) ?? false;
    if (input.meta.dtype === 'object' || input.meta.dtype === 'bool') {
      // value_counts and count, each along dask.dataframe's tree
      const spec: DescribeSpec = { kind: 'dataframe-describe', meta: null, name: input.meta.name, oneAggregate: false, nonNumeric: true };
      return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, every), seriesOf(ctx, describeNonNumericMeta(input.meta)));
    }
    const meta = atPlan(ctx, () => describeSeriesMeta(input.meta));
    const spec: DescribeSpec = { kind: 'dataframe-describe', meta: null, name: input.meta.name, oneAggregate: every === false };
    return treeShapeLayer(ctx, input, spec, arrayTreeShape(input.npartitions, every), seriesOf(ctx, meta));
  },
};

function checkQ(q: unknown, nodeId: string): number | number[] {
  const ok = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
  if (ok(q) || (Array.isArray(q) && q.length > 0 && q.every(ok))) return q as number | number[];
  throw new WeftError('BAD_PARAM', `node '${nodeId}' (series.quantile): q must be a number between 0 and 1 or a non-empty list of them, not ${JSON.stringify(q)}`, { nodeId });
}

/** `s.quantile(q, method='default')`. */
export const seriesQuantile: OpDefinition = {
  collection: 'series',
  name: 'quantile',
  group: 'aggregate',
  doc: "Approximate quantiles over partitions, Dask's merge of each partition's percentiles: a number for one q (an item), a Series indexed by q for a list.",
  inputs: ['series'],
  output: 'item',
  outputKinds: ['item', 'series'],
  outputFor: (params) => (Array.isArray(params.q) ? 'series' : 'item'),
  params: [
    { name: 'q', type: 'json', required: false, default: 0.5, doc: 'A fraction between 0 and 1, or a list of them.' },
    { name: 'method', type: 'string', required: false, default: 'default', choices: ['default'], doc: "Dask's approximate merge ('default'); Weft has no other." },
  ],
  python: { call: 'method', positional: ['q'] },
  build(ctx) {
    const input = inputOf(ctx, 'series');
    const q = checkQ(ctx.params.q, ctx.node.id);
    if (input.meta.dtype === 'object') throw new WeftError('BAD_INPUT', `node '${ctx.node.id}' (series.quantile): quantile of an object series is not supported by Weft`, { nodeId: ctx.node.id });
    const meta = seriesQuantileMeta(input.meta, q);
    const spec: QuantileSpec = { kind: 'series-quantile', q, name: input.meta.name };
    const sorted = typeof q === 'number' ? [q] : q.slice().sort((a, b) => a - b);
    const out = meta.kind === 'scalar' ? itemOf(ctx) : seriesOf(ctx, meta, [sorted[0], sorted[sorted.length - 1]]);
    return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, false), out);
  },
};
