/**
 * The one-line reductions of a bag to a single value (`count`, `sum`, `min`, `max`, `any`, `all`, `mean`, `var`,
 * `std`): each is a row of this table rather than a file, because each is nothing but a reducer and a fan-in, exactly
 * as in Dask's Bag (`self.reduction(sum, sum)`).
 */
import type { ReducerSpec } from '../../graph/reducer-spec.js';
import type { FieldUseSet } from '../../graph/field-usage.js';
import type { OpDefinition, ParamSpec } from '../op-definition.js';
import { reductionLayer } from '../layer-builders.js';

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    count: { kind: 'count' };
    mean: { kind: 'mean' };
    /** The variance with divisor n - ddof, or with `sqrt` the standard deviation. */
    var: { kind: 'var'; ddof: number; sqrt: boolean };
  }
}

const splitEvery: ParamSpec = { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, min: 2, doc: 'How many partial results each aggregation step combines (default 8).' };
// No min: Dask takes any ddof (a negative one widens the divisor; ddof >= n fails at run time, as in Python).
const ddof: ParamSpec = { name: 'ddof', type: 'int', required: false, default: 0, doc: 'Delta degrees of freedom: the divisor is n - ddof.' };

/** `splitEvery: false`: a single aggregate whatever the partitions (mean, var and std take no split_every). */
function aggregate(name: string, doc: string, reducer: (params: Record<string, unknown>) => ReducerSpec, params: ParamSpec[], options: { splitEvery?: false; fieldUse?: FieldUseSet } = {}): OpDefinition {
  const { splitEvery: fixedSplitEvery, fieldUse } = options;
  return {
    collection: 'bag',
    name,
    group: 'aggregate',
    doc,
    inputs: ['bag'],
    output: 'item',
    params,
    // Dask's aggregates take split_every (or ddof) by position too: `b.sum(4)`, `b.var(1)`.
    python: { call: 'method', positional: params.map((p) => p.name) },
    build: (ctx) => reductionLayer(ctx, reducer(ctx.params), fixedSplitEvery ?? ((ctx.params.split_every as number | false | null) ?? 8), 'item'),
    ...(fieldUse && { fieldUse }),
  };
}

const python = (fn: string): ReducerSpec => ({ kind: 'python', perpartition: fn, aggregate: fn });

// A count reads nothing of its elements.
export const count = aggregate('count', 'Count the elements.', () => ({ kind: 'count' }), [splitEvery], { fieldUse: { reducers: { count: { fieldsRead: () => new Set() } } } });
export const sum = aggregate('sum', 'Sum the elements.', () => python('sum'), [splitEvery]);
export const min = aggregate('min', 'The smallest element.', () => python('min'), [splitEvery]);
export const max = aggregate('max', 'The largest element.', () => python('max'), [splitEvery]);
export const any = aggregate('any', 'Whether any element is true.', () => python('any'), [splitEvery]);
export const all = aggregate('all', 'Whether every element is true.', () => python('all'), [splitEvery]);
export const mean = aggregate('mean', 'The arithmetic mean of the elements.', () => ({ kind: 'mean' }), [], { splitEvery: false });
export const varOp = aggregate('var', 'The variance of the elements.', (p) => ({ kind: 'var', ddof: p.ddof as number, sqrt: false }), [ddof], { splitEvery: false });
export const std = aggregate('std', 'The standard deviation of the elements.', (p) => ({ kind: 'var', ddof: p.ddof as number, sqrt: true }), [ddof], { splitEvery: false });
