/**
 * `s.value_counts(...)`, `s.unique()` and `s.nunique()`: Dask's tree reductions over the values (split_every 8 by
 * default), each ending in one partition (or, for nunique, an int). With split_out > 1 (core.py `aca`) each chunk's
 * partial is hash-split — value_counts by its index (the values), unique by its values — and each of the split_out
 * output partitions has its own tree (split-out.ts); value_counts' normalize then divides by the length of the
 * series (without missing values unless dropna=False), and `sort=True` is refused as Dask refuses it.
 */
import type { BuildContext, OpDefinition } from '../op-definition.js';
import { inputOf, treeShapeLayer } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { dataframeTreeShape } from '../../dataframe/aggregate/tree.js';
import { uniqueMeta, valueCountsMeta, type ValueCountsOptions } from '../../dataframe/aggregate/value-counts.js';
import { itemOf, seriesOf, splitEveryOf, splitEveryParam, atPlan } from './reduced-collection.js';
import { SERIES_COLUMN, type ShardKeys } from '../../dataframe/aggregate/split-out.js';
import { dropDuplicatesPlan } from '../../dataframe/shuffle/drop-duplicates.js';
import { splitOutTreeLayer } from './split-out.js';

/** A value-counting reduction as plain data. */
export interface ValueCountsSpec {
  kind: 'series-value-counts';
  how: 'value_counts' | 'unique' | 'nunique';
  options: ValueCountsOptions;
}

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    'series-value-counts': ValueCountsSpec;
  }
}

const splitEvery = splitEveryParam(null, 'How many partials each combine step merges (default 8).');
const splitOut = { name: 'split_out', type: 'int', required: false, default: 1, min: 1, doc: 'Output partitions, the values dealt to them by their hash.' } as const;

function layer(ctx: BuildContext, spec: ValueCountsSpec) {
  const input = inputOf(ctx, 'series');
  const n = (ctx.params.split_out as number | undefined) ?? 1;
  if (n > 1 && spec.how !== 'nunique') {
    if (spec.options.sort === true) {
      throw new WeftError('BAD_PARAM', `node '${ctx.node.id}' (${ctx.node.op}): NotImplementedError: Cannot guarantee sorted keys for \`split_out>1\`. Try using split_out=1, or grouping with sort=False.`, { nodeId: ctx.node.id });
    }
    const plan = atPlan(ctx, () => dropDuplicatesPlan(input.npartitions, { split_out: n, split_every: splitEveryOf(ctx) }, ctx.node.id));
    const meta = spec.how === 'unique' ? uniqueMeta(input.meta) : valueCountsMeta(input.meta, spec.options);
    const keys: ShardKeys = spec.how === 'unique' ? { from: 'columns', names: [SERIES_COLUMN], combined: false } : { from: 'index', combined: false };
    const out = { kind: 'series' as const, nodeId: ctx.node.id, name: ctx.name, npartitions: n, meta, divisions: null };
    return splitOutTreeLayer(ctx, input, spec, keys, plan, out, { seriesName: input.meta.name, withTotal: spec.how === 'value_counts' && spec.options.normalize === true });
  }
  const shape = dataframeTreeShape(input.npartitions, splitEveryOf(ctx));
  const out = spec.how === 'nunique' ? itemOf(ctx) : seriesOf(ctx, spec.how === 'unique' ? uniqueMeta(input.meta) : valueCountsMeta(input.meta, spec.options));
  return treeShapeLayer(ctx, input, spec, shape, out);
}

/** `s.value_counts(sort=, ascending=, dropna=, normalize=, split_every=, split_out=)`. */
export const valueCounts: OpDefinition = {
  collection: 'series',
  name: 'value_counts',
  group: 'aggregate',
  doc: 'How often each value occurs: a Series indexed by the values, most frequent first (sort=False: by value order of the combine).',
  inputs: ['series'],
  output: 'series',
  params: [
    { name: 'sort', type: 'json', required: false, default: null, nullable: true, doc: 'Sort by count (None and True do); False keeps the combined order.' },
    { name: 'ascending', type: 'bool', required: false, default: false, doc: 'Least frequent first.' },
    { name: 'dropna', type: 'json', required: false, default: null, nullable: true, doc: 'Leave out missing values (None and True do).' },
    { name: 'normalize', type: 'bool', required: false, default: false, doc: 'Give fractions of the total instead of counts.' },
    splitEvery,
    splitOut,
  ],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const p = ctx.params;
    const options: ValueCountsOptions = { sort: p.sort as boolean | null, ascending: p.ascending as boolean, dropna: p.dropna as boolean | null, normalize: p.normalize as boolean };
    return layer(ctx, { kind: 'series-value-counts', how: 'value_counts', options });
  },
};

/** `s.unique(split_every=, split_out=)`. */
export const unique: OpDefinition = {
  collection: 'series',
  name: 'unique',
  group: 'aggregate',
  doc: 'The distinct values in order of first appearance, as a Series with a fresh RangeIndex.',
  inputs: ['series'],
  output: 'series',
  params: [splitEvery, splitOut],
  python: { call: 'method', positional: [] },
  build: (ctx) => layer(ctx, { kind: 'series-value-counts', how: 'unique', options: {} }),
};

/** `s.nunique(split_every=, dropna=)`. */
export const nunique: OpDefinition = {
  collection: 'series',
  name: 'nunique',
  group: 'aggregate',
  doc: 'The number of distinct values (missing values left out unless dropna=False).',
  inputs: ['series'],
  output: 'item',
  params: [splitEvery, { name: 'dropna', type: 'bool', required: false, default: true, doc: 'Leave out missing values.' }],
  python: { call: 'method', positional: [] },
  build: (ctx) => layer(ctx, { kind: 'series-value-counts', how: 'nunique', options: { dropna: ctx.params.dropna as boolean } }),
};
