/**
 * `df.groupby(by, sort=, dropna=).size()` as Dask builds it (`_GroupBy._single_agg` with `M.size` and `M.sum`).
 *
 * Policy: the chunk is pandas' `groupby(by).size()` with pandas' default `sort=True`, so each partition's groups
 * come sorted; combine and aggregate sum the sizes grouped by the index with `sort=False` unless the user passed
 * `sort=True`. The result is therefore sorted within the first partitions' groups and then in order of first
 * appearance across the sorted chunks — sorted overall only when one partition holds every key, or with sort=True.
 */
import { WeftError } from '../../errors.js';
import type { Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { concatColumns, labelIndex, makeSeries } from './columns.js';
import { takeColumn } from '../take-rows.js';
import { groupKeys, groupRows, sortedOrder } from './group-keys.js';
import type { GroupPartial } from './groupby-agg.js';
import type { TreeReduction } from './tree.js';

function sizes(ids: Int32Array, ngroups: number): Float64Array {
  const out = new Float64Array(ngroups);
  for (const g of ids) if (g >= 0) out[g]++;
  return out;
}

function sizeValues(p: GroupPartial): Float64Array {
  const v = p.values.size;
  if (v.kind !== 'column' || v.column.dtype === 'object' || v.column.dtype === 'bool') throw new Error('sizes are int64');
  return v.column.values;
}

function regroup(by: Label[], parts: GroupPartial[], dropna: boolean, sort: boolean): GroupPartial {
  const keys = by.map((_, l) => concatColumns(parts.map((p) => p.keys[l])));
  const grouping = groupRows(keys, dropna);
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(sizeValues(p), at);
    at += p.length;
  }
  const totals = new Float64Array(grouping.ngroups);
  grouping.ids.forEach((g, i) => {
    if (g >= 0) totals[g] += all[i];
  });
  let groupKeyColumns = groupKeys(keys, grouping);
  let values = totals;
  if (sort) {
    const order = sortedOrder(groupKeyColumns, grouping.ngroups);
    groupKeyColumns = groupKeyColumns.map((k) => takeColumn(k, order));
    values = Float64Array.from(order, (g) => totals[g]);
  }
  return { kind: 'group-partial', keyNames: by, keys: groupKeyColumns, length: values.length, values: { size: { kind: 'column', column: { dtype: 'int64', values } } } };
}

/** The stages of `groupby(by, sort=, dropna=).size()`. */
export function groupbySize(byArg: Label | Label[], options: { sort?: boolean | null; dropna?: boolean | null } = {}): TreeReduction<Frame, GroupPartial, Series> {
  const by = Array.isArray(byArg) ? byArg : [byArg];
  const dropna = options.dropna ?? true;
  const finalSort = options.sort === true;
  return {
    chunk: (frame) => {
      const keys = by.map((k) => frame.columns[frame.names.indexOf(k)]);
      const grouping = groupRows(keys, dropna);
      const partial: GroupPartial = {
        kind: 'group-partial',
        keyNames: by,
        keys: groupKeys(keys, grouping),
        length: grouping.ngroups,
        values: { size: { kind: 'column', column: { dtype: 'int64', values: sizes(grouping.ids, grouping.ngroups) } } },
      };
      return regroup(by, [partial], dropna, true);
    },
    combine: (parts) => regroup(by, parts, dropna, finalSort),
    aggregate: (parts) => {
      const p = regroup(by, parts, dropna, finalSort);
      return makeSeries(null, { dtype: 'int64', values: sizeValues(p) }, labelIndex(p.keys, by.slice()));
    },
  };
}

/** The meta of `groupby(by).size()`: int64, indexed by the keys; a missing key fails as in Dask. */
export function groupbySizeMeta(meta: FrameMeta, byArg: Label | Label[]): SeriesMeta {
  const by = Array.isArray(byArg) ? byArg : [byArg];
  if (by.length === 0) throw new WeftError('BAD_INPUT', 'ValueError: No group keys passed!');
  const dtypes = by.map((k) => {
    const c = meta.columns.find((col) => col.name === k);
    if (!c) throw new WeftError('BAD_INPUT', `KeyError: ${typeof k === 'string' ? `'${k}'` : k}`);
    return c.dtype;
  });
  return { kind: 'series', name: null, dtype: 'int64', index: { dtypes, names: by.slice() } };
}
