import { WeftError } from '../errors.js';
import { PyException } from '../expr/py-exception.js';
import { columnValue, isMissing, type Column, type Frame, type Series } from './frame.js';
import { sliceRows } from './frame-slice.js';
import { takeColumn } from './take-rows.js';
import { frameFromDict } from './frame-from-values.js';
import type { PyDict } from '../values/py-types.js';

/**
 * How `dd.from_pandas(data, npartitions=, sort=)` (and so `dd.from_dict`) cuts one frame into partitions, as
 * dask/dataframe/io/io.py does in Dask 2022.12.
 *
 * Policy:
 * - An empty frame is one partition with unknown divisions `[None, None]`.
 * - `sort=True` (the default): the frame is sorted by its index unless already monotonic increasing, then
 *   `sorted_division_locations` picks the cuts: `len // npartitions` rows per partition, the first `len % npartitions`
 *   partitions one row longer, a cut moved past duplicates of an index value so that equal labels share a partition
 *   (fewer partitions than asked when there are not enough distinct labels). The divisions are the index values at the
 *   cuts plus the last value: known divisions.
 * - `sort=False`: `ceil(len / npartitions)` rows per partition (so possibly fewer partitions), unknown divisions.
 * - A MultiIndex is refused, and so is a non-numeric index holding nulls, with Dask's messages.
 * Dask's sort of an unsorted index is pandas' `sort_index` (quicksort); here it is a stable sort, which differs only
 * in the order of rows with equal labels.
 */

/** The partitions and divisions of a frame cut as `from_pandas` cuts it; a division of `null` is unknown. */
export interface FramePartitions<T extends Frame | Series> {
  partitions: T[];
  divisions: unknown[];
}

/** Options of {@link fromPandasPartitions}: Dask's parameters. */
export interface FromPandasOptions {
  npartitions: number;
  sort?: boolean;
}

/** Cuts a frame into Dask's partitions (see the policy above). */
export function fromPandasPartitions<T extends Frame | Series>(data: T, options: FromPandasOptions): FramePartitions<T> {
  const { npartitions } = options;
  const sort = options.sort ?? true;
  if (!Number.isInteger(npartitions) || npartitions < 1) {
    throw new WeftError('BAD_PARAM', `npartitions must be a positive int, got ${npartitions}`);
  }
  if (data.index.kind === 'labels' && data.index.levels.length > 1) {
    throw new PyException('NotImplementedError', 'Dask does not support MultiIndex Dataframes.');
  }
  if (data.length === 0) return { partitions: [data], divisions: [null, null] };
  if (data.index.kind === 'labels' && !isNumeric(data.index.levels[0]) && hasMissing(data.index.levels[0], data.length)) {
    throw new PyException(
      'NotImplementedError',
      'Index in passed data is non-numeric and contains nulls, which Dask does not entirely support.\nConsider passing `data.loc[~data.isna()]` instead.',
    );
  }
  let locations: number[];
  let divisions: unknown[];
  if (sort) {
    data = sortedByIndex(data);
    const seq = indexValues(data);
    ({ divisions, locations } = sortedDivisionLocations(seq, npartitions));
  } else {
    const chunksize = Math.ceil(data.length / npartitions);
    locations = [];
    for (let at = 0; at < data.length; at += chunksize) locations.push(at);
    locations.push(data.length);
    divisions = locations.map(() => null);
  }
  const partitions: T[] = [];
  for (let i = 0; i + 1 < locations.length; i++) partitions.push(sliceRows(data, locations[i], locations[i + 1]));
  return { partitions, divisions };
}

/** `dd.from_dict(data, npartitions=)`: `pd.DataFrame(data)` (frame-from-values.ts) cut as `from_pandas` cuts it. */
export function fromDictPartitions(data: PyDict, npartitions: number): FramePartitions<Frame> {
  return fromPandasPartitions(frameFromDict(data), { npartitions });
}

/**
 * Dask's `sorted_division_locations(seq, npartitions=)` for a sorted sequence: the division values and the row
 * positions where partitions start (with the length last).
 */
