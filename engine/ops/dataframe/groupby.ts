/**
 * `df.groupby(by, sort=, dropna=).agg(arg, split_every=, split_out=, shuffle=)` and `.size(...)`, laid out as Dask
 * 2022.12 chooses (groupby.py `_determine_shuffle`), the plan and its errors computed at build time
 * (dataframe/aggregate/groupby-spec.ts):
 * - `shuffle` None with split_out 1, or False: `aca`, a tree over group partials (chunk → combine tree of
 *   split_every, 8 by default → aggregate); with split_out > 1 each chunk's partial is hash-split by its keys first
 *   and each output partition has its own tree (`sort=True` refused there, as Dask refuses it).
 * - `shuffle` None with split_out > 1, True or 'tasks': `_shuffle_aggregate` (dataframe/aggregate/split-out.ts).
 *   With `sort=True` and split_out > 1 Dask refuses several keys, and sorts one key through `set_index`, which
 *   Weft does not do yet.
 */
import type { BuildContext, BuiltLayer, Collection, OpDefinition, ParamSpec } from '../op-definition.js';
import { inputOf, treeShapeLayer } from '../layer-builders.js';
import type { Label } from '../../dataframe/frame.js';
import { dataframeTreeShape } from '../../dataframe/aggregate/tree.js';
import { AGG_NAMES, NOT_FOR_OBJECT, aggColumnProjection, planGroupbyAgg, type AggArg, type GroupbyAggPlan } from '../../dataframe/aggregate/groupby-spec.js';
import { groupbySizeMeta } from '../../dataframe/aggregate/groupby-size.js';
import type { GroupbyOptions } from '../../dataframe/aggregate/groupby-agg.js';
import { shuffleAggregatePlan } from '../../dataframe/aggregate/split-out.js';
import { dropDuplicatesPlan } from '../../dataframe/shuffle/drop-duplicates.js';
import { WeftError } from '../../errors.js';
import { pyRepr } from '../../values/repr.js';
import { atPlan, splitEveryOf, splitEveryParam } from './reduced-collection.js';
import { groupKeyWireNames } from './partial-wire.js';
import { shuffleAggregateLayer, splitOutTreeLayer, type SplitOutChunkStage } from './split-out.js';

/** A grouped aggregation as plain data. */
export interface GroupbySpec {
  kind: 'dataframe-groupby';
  by: Label[];
  options: GroupbyOptions;
  /** The agg plan; null for size(). */
  plan: GroupbyAggPlan | null;
  /** The columns the chunks read (a dict aggregation's, as Dask selects them), or null: the whole frame. */
  projection: Label[] | null;
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
  { name: 'split_out', type: 'int', required: false, default: 1, min: 1, doc: 'Output partitions, the groups dealt to them by the hash of their keys.' },
  {
    name: 'shuffle',
    type: 'json',
    required: false,
    default: null,
    nullable: true,
    doc: "How split_out > 1 is computed: None (Dask's default: 'tasks' when split_out > 1), True or 'tasks' shuffle the group partials, False reduces them in a tree per output partition.",
  },
];

function keysOf(by: unknown): Label[] {
  return Array.isArray(by) ? (by as Label[]) : [by as Label];
}

function optionsOf(params: Record<string, unknown>): GroupbyOptions {
  return { sort: params.sort as boolean | null, dropna: params.dropna as boolean | null };
}

/** Dask's `NotImplementedError` for a combination it refuses, naming the node. */
function daskRefuses(ctx: BuildContext, message: string): never {
  throw new WeftError('BAD_PARAM', `node '${ctx.node.id}' (${ctx.node.op}): NotImplementedError: ${message}`, { nodeId: ctx.node.id });
}

/** Whether Dask takes the shuffle path (`_determine_shuffle`): None means 'tasks' exactly when split_out > 1. */
function usesShuffle(ctx: BuildContext, splitOut: number): boolean {
  const shuffle = ctx.params.shuffle;
  if (shuffle === null || shuffle === undefined) return splitOut > 1;
  if (shuffle === false || shuffle === true || shuffle === 'tasks') return shuffle !== false;
  if (shuffle === 'disk') {
    throw new WeftError('BAD_PARAM', `node '${ctx.node.id}' (${ctx.node.op}): shuffle='disk' appends rows in the order its tasks finish, which Weft does not reproduce; use shuffle='tasks' (the same rows per partition)`, { nodeId: ctx.node.id });
  }
  throw new WeftError('BAD_PARAM', `node '${ctx.node.id}' (${ctx.node.op}): shuffle must be None, True, False or 'tasks', not ${pyRepr(shuffle)}`, { nodeId: ctx.node.id });
}

