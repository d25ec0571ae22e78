/**
 * `nlargest(n)` / `nsmallest(n)` of a Series and `nlargest(n, columns)` of a DataFrame, as Dask runs them: the same
 * pandas method on each partition, then on the concatenation of those results (`aca` with chunk = aggregate).
 *
 * Policy (pandas 1.5 `SelectNSeries` / `SelectNFrame`, keep="first"):
 * - Series: with n ≥ len, `sort_values` (quicksort, NaN last; sorting.ts) then the first n; otherwise the non-NaN
 *   values in a stable order by value (largest first for nlargest), the first n, and NaN rows after them only to
 *   fill up to n. keep="all" (used by the frame's tie-breaking) keeps every value tied with the n-th.
 * - DataFrame: column by column: rows safely inside the top n are kept, rows tied at the border are decided by the
 *   next column; with several columns the result is finally sorted by them (a stable mergesort).
 * - Index labels travel with their rows; object columns raise as pandas does.
 */
import { WeftError } from '../../errors.js';
import type { Column, Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { concatColumns, concatIndexes, makeFrame, makeSeries } from './columns.js';
import { takeColumn, takeIndex } from '../take-rows.js';
import { concatRows } from './reductions.js';
import { nargsortNumbers, stableOrder } from '../numpy-sort.js';
import type { TreeReduction } from './tree.js';

/** Which end: pandas' method name. */
export type SelectMethod = 'nlargest' | 'nsmallest';

function numbers(column: Column, what: string): ArrayLike<number> {
  if (column.dtype === 'object') throw new WeftError('TASK_FAILED', `TypeError: ${what}`);
  return column.values;
}

/** The rows (positions into `rows`) pandas' SelectNSeries picks from `values[rows]`. */
function selectSeries(values: ArrayLike<number>, rows: ArrayLike<number>, n: number, method: SelectMethod, keep: 'first' | 'all'): number[] {
  if (n <= 0) return [];
  const len = rows.length;
  if (n >= len) {
    const sub = Float64Array.from(rows, (r) => values[r]);
    return Array.from(nargsortNumbers(sub, method === 'nsmallest')).slice(0, n);
  }
  const dropped: number[] = [];
  const nan: number[] = [];
  for (let i = 0; i < len; i++) (values[rows[i]] !== values[rows[i]] ? nan : dropped).push(i);
  const sign = method === 'nlargest' ? -1 : 1;
  const order = stableOrder(dropped.length, (a, b) => sign * (values[rows[dropped[a]]] - values[rows[dropped[b]]]));
  const m = Math.min(n, dropped.length);
  let inds = Array.from(order, (o) => dropped[o]);
  let findex = n;
  if (keep === 'first') inds = inds.slice(0, m);
  else if (m > 0) {
    const kth = values[rows[inds[m - 1]]];
    inds = inds.filter((i) => sign * values[rows[i]] <= sign * kth);
    findex = inds.length < n && nan.length + inds.length >= n ? nan.length + inds.length : inds.length;
  } else {
    inds = [];
    findex = nan.length >= n ? nan.length : 0;
  }
  return [...inds, ...nan].slice(0, findex);
}

function seriesSelect(series: Series, n: number, method: SelectMethod): Series {
  const values = numbers(series.column, `Cannot use method '${method}' with dtype object`);
  const all = Int32Array.from({ length: series.length }, (_, i) => i);
  const picked = Int32Array.from(selectSeries(values, all, n, method, 'first'));
  return makeSeries(series.name, takeColumn(series.column, picked), takeIndex(series.index, picked));
}

function frameSelect(frame: Frame, n: number, columns: Label[], method: SelectMethod): Frame {
  const cols = columns.map((c) => {
    const at = frame.names.indexOf(c);
    if (at < 0) throw new WeftError('TASK_FAILED', `KeyError: ${typeof c === 'string' ? `'${c}'` : c}`);
    const column = frame.columns[at];
    return numbers(column, `Column '${String(c)}' has dtype ${column.dtype}, cannot use method '${method}' with this dtype`);
  });
  let indexer: number[] = [];
  let cur = Array.from({ length: frame.length }, (_, i) => i);
  let curN = n;
  for (let c = 0; c < cols.length; c++) {
    const isLast = c === cols.length - 1;
    const picked = selectSeries(cols[c], cur, curN, method, isLast ? 'first' : 'all').map((p) => cur[p]);
    const append = (rows: number[]) => (indexer = method === 'nsmallest' ? [...indexer, ...rows] : [...rows, ...indexer]);
    if (isLast || picked.length <= curN) {
      append(picked);
      break;
    }
    const border = cols[c][picked[picked.length - 1]];
    const same = (r: number) => cols[c][r] === border || (border !== border && cols[c][r] !== cols[c][r]);
    append(picked.filter((r) => !same(r)));
    cur = picked.filter(same);
    curN = n - indexer.length;
  }
  let rows = Int32Array.from(indexer);
  if (cols.length > 1) {
    const sign = method === 'nsmallest' ? 1 : -1;
    const order = stableOrder(rows.length, (a, b) => {
      for (const col of cols) {
        const x = col[rows[a]];
        const y = col[rows[b]];
        if (x !== x || y !== y) {
          if (x !== x && y !== y) continue;
          return x !== x ? 1 : -1;
        }
        if (x !== y) return sign * (x - y);
      }
      return 0;
    });
    rows = Int32Array.from(order, (o) => rows[o]);
  }
  return makeFrame(frame.names.slice(), frame.columns.map((col) => takeColumn(col, rows)), takeIndex(frame.index, rows), rows.length);
}

/** The stages of `s.nlargest(n)` / `s.nsmallest(n)`. */
export function seriesSelectN(n: number, method: SelectMethod): TreeReduction<Series, Series, Series> {
  const again = (parts: Series[]) => {
    const column = concatColumns(parts.map((p) => p.column));
    const index = concatIndexes(parts.map((p) => p.index), parts.map((p) => p.length));
    return seriesSelect(makeSeries(parts[0].name, column, index), n, method);
  };
  return { chunk: (s) => seriesSelect(s, n, method), combine: again, aggregate: again };
}

/** The stages of `df.nlargest(n, columns)` / `df.nsmallest(n, columns)`. */
export function frameSelectN(n: number, columns: Label | Label[], method: SelectMethod): TreeReduction<Frame, Frame, Frame> {
  const by = Array.isArray(columns) ? columns : [columns];
  const again = (parts: Frame[]) => {
    const rows = concatRows(parts);
    const index = concatIndexes(parts.map((p) => p.index), parts.map((p) => p.length));
    return frameSelect({ ...rows, index }, n, by, method);
  };
  return { chunk: (f) => frameSelect(f, n, by, method), combine: again, aggregate: again };
}

/** The meta of nlargest/nsmallest: the input's own (Dask passes `meta=self._meta`; a bad column fails at compute). */
export function selectNMeta<M extends FrameMeta | SeriesMeta>(meta: M): M {
  return meta;
}