export function sortedDivisionLocations(seq: readonly unknown[], npartitions: number): { divisions: unknown[]; locations: number[] } {
  const unique: unknown[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < seq.length; i++) {
    if (i === 0 || compare(seq[i], seq[i - 1]) !== 0) {
      unique.push(seq[i]);
      offsets.push(i);
    }
  }
  const duplicates = unique.length < seq.length;
  const enforceExact = duplicates && offsets.length >= npartitions;
  const chunksize = Math.floor(seq.length / npartitions);
  const residual = seq.length % npartitions;
  const chunksizes = (ind: number): number => chunksize + (ind < residual ? 1 : 0);

  const divisions: unknown[] = [seq[0]];
  const locations = [0];
  let i = chunksizes(0);
  let ind: number | null = null;
  let drift = 0;
  let divsRemain = enforceExact ? npartitions - divisions.length : 0;
  while (i < seq.length) {
    let div = seq[i];
    let pos: number;
    if (duplicates) {
      if (ind === null) ind = firstIndexOf(unique, seq[i]);
      if (enforceExact) {
        const offsRemain = offsets.length - ind;
        if (divsRemain > offsRemain) {
          ind -= divsRemain - offsRemain;
          i = offsets[ind];
          div = seq[i];
        }
      }
      pos = offsets[ind];
    } else {
      pos = i;
    }
    if (compare(div, divisions[divisions.length - 1]) <= 0) {
      if (duplicates) {
        ind = ind! + 1;
        i = ind < offsets.length ? offsets[ind] : seq.length;
      } else {
        i += 1;
      }
    } else {
      drift = drift + (pos - locations[locations.length - 1] - chunksizes(divisions.length - 1));
      if (enforceExact) divsRemain -= 1;
      i = pos + Math.max(1, chunksizes(divisions.length) - drift);
      divisions.push(div);
      locations.push(pos);
      ind = null;
    }
  }
  divisions.push(seq[seq.length - 1]);
  locations.push(seq.length);
  return { divisions, locations };
}

function firstIndexOf(unique: readonly unknown[], value: unknown): number {
  // `unique` is sorted: binary search for the first entry equal to value.
  let lo = 0;
  let hi = unique.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(unique[mid], value) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Python's ordering of two index labels of one dtype (numbers, bools, strings by code point). */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function indexValues(data: Frame | Series): unknown[] {
  const index = data.index;
  if (index.kind === 'range') return Array.from({ length: data.length }, (_, i) => index.start + i * index.step);
  const level = index.levels[0];
  return Array.from({ length: data.length }, (_, i) => columnValue(level, i));
}

function sortedByIndex<T extends Frame | Series>(data: T): T {
  const index = data.index;
  if (index.kind === 'range') {
    if (index.step > 0 || data.length <= 1) return data;
    const reversed = Array.from({ length: data.length }, (_, i) => data.length - 1 - i);
    return { ...takeRows(data, reversed), index: { ...index, start: index.start + (data.length - 1) * index.step, step: -index.step } };
  }
  const seq = indexValues(data);
  let monotonic = true;
  for (let i = 1; i < seq.length && monotonic; i++) if (isMissing(seq[i]) || compare(seq[i - 1], seq[i]) > 0) monotonic = false;
  if (monotonic && !isMissing(seq[0])) return data;
  const order = Array.from({ length: seq.length }, (_, i) => i);
  // pandas puts missing labels last.
  order.sort((a, b) => (isMissing(seq[a]) ? 1 : 0) - (isMissing(seq[b]) ? 1 : 0) || compare(seq[a], seq[b]) || a - b);
  return takeRows(data, order);
}

function takeRows<T extends Frame | Series>(data: T, order: readonly number[]): T {
  const take = (c: Column): Column => takeColumn(c, order);
  const index = data.index.kind === 'range' ? data.index : { ...data.index, levels: data.index.levels.map(take) };
  if (data.kind === 'frame') return { ...data, columns: data.columns.map(take), index };
  return { ...data, column: take((data as Series).column), index };
}

function isNumeric(column: Column): boolean {
  return column.dtype === 'int64' || column.dtype === 'float64';
}

function hasMissing(column: Column, length: number): boolean {
  if (column.dtype !== 'object') return false;
  for (let i = 0; i < length; i++) if (isMissing(columnValue(column, i))) return true;
  return false;
}
