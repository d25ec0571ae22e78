import type { OpDefinition } from '../op-definition.js';
import type { PyLiteral } from '../../graph/reducer-spec.js';
import { reductionLayer } from '../layer-builders.js';
import { keyFieldsRead, subscriptsOfParam } from '../../graph/field-usage.js';

/** toolz `reduceby` per partition, merged across partitions by `combine` (binop when absent). */
export interface FoldbyReducer {
  kind: 'foldby';
  key: string;
  binop: string;
  initial: PyLiteral | null;
  combine: string | null;
  combineInitial: PyLiteral | null;
}

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    foldby: FoldbyReducer;
  }
}

/** `Bag.foldby(key, binop, initial, combine, combine_initial, split_every)`: a grouped reduction without a shuffle. */
export const foldby: OpDefinition = {
  collection: 'bag',
  name: 'foldby',
  group: 'aggregate',
  doc: 'Group by key and reduce each group, without a full shuffle: binop(total, element) folds elements within a partition, combine(total1, total2) merges partitions. Gives (key, total) pairs. Example: key=lambda x: x[0], binop=lambda acc, x: acc + 1, initial=0, combine=lambda a, b: a + b',
  inputs: ['bag'],
  output: 'bag',
  params: [
    { name: 'key', type: 'key', required: true, doc: 'The group of an element: a function, or an index/key to select.' },
    { name: 'binop', type: 'callable', required: true, doc: 'binop(total, element) -> new total.' },
    { name: 'initial', type: 'json', required: false, doc: 'Starting total of each group in each partition, e.g. 0; without it the first element of a group starts its total.' },
    { name: 'combine', type: 'callable', required: false, default: null, nullable: true, doc: 'combine(total1, total2) -> total; defaults to binop.' },
    { name: 'combine_initial', type: 'json', required: false, doc: 'Starting total of each group when combining partitions.' },
    { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, min: 2, doc: 'How many partial results each combine step merges (default 8).' },
  ],
  python: { call: 'method', positional: ['key', 'binop', 'initial', 'combine', 'combine_initial', 'split_every'] },
  fieldUse: { reducers: { foldby: { fieldsRead: fieldsFolded } } },
  build(ctx) {
    const p = ctx.params;
    // Absent and null differ: `initial: null` starts every total at None, no initial starts it at the first element.
    const given = (name: string) => (name in (ctx.node.params ?? {}) ? { value: ctx.node.params![name] } : null);
    return reductionLayer(
      ctx,
      { kind: 'foldby', key: p.key as string, binop: p.binop as string, initial: given('initial'), combine: (p.combine as string | null) ?? null, combineInitial: given('combine_initial') },
      (p.split_every as number | false | null) ?? 8,
      'bag',
    );
  },
};

/**
 * The fields a foldby reads of list elements: those its key selects or reads, and those binop reads of its element.
 * Without an initial value the first element becomes the running total, which binop may use whole.
 */
function fieldsFolded(reducer: FoldbyReducer): Set<number> | null {
  if (reducer.initial === null) return null;
  const key = keyFieldsRead(reducer.key);
  const element = subscriptsOfParam(reducer.binop, 1);
  return key && element ? new Set([...key, ...element]) : null;
}
