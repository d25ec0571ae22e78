/**
 * `var` and `std` of a DataFrame or a Series, the way Dask 2022.12 computes them: not pandas' var, but dask.array's
 * `nanvar` over `df.values` (dask/array/reductions.py `moment_chunk`, `moment_combine`, `moment_agg`), laid out by
 * dask.array's tree (tree.ts `arrayTreeShape`, split_every 4 by default).
 *
 * Policy:
 * - The frame's columns are its number and bool columns (`select_dtypes(include=["number", "bool"])`), all as
 *   float64; the series' values likewise. Each column is independent.
 * - chunk: n = count of non-NaN; total = nansum(x); u = total / n; M = nansum((x − u)²).
 * - combine: n = Σn; total = Σtotal; μ = total / n; M = ΣM + nansum(n_i · (total_i / n_i − μ)²).
 * - aggregate: the same sums, then M / (n − ddof), NaN when n − ddof < 0; std is its square root.
 * - Sums over a partition are numpy's (pairwise in 8192-value buffers). Sums over partials run along axis 0 of a
 *   (partials × columns) array: for a frame of several columns numpy walks it row by row (sequential order), for a
 *   series or a one-column frame it is a 1-d pairwise sum; they differ only past 8 partials in one group.
 */
import type { Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';

import { makeSeries, namesIndex } from './columns.js';
import { nanSum, numpySum } from './pairwise-sum.js';
import { assertNumericSeries, numericColumns } from './reductions.js';
import type { Scalar, ScalarMeta } from './scalar.js';
import { scalar } from './scalar.js';
import type { TreeReduction } from './tree.js';

/** Dask's moment partial: per column, the count, the total and the sum of squared deviations. */
export interface Moments {
  n: Float64Array;
  total: Float64Array;
  m2: Float64Array;
}

function asFloats(column: Frame['columns'][number]): Float64Array {
  if (column.dtype === 'object') throw new Error('var of an object column');
  return column.values instanceof Float64Array ? column.values : Float64Array.from(column.values);
}

function chunkMoments(columns: Float64Array[]): Moments {
  const k = columns.length;
  const n = new Float64Array(k);
  const total = new Float64Array(k);
  const m2 = new Float64Array(k);
  columns.forEach((x, j) => {
    let count = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === x[i]) count++;
    const t = nanSum(x);
    const u = t / count;
    const squares = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const d = x[i] - u;
      squares[i] = d * d;
    }
    n[j] = count;
    total[j] = t;
    m2[j] = nanSum(squares);
  });
  return { n, total, m2 };
}

/** Σ over partials of one column, in numpy's order for this array's shape. */
function sumOver(values: Float64Array, sequential: boolean, skipNaN: boolean): number {
  if (!sequential) return numpySum(values, 0, values.length, skipNaN);
  let acc = 0;
  for (const v of values) acc += skipNaN && v !== v ? 0 : v;
  return acc;
}

function merge(parts: Moments[], sequential: boolean): { n: Float64Array; total: Float64Array; m2: Float64Array } {
  const k = parts[0].n.length;
  const n = new Float64Array(k);
  const total = new Float64Array(k);
  const m2 = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const ns = Float64Array.from(parts, (p) => p.n[j]);
    const totals = Float64Array.from(parts, (p) => p.total[j]);
    const ms = Float64Array.from(parts, (p) => p.m2[j]);
    n[j] = sumOver(ns, sequential, false);
    total[j] = sumOver(totals, sequential, false);
    const mu = total[j] / n[j];
    const terms = Float64Array.from(parts, (p) => {
      const inner = p.total[j] / p.n[j] - mu;
      return p.n[j] * (inner * inner);
    });
    m2[j] = sumOver(ms, sequential, false) + sumOver(terms, sequential, true);
  }
  return { n, total, m2 };
}

function finish(merged: Moments, ddof: number, sqrt: boolean): Float64Array {
  return merged.m2.map((m, j) => {
    let denominator = merged.n[j] - ddof;
    if (denominator < 0) denominator = NaN;
    const v = m / denominator;
    return sqrt ? Math.sqrt(v) : v;
  });
}

/** `df.var(ddof=)` / `df.std(ddof=)` stages; the frame given to chunk is any partition (numeric columns are picked). */
export function frameMoments(meta: FrameMeta, options: { ddof?: number; std?: boolean } = {}): TreeReduction<Frame, Moments, Series> {
  const names = numericColumns(meta);
  const sequential = names.length > 1;
  const ddof = options.ddof ?? 1;
  return {
    chunk: (frame) => chunkMoments(names.map((name) => asFloats(frame.columns[frame.names.indexOf(name)]))),
    combine: (parts) => merge(parts, sequential),
    aggregate: (parts) => makeSeries(null, { dtype: 'float64', values: finish(merge(parts, sequential), ddof, options.std ?? false) }, namesIndex(names)),
  };
}

/** `s.var(ddof=)` / `s.std(ddof=)` stages. */
export function seriesMoments(options: { ddof?: number; std?: boolean } = {}): TreeReduction<Series, Moments, Scalar> {
  const ddof = options.ddof ?? 1;
  return {
    chunk: (series) => chunkMoments([asFloats(series.column)]),
    combine: (parts) => merge(parts, false),
    aggregate: (parts) => scalar('float64', finish(merge(parts, false), ddof, options.std ?? false)[0]),
  };
}

/** The meta of `df.var()`/`df.std()`: float64 over the number and bool columns. */
export function frameMomentsMeta(meta: FrameMeta): SeriesMeta {
  const names: Label[] = numericColumns(meta);
  const allInts = names.length > 0 && names.every((n) => typeof n === 'number');
  return { kind: 'series', name: null, dtype: 'float64', index: { dtypes: [allInts ? 'int64' : 'object'], names: [null] } };
}

/** The meta of `s.var()`/`s.std()`; an object series fails as in Dask. */
export function seriesMomentsMeta(meta: SeriesMeta, what: 'var' | 'std'): ScalarMeta {
  assertNumericSeries(meta, what);
  return { kind: 'scalar', dtype: 'float64' };
}

