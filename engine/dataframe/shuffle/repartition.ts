/**
 * `df.repartition(npartitions=)` as Dask 2022.12 does it (dask/dataframe/core.py `repartition_npartitions`).
 *
 * Policy:
 * - Fewer partitions: output i concatenates inputs `int(i * ratio) .. int((i + 1) * ratio)` with
 *   `ratio = n / npartitions` (`_repartition_from_boundaries`); divisions are the inputs' at those boundaries.
 * - More partitions, divisions unknown (or not numeric): input i splits into `div` pieces, the last input into
 *   `div + mod` (`divmod(npartitions, n)`), each split `np.linspace(0, len, k + 1).astype(int)` row positions
 *   apart (`split_evenly`); a piece keeps its RangeIndex. Divisions are unknown.
 * - More partitions with known numeric divisions: new divisions interpolated between the old ones and rows moved
 *   by index value (repartition-divisions.ts).
 */

import { WeftError } from '../../errors.js';
import type { Frame } from '../frame.js';
import { concatFrames } from './concat-frames.js';
import type { Division } from './concat.js';
import { sliceRows } from '../frame-slice.js';
import { divisionsRepartitionPlan, interpolatedDivisions, piecesPartition, type DivisionsRepartitionPlan } from './repartition-divisions.js';

/** Which input partitions make each output partition. */
export type RepartitionPlan =
  | { kind: 'same' }
  | { kind: 'combine'; groups: Array<{ start: number; end: number }>; divisions: Division[] }
  | { kind: 'split'; nsplits: number[]; divisions: Division[] }
  | ({ kind: 'by-divisions' } & DivisionsRepartitionPlan);

/**
 * Dask's plan for `repartition(npartitions)` of a collection with these divisions; `indexDtype` (the meta's first
 * index level) tells integer divisions, which interpolation truncates, from float ones.
 */
export function repartitionPlan(divisions: Division[], npartitions: number, nodeId?: string, indexDtype?: string): RepartitionPlan {
  const n = divisions.length - 1;
  if (!Number.isInteger(npartitions) || npartitions < 1) throw new WeftError('BAD_PARAM', `npartitions must be a positive integer, got ${npartitions}`, { nodeId });
  if (n === npartitions) return { kind: 'same' };
  if (n > npartitions) {
    const ratio = n / npartitions;
    const boundaries = Array.from({ length: npartitions + 1 }, (_, i) => Math.trunc(i * ratio));
    if (boundaries[0] > 0) boundaries.unshift(0);
    if (boundaries[boundaries.length - 1] < n) boundaries.push(n);
    const groups = boundaries.slice(0, -1).map((start, i) => ({ start, end: boundaries[i + 1] }));
    return { kind: 'combine', groups, divisions: boundaries.map((b) => divisions[b]) };
  }
  if (divisions.every((d) => typeof d === 'number')) {
    const old = divisions as number[];
    // pd.Series(divisions) is int64 for integers (an int64 index, or an object one holding ints), else float64.
    const integer = indexDtype !== 'float64' && old.every(Number.isInteger);
    return { kind: 'by-divisions', ...divisionsRepartitionPlan(old, interpolatedDivisions(old, npartitions, integer)) };
  }
  const div = Math.floor(npartitions / n);
  const mod = npartitions % n;
  const nsplits = new Array<number>(n).fill(div);
  nsplits[n - 1] += mod;
  return { kind: 'split', nsplits, divisions: new Array(npartitions + 1).fill(null) };
}

/** A combining output partition: `methods.concat` of its inputs. */
export function combinePartitions(parts: Frame[]): Frame {
  return concatFrames(parts);
}

/** `split_evenly`: a partition cut into `k` pieces at `np.linspace(0, len, k + 1).astype(int)`. */
export function splitEvenly(frame: Frame, k: number): Frame[] {
  const step = frame.length / k;
  const bounds = Array.from({ length: k + 1 }, (_, i) => (i === k ? frame.length : Math.trunc(i * step)));
  return Array.from({ length: k }, (_, i) => sliceRows(frame, bounds[i], bounds[i + 1]));
}

/** The whole repartition over partitions, as Dask's graph runs it. */
export function repartitionPartitions(parts: Frame[], divisions: Division[], npartitions: number, nodeId?: string, indexDtype?: string): Frame[] {
  const plan = repartitionPlan(divisions, npartitions, nodeId, indexDtype);
  if (plan.kind === 'same') return parts;
  if (plan.kind === 'combine') return plan.groups.map(({ start, end }) => combinePartitions(parts.slice(start, end)));
  if (plan.kind === 'by-divisions') return plan.outputs.map((pieces) => piecesPartition(pieces, (old) => parts[old]));
  return parts.flatMap((part, i) => (plan.nsplits[i] === 1 ? [part] : splitEvenly(part, plan.nsplits[i])));
}