/** The layer of a grouped reduction: Dask's tree, its tree per output partition, or its shuffle (see the top). */
function groupbyLayer(ctx: BuildContext, spec: GroupbySpec, collection: Collection & { npartitions: number }): BuiltLayer {
  const input = inputOf(ctx, 'dataframe');
  const splitOut = ctx.params.split_out as number;
  const sorted = ctx.params.sort === true;
  const out = { ...collection, npartitions: splitOut } as Collection;
  const names = groupKeyWireNames(spec.by.length);
  if (usesShuffle(ctx, splitOut)) {
    if (sorted && splitOut > 1) {
      if (spec.by.length > 1) daskRefuses(ctx, 'Cannot guarantee sorted keys for `split_out>1` when grouping on multiple columns. Try using split_out=1, or grouping with sort=False.');
      throw new WeftError('BAD_PARAM', `node '${ctx.node.id}' (${ctx.node.op}): sort=True with split_out=${splitOut} sorts the groups through set_index in Dask, which Weft does not do yet; use sort=False or None, or split_out=1`, { nodeId: ctx.node.id });
    }
    const plan = atPlan(ctx, () => shuffleAggregatePlan(input.npartitions, splitOut, splitEveryOf(ctx), ctx.node.id));
    return shuffleAggregateLayer(ctx, input, spec, { from: 'columns', names, combined: true }, plan, out);
  }
  if (splitOut === 1) return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, splitEveryOf(ctx)), collection);
  if (sorted) {
    daskRefuses(
      ctx,
      spec.plan
        ? 'Cannot guarantee sorted keys for `split_out>1` and `shuffle=False` Try using `shuffle=True` if you are grouping on a single column. Otherwise, try using split_out=1, or grouping with sort=False.'
        : 'Cannot guarantee sorted keys for `split_out>1`. Try using split_out=1, or grouping with sort=False.',
    );
  }
  const plan = atPlan(ctx, () => dropDuplicatesPlan(input.npartitions, { split_out: splitOut, split_every: splitEveryOf(ctx) }, ctx.node.id));
  return splitOutTreeLayer(ctx, input, spec, { from: 'columns', names, combined: spec.by.length > 1 }, plan, out);
}

/** `df.groupby(by, sort=, dropna=).agg(arg, split_every=, split_out=, shuffle=)`. */
export const groupbyAgg: OpDefinition = {
  collection: 'dataframe',
  name: 'groupby.agg',
  group: 'aggregate',
  doc: "Aggregate each group: arg is a function name ('sum', 'mean', 'count', 'min', 'max', 'std', 'var', 'first', 'last'), a list of them, or a dict of column to name or list.",
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [...groupParams, { name: 'arg', type: 'json', required: true, aggregations: { functions: AGG_NAMES, notForObject: NOT_FOR_OBJECT, keysParam: 'by' }, doc: "What to compute: 'sum', ['sum', 'mean'], or {'src_bytes': ['sum', 'mean'], 'duration': 'max'}." }, ...splitParams],
  python: { call: 'method', positional: ['arg'], via: { method: 'groupby', params: ['by', 'sort', 'dropna'], positional: ['by'] } },
  // A dict aggregation reads only its columns, as Dask projects it: in the tree's chunks or split_out's.
  columnUse: {
    reducers: { 'dataframe-groupby': (spec: GroupbySpec) => spec.projection },
    stages: { 'split-out-chunk': (stage: SplitOutChunkStage) => (stage.spec.kind === 'dataframe-groupby' ? stage.spec.projection : null) },
  },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const plan = atPlan(ctx, () => planGroupbyAgg(input.meta, ctx.params.by as Label | Label[], ctx.params.arg as AggArg));
    const projection = aggColumnProjection(input.meta.columns.map((c) => c.name), plan.by, ctx.params.arg as AggArg);
    const spec: GroupbySpec = { kind: 'dataframe-groupby', by: plan.by, options: optionsOf(ctx.params), plan, projection };
    return groupbyLayer(ctx, spec, { kind: 'dataframe', nodeId: ctx.node.id, name: ctx.name, npartitions: 1, meta: plan.meta, divisions: null });
  },
};

/** `df.groupby(by, sort=, dropna=).size(split_every=, split_out=, shuffle=)`. */
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
    const input = inputOf(ctx, 'dataframe');
    const by = keysOf(ctx.params.by);
    const meta = atPlan(ctx, () => groupbySizeMeta(input.meta, by));
    const spec: GroupbySpec = { kind: 'dataframe-groupby', by, options: optionsOf(ctx.params), plan: null, projection: null };
    return groupbyLayer(ctx, spec, { kind: 'series', nodeId: ctx.node.id, name: ctx.name, npartitions: 1, meta, divisions: null });
  },
};
