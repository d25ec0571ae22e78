/**
 * `df.repartition(npartitions=)` to more partitions of a frame whose numeric divisions are known, as Dask 2022.12
 * does it (dask/dataframe/core.py `repartition_npartitions`, then `repartition` → `repartition_divisions`): rows
 * move by index value, not by position.
 *
 * Policy:
 * - New divisions: the old ones without duplicates (`pd.Series(divisions).drop_duplicates()`, n of them),
 *   interpolated with `np.interp(np.linspace(0, n, npartitions + 1), np.linspace(0, n, n), divisions)` — Dask's
 *   own spacing, n rather than n - 1 — and truncated to integers when the divisions are integers; the first and
 *   last are the old ones, and repeats are dropped (all but the last), so there may be fewer partitions than asked.
 * - Each output partition is made of pieces of the old partitions, each `boundary_slice(part, low, high)`: the
 *   rows with `low <= label < high` (`<= high` for the very last piece), found by binary search on a sorted index
 *   (a RangeIndex stays one) and by a mask otherwise (the labels become an Int64Index). One piece is the partition
 *   as it is; several are concatenated (`methods.concat`); none gives an empty slice of partition 0.
 * - The pieces and their grouping are `repartition_divisions`' two loops, ported statement for statement, since
 *   its handling of a last division repeated (`[..., 7, 7]`: a partition holding one label) decides which piece
 *   ends up where.
 */

import type { Frame, Index } from '../frame.js';
import { columnValue } from '../frame.js';
import { sliceRows } from '../frame-slice.js';
import { maskPositions, takeFrameRows } from '../take-rows.js';
import { PyFloat } from '../../values/py-types.js';
import { concatFrames } from './concat-frames.js';

/** `boundary_slice(partitions[partition], low, high, right_boundary)`. */
export interface DivisionPiece {
  partition: number;
  low: number;
  high: number;
  rightBoundary: boolean;
}

/** How `repartition(divisions=)` makes each output partition from the old ones. */
export interface DivisionsRepartitionPlan {
  divisions: number[];
  /** Per output partition, its pieces in order (never empty: an empty output is an empty slice of partition 0). */
  outputs: DivisionPiece[][];
}

/** numpy's `np.linspace(0, stop, num)`: `i * (stop / (num - 1))`, the last exactly `stop`. */
function linspace(stop: number, num: number): number[] {
  if (num === 1) return [0];
  const div = num - 1;
  const step = stop / div;
  const out = Array.from({ length: num }, (_, i) => (step === 0 ? (i / div) * stop : i * step));
  out[num - 1] = stop;
  return out;
}

/** numpy's `np.interp(x, xp, fp)` for increasing `xp` (compiled_base.c `arr_interp`), ends clamped. */
function interp(x: number, xp: number[], fp: number[]): number {
  const last = xp.length - 1;
  if (last === 0) return fp[0];
  if (Number.isNaN(x)) return x;
  if (x < xp[0]) return fp[0];
  if (x > xp[last]) return fp[last];
  let lo = 0;
  let hi = last;
  // The largest j with xp[j] <= x.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xp[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  const j = lo;
  if (j === last || xp[j] === x) return fp[j];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  let y = slope * (x - xp[j]) + fp[j];
  if (Number.isNaN(y)) {
    y = slope * (x - xp[j + 1]) + fp[j + 1];
    if (Number.isNaN(y) && fp[j] === fp[j + 1]) y = fp[j];
  }
  return y;
}

/** Values in order of first appearance (toolz `unique`, pandas' `drop_duplicates`). */
function firstOccurrences(values: number[]): number[] {
  const seen = new Set<number>();
  return values.filter((v) => !seen.has(v) && seen.add(v) !== undefined);
}

/**
 * The divisions `repartition_npartitions` asks for when growing a frame with known numeric divisions;
 * `integer` when they are integers (an int64 index), whose interpolated values numpy's `astype` truncates.
 */
export function interpolatedDivisions(divisions: number[], npartitions: number, integer: boolean): number[] {
  const fp = firstOccurrences(divisions);
  const n = fp.length;
  const xp = linspace(n, n);
  let out = linspace(n, npartitions + 1).map((x) => interp(x, xp, fp));
  // `|| 0`: int64 has no negative zero.
  if (integer) out = out.map((v) => Math.trunc(v) || 0);
  out[0] = divisions[0];
  out[out.length - 1] = divisions[divisions.length - 1];
  return [...firstOccurrences(out.slice(0, -1)), out[out.length - 1]];
}

