/**
 * `s.value_counts(sort=, ascending=, dropna=, normalize=)`, `s.unique()` and `s.nunique(dropna=)` as Dask's tree
 * reductions (dask/dataframe/core.py and methods.py `value_counts_combine`/`value_counts_aggregate`, `unique`).
 *
 * Policy:
 * - value_counts: the chunk counts each value (pandas' hash table: first appearance; NaN a value of its own unless
 *   `dropna`); combine concatenates and sums by value with `groupby(level=0)` — sorted by value, NaN last;
 *   aggregate does the same, divides by the total when `normalize`, and unless `sort=False` sorts by count with
 *   pandas' `sort_values` (quicksort through nargsort: ../numpy-sort.ts), so ties fall where numpy's introsort puts them.
 *   Dask's `sort=None` means the aggregate's default, True. The result is named after the series, its index is not.
 * - unique: every stage keeps the first appearance of each value over its inputs in order; None and NaN are distinct
 *   values in an object column. The result has a fresh RangeIndex.
 * - nunique: the distinct values (Dask's drop_duplicates), then their count, without missing values if `dropna`.
 */
import type { Column, Label, Series, SeriesMeta } from '../frame.js';
import { columnLength } from '../frame.js';
import { concatColumns, isMissingAt, labelIndex, makeSeries, valueKey } from './columns.js';
import { takeColumn } from '../take-rows.js';
import { groupKeys, groupRows, sortedOrder } from './group-keys.js';
import type { Scalar, ScalarMeta } from './scalar.js';
import { scalar } from './scalar.js';
import { nargsortNumbers } from '../numpy-sort.js';
import type { TreeReduction } from './tree.js';

/** The options of value_counts, as Dask's signature names them. */
export interface ValueCountsOptions {
  sort?: boolean | null;
  ascending?: boolean;
  dropna?: boolean | null;
  normalize?: boolean;
  /** What normalize divides by; absent: the counts' own sum. Dask passes the series' length with split_out > 1. */
  totalLength?: number;
}

function keysOf(series: Series): Column {
  if (series.index.kind !== 'labels') throw new Error('value counts are indexed by values');
  return series.index.levels[0];
}

function countsOf(series: Series): Float64Array {
  const c = series.column;
  if (c.dtype === 'object') throw new Error('counts are numbers');
  return c.values instanceof Float64Array ? c.values : Float64Array.from(c.values);
}

function sumByValue(name: Label | null, keys: Column, counts: Float64Array, dropna: boolean, sortKeys: boolean): Series {
  const grouping = groupRows([keys], dropna);
  const totals = new Float64Array(grouping.ngroups);
  grouping.ids.forEach((g, i) => {
    if (g >= 0) totals[g] += counts[i];
  });
  let [groupKey] = groupKeys([keys], grouping);
  let values = totals;
  if (sortKeys) {
    const order = sortedOrder([groupKey], grouping.ngroups);
    groupKey = takeColumn(groupKey, order);
    values = Float64Array.from(order, (g) => totals[g]);
  }
  return makeSeries(name, { dtype: 'int64', values }, labelIndex([groupKey], [null]));
}

function concatCounts(parts: Series[]): { keys: Column; counts: Float64Array } {
  const keys = concatColumns(parts.map(keysOf));
  const counts = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    counts.set(countsOf(p), at);
    at += p.length;
  }
  return { keys, counts };
}

/** The stages of `s.value_counts(...)`. */
export function valueCounts(options: ValueCountsOptions = {}): TreeReduction<Series, Series, Series> {
  const dropna = options.dropna ?? true;
  const combine = (parts: Series[]) => {
    const { keys, counts } = concatCounts(parts);
    return sumByValue(parts[0].name, keys, counts, dropna, true);
  };
  return {
    chunk: (series) => sumByValue(series.name, series.column, new Float64Array(series.length).fill(1), dropna, false),
    combine,
    aggregate: (parts) => {
      let out = combine(parts);
      if (options.normalize) {
        const counts = countsOf(out);
        let total = 0;
        if (options.totalLength !== undefined) total = options.totalLength;
        else for (const c of counts) total += c;
        out = { ...out, column: { dtype: 'float64', values: counts.map((c) => c / total) } };
      }
      if (options.sort === false) return out;
      const order = nargsortNumbers(countsOf(out), options.ascending ?? false);
      return makeSeries(out.name, takeColumn(out.column, order), labelIndex([takeColumn(keysOf(out), order)], [null]));
    },
  };
}

/** The meta of `s.value_counts(...)`. */
export function valueCountsMeta(meta: SeriesMeta, options: ValueCountsOptions = {}): SeriesMeta {
  return { kind: 'series', name: meta.name, dtype: options.normalize ? 'float64' : 'int64', index: { dtypes: [meta.dtype], names: [null] } };
}

/** The first appearance of each value of a column, in order (pandas' `unique`). */
function firstAppearances(column: Column): Int32Array {
  const seen = new Set<unknown>();
  const rows: number[] = [];
  const n = columnLength(column);
  if (column.dtype === 'object') {
    const codeSeen = new Uint8Array(column.dictionary.length);
    for (let i = 0; i < n; i++) {
      const c = column.codes[i];
      if (codeSeen[c]) continue;
      codeSeen[c] = 1;
      const key = valueKey(column.dictionary[c]);
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(i);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = column.values[i];
      if (seen.has(v)) continue;
      seen.add(v);
      rows.push(i);
    }
  }
  return Int32Array.from(rows);
}

function uniqueSeries(name: Label | null, column: Column): Series {
  const values = takeColumn(column, firstAppearances(column));
  return makeSeries(name, values, { kind: 'range', start: 0, step: 1, name: null });
}

/** The stages of `s.unique()`. */
export function unique(): TreeReduction<Series, Series, Series> {
  const again = (parts: Series[]) => uniqueSeries(parts[0].name, concatColumns(parts.map((p) => p.column)));
  return { chunk: (s) => uniqueSeries(s.name, s.column), combine: again, aggregate: again };
}

/** The meta of `s.unique()`: the series' own, index included (Dask passes `meta=self._meta`, its partitions get a RangeIndex). */
export function uniqueMeta(meta: SeriesMeta): SeriesMeta {
  return meta;
}

/** The stages of `s.nunique(dropna=)`. */
export function nunique(options: { dropna?: boolean } = {}): TreeReduction<Series, Series, Scalar> {
  const u = unique();
  return {
    chunk: u.chunk,
    combine: u.combine,
    aggregate: (parts) => {
      const distinct = u.aggregate(parts);
      let count = 0;
      let missing = false;
      for (let i = 0; i < distinct.length; i++) {
        if (isMissingAt(distinct.column, i)) missing = true;
        else count++;
      }
      // drop_duplicates sees None and NaN as one missing value
      return scalar('int64', options.dropna === false ? count + (missing ? 1 : 0) : count);
    },
  };
}

/** The meta of `s.nunique()`: an int64 scalar. */
export function nuniqueMeta(): ScalarMeta {
  return { kind: 'scalar', dtype: 'int64' };
}
