/**
 * `df.groupby(by, sort=, dropna=).agg(arg, split_every=, split_out=)` and `df.groupby(by, sort=, dropna=).size()`:
 * Dask's tree reductions over group partials (chunk → combine tree of split_every, 8 by default → aggregate), the
 * plan and its errors computed at build time (dataframe/aggregate/groupby-spec.ts). split_out > 1 is refused.
 */
import type { OpDefinition, ParamSpec } from '../op-definition.js';
import { inputOf, treeShapeLayer } from '../layer-builders.js';
import type { Label } from '../../dataframe/frame.js';
import { dataframeTreeShape } from '../../dataframe/aggregate/tree.js';
import { AGG_NAMES, NOT_FOR_OBJECT, planGroupbyAgg, type AggArg, type GroupbyAggPlan } from '../../dataframe/aggregate/groupby-spec.js';
import { groupbySizeMeta } from '../../dataframe/aggregate/groupby-size.js';
import type { GroupbyOptions } from '../../dataframe/aggregate/groupby-agg.js';
import { atPlan, frameOf, seriesOf, splitEveryOf, splitEveryParam } from './reduced-collection.js';
import { refuseSplitOut } from './series-value-counts.js';

/** A grouped aggregation as plain data. */
export interface GroupbySpec {
  kind: 'dataframe-groupby';
  by: Label[];
  options: GroupbyOptions;
  /** The agg plan; null for size(). */
  plan: GroupbyAggPlan | null;
}

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    'dataframe-groupby': GroupbySpec;
  }
}

const groupParams: ParamSpec[] = [
  { name: 'by', type: 'json', columns: 'input', required: true, doc: 'The key column, or a list of key columns.' },
  { name: 'sort', type: 'json', required: false, default: null, nullable: true, doc: "True sorts the groups by key; None (Dask's default for agg) and False keep first appearance." },
  { name: 'dropna', type: 'json', required: false, default: null, nullable: true, doc: 'Leave out rows whose key is missing (None and True do).' },
];
const splitParams: ParamSpec[] = [
  splitEveryParam(null, 'How many partials each combine step merges (default 8).'),
  { name: 'split_out', type: 'int', required: false, default: 1, min: 1, doc: 'Output partitions; Weft computes 1.' },
];

function keysOf(by: unknown): Label[] {
  return Array.isArray(by) ? (by as Label[]) : [by as Label];
}

function optionsOf(params: Record<string, unknown>): GroupbyOptions {
  return { sort: params.sort as boolean | null, dropna: params.dropna as boolean | null };
}

/** `df.groupby(by, sort=, dropna=).agg(arg, split_every=, split_out=)`. */
export const groupbyAgg: OpDefinition = {
  collection: 'dataframe',
  name: 'groupby.agg',
  group: 'aggregate',
  doc: "Aggregate each group: arg is a function name ('sum', 'mean', 'count', 'min', 'max', 'std', 'var', 'first', 'last'), a list of them, or a dict of column to name or list.",
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [...groupParams, { name: 'arg', type: 'json', required: true, aggregations: { functions: AGG_NAMES, notForObject: NOT_FOR_OBJECT, keysParam: 'by' }, doc: "What to compute: 'sum', ['sum', 'mean'], or {'src_bytes': ['sum', 'mean'], 'duration': 'max'}." }, ...splitParams],
  python: { call: 'method', positional: ['arg'], via: { method: 'groupby', params: ['by', 'sort', 'dropna'], positional: ['by'] } },
  build(ctx) {
    refuseSplitOut(ctx);
    const input = inputOf(ctx, 'dataframe');
    const plan = atPlan(ctx, () => planGroupbyAgg(input.meta, ctx.params.by as Label | Label[], ctx.params.arg as AggArg));
    const spec: GroupbySpec = { kind: 'dataframe-groupby', by: plan.by, options: optionsOf(ctx.params), plan };
    return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, splitEveryOf(ctx)), frameOf(ctx, plan.meta));
  },
};

/** `df.groupby(by, sort=, dropna=).size(split_every=, split_out=)`. */
export const groupbySize: OpDefinition = {
  collection: 'dataframe',
  name: 'groupby.size',
  group: 'aggregate',
  doc: "The number of rows of each group, as an int64 Series indexed by the keys (each partition's groups sorted, then in order of appearance across partitions, as in Dask).",
  inputs: ['dataframe'],
  output: 'series',
  params: [...groupParams, ...splitParams],
  python: { call: 'method', positional: [], via: { method: 'groupby', params: ['by', 'sort', 'dropna'], positional: ['by'] } },
  build(ctx) {
    refuseSplitOut(ctx);
    const input = inputOf(ctx, 'dataframe');
    const by = keysOf(ctx.params.by);
    const meta = atPlan(ctx, () => groupbySizeMeta(input.meta, by));
    const spec: GroupbySpec = { kind: 'dataframe-groupby', by, options: optionsOf(ctx.params), plan: null };
    return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, splitEveryOf(ctx)), seriesOf(ctx, meta));
  },
};
