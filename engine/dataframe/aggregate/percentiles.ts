/**
 * Dask's approximate quantiles of a Series on several partitions (dask/dataframe/core.py `quantile`,
 * dask/array/percentile.py `_percentile` and `merge_percentiles`), which are not pandas' exact quantiles.
 *
 * Policy:
 * - q (fractions) are sorted, scaled to percentiles (q·100), and padded with 0 and 100 for the per-partition pass.
 * - Per partition, on the non-missing values: numpy's `percentile(method="linear")` at those percentiles (indices
 *   (n−1)·p/100, numpy's `_lerp`: a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ 0.5), together with n.
 * - Merge: partitions with n = 0 are ignored (all empty: NaN). Each partition's percentiles weigh
 *   N·(q_i − q_{i−1}); all values are sorted (numpy's quicksort), the weights cumulated, and each wanted percentile
 *   takes the value at the "lower" position of q·ΣN in that cumulation (`np.searchsorted` left/right).
 */
import type { Column } from '../frame.js';
import { argsortNumbers } from '../numpy-sort.js';

/** One partition's percentiles and its count of values. */
export interface PercentilePart {
  values: Float64Array;
  n: number;
}

/** Dask's percentiles for the fractions `q`: the sorted q·100 and the padded list the partitions compute. */
export function percentileGrid(q: readonly number[]): { qs: Float64Array; calcQs: Float64Array } {
  const sorted = Float64Array.from(q).sort();
  const qs = sorted.map((x) => x * 100);
  const calcQs = new Float64Array(qs.length + 2);
  calcQs.set(qs, 1);
  calcQs[calcQs.length - 1] = 100;
  return { qs, calcQs };
}

function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** numpy's `np.percentile(values, q, method="linear")` of the non-NaN values of a numeric column. */
export function partitionPercentiles(column: Column, calcQs: Float64Array): PercentilePart {
  if (column.dtype === 'object') throw new Error('percentiles of an object column');
  const kept: number[] = [];
  for (const v of column.values) if (v === v) kept.push(v);
  const n = kept.length;
  if (n === 0) return { values: new Float64Array(0), n: 0 };
  const sorted = Float64Array.from(kept).sort();
  const values = calcQs.map((p) => {
    const virtual = (n - 1) * (p / 100);
    let prev = Math.floor(virtual);
    let next = prev + 1;
    if (virtual >= n - 1) prev = next = n - 1;
    if (virtual < 0) prev = next = 0;
    const gamma = virtual - (virtual >= n - 1 ? -1 : prev);
    return lerp(sorted[prev], sorted[next], gamma);
  });
  return { values, n };
}

/** Dask's `merge_percentiles(finalq, qs, vals, method="lower", raise_on_nan=False)`. */
export function mergePercentiles(finalQ: Float64Array, calcQs: Float64Array, parts: readonly PercentilePart[]): Float64Array {
  const used = parts.filter((p) => p.n > 0);
  if (used.length === 0) return new Float64Array(calcQs.length - 2).fill(NaN);
  const vals: number[] = [];
  const counts: number[] = [];
  for (const p of used) {
    for (let i = 0; i < calcQs.length; i++) {
      vals.push(p.values[i]);
      counts.push((i === 0 ? calcQs[0] : calcQs[i] - calcQs[i - 1]) * p.n);
    }
  }
  const combinedVals = Float64Array.from(vals);
  const order = argsortNumbers(combinedVals);
  const sortedVals = Float64Array.from(order, (o) => combinedVals[o]);
  const cumulated = new Float64Array(order.length);
  let acc = 0;
  order.forEach((o, i) => {
    acc += counts[o];
    cumulated[i] = acc;
  });
  let total = 0;
  for (const p of used) total += p.n;
  return finalQ.map((fq) => {
    const desired = fq * total;
    let left = searchLeft(cumulated, desired);
    const right = searchRight(cumulated, desired) - 1;
    left = Math.min(left, sortedVals.length - 1);
    return sortedVals[Math.min(left, right)];
  });
}

function searchLeft(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function searchRight(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