/** `repartition_divisions(a, b)`: the pieces of the old partitions (divisions `a`) that make each new one (`b`). */
export function divisionsRepartitionPlan(a: number[], b: number[]): DivisionsRepartitionPlan {
  const isSingleLastDiv = (x: number[]) => x.length >= 2 && x[x.length - 1] === x[x.length - 2];
  // First loop: the pieces (Dask's `out1` tasks) and the divisions between them (`c`).
  const pieces: DivisionPiece[] = [];
  const c: number[] = [a[0]];
  let low = a[0];
  let i = 1;
  let j = 1;
  const lastElem = isSingleLastDiv(a);
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) {
      pieces.push({ partition: i - 1, low, high: a[i], rightBoundary: false });
      low = a[i];
      i++;
    } else if (a[i] > b[j]) {
      pieces.push({ partition: i - 1, low, high: b[j], rightBoundary: false });
      low = b[j];
      j++;
    } else {
      pieces.push({ partition: i - 1, low, high: b[j], rightBoundary: false });
      low = b[j];
      if (a.length === i + 1 || a[i] < a[i + 1]) j++;
      i++;
    }
    c.push(low);
  }
  if (a[a.length - 1] < b[b.length - 1] || b[b.length - 1] === b[b.length - 2]) {
    for (let jj = j; jj < b.length; jj++) {
      // Always the last old partition: it may hold the last label.
      pieces.push({ partition: a.length - 2, low, high: b[jj], rightBoundary: false });
      low = b[jj];
      c.push(low);
    }
  } else {
    if (lastElem && i < a.length) pieces.push({ partition: i - 1, low: a[i], high: a[i], rightBoundary: false });
    c.push(a[a.length - 1]);
  }
  const k = pieces.length;
  pieces[k - 1] = { ...pieces[k - 1], rightBoundary: true };

  // Second loop: which pieces each new partition (Dask's `out2` tasks) concatenates.
  const outputs: DivisionPiece[][] = [];
  const cLastElem = isSingleLastDiv(c);
  const bLast = b[b.length - 1];
  i = 0;
  for (j = 1; j < b.length; j++) {
    const taken: DivisionPiece[] = [];
    while (c[i] < b[j]) taken.push(pieces[i++]);
    while (cLastElem && c[i] === bLast && (bLast !== b[b.length - 2] || j === b.length - 1) && i < k) taken.push(pieces[i++]);
    // A dummy slice keeps the empty partition's columns and dtypes.
    outputs.push(taken.length > 0 ? taken : [{ partition: 0, low: a[0], high: a[0], rightBoundary: false }]);
  }
  return { divisions: b.slice(), outputs };
}

/** An index label as a number to compare with numeric divisions; null when it is not one (a string, None). */
function labelNumber(index: Extract<Index, { kind: 'labels' }>, row: number): number | null {
  const v = columnValue(index.levels[0], row);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  return null;
}

/** pandas' `is_monotonic_increasing` of a one-level index (false when it holds NaN or labels that do not compare). */
function isMonotonicIncreasing(frame: Frame): boolean {
  const index = frame.index;
  if (index.kind === 'range') return index.step > 0 || frame.length <= 1;
  let previous = -Infinity;
  for (let r = 0; r < frame.length; r++) {
    const v = labelNumber(index, r);
    if (v === null || Number.isNaN(v) || v < previous) return false;
    previous = v;
  }
  return true;
}

/** The first row whose label is not below `label` (`side` left) or above it (right) in a sorted index. */
function searchSorted(frame: Frame, label: number, side: 'left' | 'right'): number {
  const index = frame.index;
  const at = (r: number) => (index.kind === 'range' ? index.start + index.step * r : labelNumber(index, r)!);
  let lo = 0;
  let hi = frame.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (side === 'left' ? at(mid) < label : at(mid) <= label) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** dask's `methods.boundary_slice(df, start, stop, right_boundary)` with `left_boundary=True`. */
export function boundarySlice(frame: Frame, start: number, stop: number, rightBoundary: boolean): Frame {
  if (frame.length === 0) return frame;
  if (!isMonotonicIncreasing(frame)) {
    const index = frame.index;
    const mask = new Uint8Array(frame.length);
    for (let r = 0; r < frame.length; r++) {
      const v = index.kind === 'range' ? index.start + index.step * r : labelNumber(index, r);
      mask[r] = v !== null && v >= start && (rightBoundary ? v <= stop : v < stop) ? 1 : 0;
    }
    return takeFrameRows(frame, maskPositions(mask));
  }
  // `df.loc[start:stop]`, then `iloc[:get_slice_bound(stop, 'left')]` when the right boundary is left out.
  const from = searchSorted(frame, start, 'left');
  const to = searchSorted(frame, stop, rightBoundary ? 'right' : 'left');
  return sliceRows(frame, from, Math.max(from, to));
}

/** One output partition of the plan: its pieces of the old partitions, one as it is, several concatenated. */
export function piecesPartition(pieces: DivisionPiece[], partitionOf: (old: number) => Frame): Frame {
  const slices = pieces.map((p) => boundarySlice(partitionOf(p.partition), p.low, p.high, p.rightBoundary));
  return slices.length === 1 ? slices[0] : concatFrames(slices);
}
