/**
 * `df.set_index(column, npartitions=)` and `df.sort_values(by, ascending=)` as Dask 2022.12 runs them
 * (dask/dataframe/shuffle.py): a quantile pass, then either per-partition work (data already in order) or a
 * shuffle by divisions, then a per-partition sort.
 *
 * Policy:
 * - Pass 1, per partition: the column's quantile summary (partition-quantiles.ts) and its min and max (NaN when
 *   empty or all missing). Then `_calculate_divisions`: `npartitions + 1` quantile values, repeated ones dropped
 *   (the last kept), mins and maxes with NaN filled from their neighbours (`remove_nans`).
 * - When mins and maxes are each sorted, every partition's max is below the next one's min and the partition count
 *   stays, Dask needs no shuffle: set_index takes divisions `mins + [last max]` and sorts each partition's index;
 *   sort_values sorts each partition.
 * - Otherwise each row's target is `divisions.searchsorted(value, side='right') - 1` (reversed for descending),
 *   clipped into range, missing values to the last (or, with na_position='first', the first) partition
 *   (`set_partitions_pre`); rows move by the one-stage shuffle (shuffle.ts; Dask repartitions first when there are
 *   fewer targets than inputs, which does not change any partition's rows or order). set_index then makes the
 *   column the index (dropped from the columns) and sorts by it (`sort_index`, numpy's unstable quicksort unless
 *   already increasing), building each output partition from its buckets one column at a time so that the
 *   partition is never held both in bucket order and sorted; its divisions are the deduplicated quantiles.
 *   sort_values sorts each partition with pandas' `nargsort`; its divisions are unknown. A sort_values whose quantiles collapse to two values gathers
 *   everything into one partition first.
 * - One input partition: sort_values sorts it; set_index still runs the quantile pass (and with one partition the
 *   data always counts as in order).
 * - `sorted=True` skips the quantiles: see `setSortedIndexPartitions`.
 * - Not reproduced: `npartitions='auto'`, explicit `divisions=`, divisions of an all-empty frame.
 */

import { WeftError } from '../../errors.js';
import { isMissing, type Column, type DType, type Frame, type FrameMeta, type Index, type Label } from '../frame.js';
import { PyFloat } from '../../values/py-types.js';
import { dictionaryRanks, nargsort, pyStringLess } from '../numpy-sort.js';
import { partitionQuantilesFromSummaries, percentilesSummary, type QuantileValue, type Summary } from './partition-quantiles.js';
import { concatColumn, concatFrames } from './concat-frames.js';
import { emptyFrame } from './empty-frame.js';
import { randomStateData } from './numpy-random.js';
import { takeColumn, takeFrameRows } from '../take-rows.js';
import { collectBuckets, splitByTargets } from './shuffle.js';

/** What pass 1 learns about one partition. */
export interface PartitionStats {
  summary: Summary;
  /** The partition's min and max of the column; NaN when it has none. */
  min: QuantileValue;
  max: QuantileValue;
}

function columnOf(frame: Frame, name: Label, nodeId?: string): Column {
  const at = frame.names.indexOf(name);
  if (at < 0) throw new WeftError('BAD_INPUT', `KeyError: ${typeof name === 'string' ? `'${name}'` : String(name)}`, { nodeId });
  return frame.columns[at];
}

/** The non-missing values of a column as quantile values (numbers, or strings for object columns). */
function presentValues(column: Column): QuantileValue[] {
  if (column.dtype === 'object') return Array.from(column.codes, (c) => column.dictionary[c]).filter((v) => !isMissing(v)) as QuantileValue[];
  return Array.from(column.values as ArrayLike<number>).filter((v) => !Number.isNaN(v));
}

function less(a: QuantileValue, b: QuantileValue): boolean {
  return typeof a === 'string' && typeof b === 'string' ? pyStringLess(a, b) : a < b;
}

/** Pass 1 on one partition: its summary for `numNew` divisions, min and max. */
export function partitionStats(frame: Frame, column: Label, numOld: number, numNew: number, upsample: number, state: Uint32Array, nodeId?: string): PartitionStats {
  const col = columnOf(frame, column, nodeId);
  const values = presentValues(col);
  let min: QuantileValue = NaN;
  let max: QuantileValue = NaN;
  for (const v of values) {
    if (typeof min === 'number' && Number.isNaN(min)) min = max = v;
    else {
      if (less(v, min)) min = v;
      if (less(max, v)) max = v;
    }
  }
  if (col.dtype === 'object' && col.codes.some((c) => typeof col.dictionary[c] !== 'string')) {
    // numpy cannot order None against str, and Dask turns that TypeError into this advice.
    const name = String(column);
    throw new WeftError(
      'BAD_INPUT',
      `Divisions calculation failed for non-numeric column '${name}'.\nThis is probably due to the presence of nulls, which Dask does not entirely support in the index.\nWe suggest you try with \`.dropna(subset=['${name}'])\`.`,
      { nodeId },
    );
  }
  return { summary: percentilesSummary(col, numOld, numNew, upsample, state), min, max };
}

const isNaNValue = (v: QuantileValue): boolean => typeof v === 'number' && Number.isNaN(v);

/** Dask's `remove_nans`: a NaN takes the next value, trailing NaNs the last one. */
export function removeNans(values: QuantileValue[]): QuantileValue[] {
  const out = values.slice();
  for (let i = out.length - 2; i >= 0; i--) if (isNaNValue(out[i])) out[i] = out[i + 1];
  for (let i = out.length - 1; i >= 0; i--) {
    if (!isNaNValue(out[i])) {
      for (let j = i + 1; j < out.length; j++) out[j] = out[i];
      break;
    }
  }
  return out;
}

/** The outcome of `_calculate_divisions` and the choice Dask makes from it. */
export interface DivisionsPlan {
  /** Deduplicated quantiles: output partition i holds values in [divisions[i], divisions[i+1]). */
  divisions: QuantileValue[];
  mins: QuantileValue[];
  maxes: QuantileValue[];
  /** No shuffle: the data is already in order across the partitions. */
  presorted: boolean;
}

/** `_calculate_divisions` (without repartition) and the pre-sorted test, from pass 1's results. */
export function divisionsPlan(stats: PartitionStats[], npartitions: number, dtype: DType, ascending = true): DivisionsPlan {
  const quantiles = partitionQuantilesFromSummaries(stats.map((s) => s.summary), npartitions, dtype);
  if (quantiles.every(isNaNValue)) throw new WeftError('BAD_INPUT', 'set_index/sort_values of a frame with no values is not supported');
  const seen = new Set<QuantileValue>();
  const head = quantiles.slice(0, -1).filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
  const divisions = [...head, quantiles[quantiles.length - 1]];
  const mins = removeNans(stats.map((s) => s.min));
  const maxes = removeNans(stats.map((s) => s.max));
  const isSorted = (xs: QuantileValue[], reverse: boolean): boolean => xs.every((x, i) => i === 0 || (reverse ? !less(xs[i - 1], x) : !less(x, xs[i - 1])));
  const gaps = ascending ? maxes.slice(0, -1).every((mx, i) => less(mx, mins[i + 1])) : maxes.slice(1).every((mx, i) => less(mx, mins[i]));
  const presorted = divisions.every((d) => !isNaNValue(d)) && isSorted(mins, !ascending) && isSorted(maxes, !ascending) && gaps && npartitions === stats.length;
  return { divisions, mins, maxes, presorted };
}

/** `searchsorted(divisions, v, side='right')` with Python ordering. */
function searchRight(divisions: QuantileValue[], v: QuantileValue): number {
  let lo = 0;
  let hi = divisions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!less(v, divisions[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `set_partitions_pre`: each row's output partition. */
export function setPartitionsPre(column: Column, divisions: QuantileValue[], ascending = true, naPosition: 'first' | 'last' = 'last'): Int32Array {
  const n = column.dtype === 'object' ? column.codes.length : column.values.length;
  const out = new Int32Array(n);
  const last = divisions.length - 2;
  for (let i = 0; i < n; i++) {
    const raw = column.dtype === 'object' ? column.dictionary[column.codes[i]] : column.dtype === 'bool' ? column.values[i] : column.values[i];
    if (isMissing(raw)) {
      out[i] = naPosition === 'last' ? last : 0;
      continue;
    }
    const v = (raw instanceof PyFloat ? raw.value : raw) as QuantileValue;
    let p = ascending ? searchRight(divisions, v) - 1 : divisions.length - searchRight(divisions, v) - 1;
    if (p < 0 || p >= divisions.length - 1) p = ascending ? last : 0;
    out[i] = p;
  }
  return out;
}

/** The comparator and missing test pandas' nargsort uses for a column. */
function orderOf(column: Column): { missingAt: (i: number) => boolean; lessAt: (a: number, b: number) => boolean } {
  if (column.dtype === 'object') {
    const ranks = dictionaryRanks(column.dictionary);
    if (ranks) {
      const codes = column.codes;
      return { missingAt: () => false, lessAt: (a, b) => ranks[codes[a]] < ranks[codes[b]] };
    }
    const value = (i: number): unknown => column.dictionary[column.codes[i]];
    return {
      missingAt: (i) => isMissing(value(i)),
      lessAt: (a, b) => {
        const x = value(a) as QuantileValue;
        const y = value(b) as QuantileValue;
        if (typeof x !== typeof y) throw new WeftError('BAD_INPUT', `TypeError: '<' not supported between instances of '${typeof x === 'string' ? 'str' : 'int'}' and '${typeof y === 'string' ? 'str' : 'int'}'`);
        return less(x, y);
      },
    };
  }
  const values = column.values as ArrayLike<number>;
  return { missingAt: (i) => Number.isNaN(values[i]), lessAt: (a, b) => values[a] < values[b] };
}

/** A numeric sort key per row (a dictionary rank for strings), missing as NaN. */
function sortKeys(column: Column): Float64Array {
  if (column.dtype !== 'object') return Float64Array.from(column.values as ArrayLike<number>);
  const ranks = dictionaryRanks(column.dictionary.map((v) => (isMissing(v) ? '' : v)));
  if (!ranks) {
    const numbers = column.dictionary.map((v) => (isMissing(v) ? NaN : v instanceof PyFloat ? v.value : v));
    if (!numbers.every((v) => typeof v === 'number')) throw new WeftError('BAD_INPUT', "TypeError: '<' not supported between instances of 'str' and 'int'");
    return Float64Array.from(column.codes, (c) => numbers[c] as number);
  }
  return Float64Array.from(column.codes, (c) => (isMissing(column.dictionary[c]) ? NaN : ranks[c]));
}

/**
 * pandas' `df.sort_values(by, ascending, na_position)` of one partition: one key through `nargsort` (numpy's
 * unstable quicksort), several through `lexsort_indexer` (a stable sort by the keys' category codes).
 */
export function sortPartition(frame: Frame, by: Label | Label[], ascending: boolean | boolean[] = true, naPosition: 'first' | 'last' = 'last', nodeId?: string): Frame {
  const names = Array.isArray(by) ? by : [by];
  const orders = Array.isArray(ascending) ? ascending : names.map(() => ascending);
  if (orders.length !== names.length) throw new WeftError('BAD_PARAM', `Length of ascending (${orders.length}) != length of by (${names.length})`, { nodeId });
  if (names.length === 1) {
    const { missingAt, lessAt } = orderOf(columnOf(frame, names[0], nodeId));
    return takeFrameRows(frame, nargsort(frame.length, missingAt, lessAt, orders[0], naPosition));
  }
  const keys = names.map((n, k) => {
    const raw = sortKeys(columnOf(frame, n, nodeId));
    const missing = naPosition === 'last' ? Infinity : -Infinity;
    return raw.map((v) => (Number.isNaN(v) ? missing : orders[k] ? v : -v));
  });
  const order = Array.from({ length: frame.length }, (_, i) => i).sort((a, b) => {
    for (const key of keys) if (key[a] !== key[b]) return key[a] < key[b] ? -1 : 1;
    return 0;
  });
  return takeFrameRows(frame, order);
}

/** Whether pandas calls an index monotonic increasing (NaN and None make it not). */
function isMonotonicIncreasing(column: Column): boolean {
  const { missingAt, lessAt } = orderOf(column);
  const n = column.dtype === 'object' ? column.codes.length : column.values.length;
  for (let i = 0; i < n; i++) if (missingAt(i)) return false;
  for (let i = 1; i < n; i++) if (lessAt(i, i - 1)) return false;
  return true;
}

/**
 * The index pandas builds from a column (`ensure_index_from_sequences`): an object column whose values are all
 * numbers or missing becomes float64 (int64 when all are integers), as `Index(object_array)` infers.
 */
function indexLevel(column: Column): Column {
  if (column.dtype !== 'object') return column;
  const values = Array.from(column.codes, (c) => column.dictionary[c]);
  const numeric = values.every((v) => v === null || (typeof v === 'number') || v instanceof PyFloat) && values.some((v) => v !== null);
  if (!numeric || values.length === 0) return column;
  const nums = values.map((v) => (v === null ? NaN : v instanceof PyFloat ? v.value : (v as number)));
  const integral = values.every((v) => typeof v === 'number' && Number.isInteger(v));
  return { dtype: integral ? 'int64' : 'float64', values: Float64Array.from(nums) };
}

/** `set_index_post_scalar` then `sort_index`: the column becomes the index, rows ordered by it. */
export function setIndexPartition(frame: Frame, column: Label, nodeId?: string): Frame {
  const at = frame.names.indexOf(column);
  if (at < 0) throw new WeftError('BAD_INPUT', `KeyError: ${typeof column === 'string' ? `'${column}'` : String(column)}`, { nodeId });
  const level = indexLevel(frame.columns[at]);
  const indexed: Frame = {
    kind: 'frame',
    names: frame.names.filter((_, i) => i !== at),
    columns: frame.columns.filter((_, i) => i !== at),
    index: { kind: 'labels', levels: [level], names: [column] },
    length: frame.length,
  };
  if (isMonotonicIncreasing(level)) return indexed;
  const { missingAt, lessAt } = orderOf(level);
  const order = nargsort(frame.length, missingAt, lessAt, true, 'last');
  const index: Index = { kind: 'labels', levels: [takeColumn(level, order)], names: [column] };
  return { kind: 'frame', names: indexed.names, columns: indexed.columns.map((c) => takeColumn(c, order)), index, length: frame.length };
}

/**
 * `setIndexPartition` of the concatenation of a shuffle's buckets (empty ones left out; `empty` when all are), built
 * one column at a time: the column becoming the index is concatenated and ordered first, then each other column is
 * concatenated and put in that order on its own. So the partition exists once in its final order instead of also
 * whole in bucket order, and a partition one key fills (KDD's service 'ecr_i', 57% of the rows) is held twice (its
 * buckets and the result) rather than three times. Buckets whose labels differ go through the whole concatenation.
 */
export function setIndexFromBuckets(buckets: Frame[], column: Label, empty: Frame, nodeId?: string): Frame {
  const frames = buckets.filter((b) => b.length > 0);
  const names = frames[0]?.names;
  const isSameLabels = frames.every((f) => f.columnTuples === undefined && f.names.length === names.length && f.names.every((n, i) => n === names[i]));
  if (frames.length <= 1 || !isSameLabels) return setIndexPartition(collectBuckets(buckets, empty), column, nodeId);
  const at = names.indexOf(column);
  if (at < 0) throw new WeftError('BAD_INPUT', `KeyError: ${typeof column === 'string' ? `'${column}'` : String(column)}`, { nodeId });
  const columnAt = (p: number) => concatColumn(frames.map((f) => ({ column: f.columns[p], length: f.length })));
  const level = indexLevel(columnAt(at));
  const length = frames.reduce((n, f) => n + f.length, 0);
  let order: ArrayLike<number> | null = null;
  if (!isMonotonicIncreasing(level)) {
    const { missingAt, lessAt } = orderOf(level);
    order = nargsort(length, missingAt, lessAt, true, 'last');
  }
  const inOrder = (c: Column) => (order ? takeColumn(c, order) : c);
  const columns: Column[] = [];
  for (let p = 0; p < names.length; p++) if (p !== at) columns.push(inOrder(columnAt(p)));
  return { kind: 'frame', names: names.filter((_, i) => i !== at), columns, index: { kind: 'labels', levels: [inOrder(level)], names: [column] }, length };
}

/** Dask's meta of `set_index(column)`: the column leaves the columns and becomes the index. */
export function setIndexMeta(meta: FrameMeta, column: Label, nodeId?: string): FrameMeta {
  const entry = meta.columns.find((c) => c.name === column);
  if (!entry) throw new WeftError('BAD_INPUT', `KeyError: "Data has no column '${String(column)}': use any column of [${meta.columns.map((c) => (typeof c.name === 'string' ? `'${c.name}'` : String(c.name))).join(', ')}]"`, { nodeId });
  return { kind: 'frame', columns: meta.columns.filter((c) => c.name !== column), index: { dtypes: [entry.dtype], names: [column] } };
}

/** Options of the composed runs below; `randomState` is the seed Dask derives from its graph (see partition-quantiles.ts). */
export interface DivisionsOptions {
  npartitions?: number;
  upsample?: number;
  randomState: number;
}

function passOne(parts: Frame[], column: Label, npartitions: number, options: DivisionsOptions, nodeId?: string): PartitionStats[] {
  const states = randomStateData(parts.length, options.randomState);
  return parts.map((p, i) => partitionStats(p, column, parts.length, npartitions, options.upsample ?? 1, states[i], nodeId));
}

function shuffleByTargets(parts: Frame[], column: Label, divisions: QuantileValue[], ascending: boolean, naPosition: 'first' | 'last', meta: Frame): Frame[] {
  const outputs = divisions.length - 1;
  const buckets = parts.map((p) => splitByTargets(p, setPartitionsPre(p.columns[p.names.indexOf(column)], divisions, ascending, naPosition), outputs));
  return Array.from({ length: outputs }, (_, j) => collectBuckets(buckets.map((b) => b[j]), meta));
}

/** The whole `set_index(column, npartitions=)` over partitions, stage by stage: partitions and divisions. */
export function setIndexPartitions(parts: Frame[], column: Label, meta: FrameMeta, options: DivisionsOptions, nodeId?: string): { parts: Frame[]; divisions: QuantileValue[] } {
  setIndexMeta(meta, column, nodeId);
  const npartitions = options.npartitions ?? parts.length;
  const dtype = meta.columns.find((c) => c.name === column)!.dtype;
  const plan = divisionsPlan(passOne(parts, column, npartitions, options, nodeId), npartitions, dtype);
  if (plan.presorted) {
    return { parts: parts.map((p) => setIndexPartition(p, column, nodeId)), divisions: [...plan.mins, plan.maxes[plan.maxes.length - 1]] };
  }
  const shuffled = shuffleByTargets(parts, column, plan.divisions, true, 'last', emptyFrame(meta));
  return { parts: shuffled.map((p) => setIndexPartition(p, column, nodeId)), divisions: plan.divisions };
}

/** The whole `sort_values(by, ascending=, na_position=)` over partitions, stage by stage. */
export function sortValuesPartitions(parts: Frame[], byParam: Label | Label[], meta: FrameMeta, options: DivisionsOptions & { ascending?: boolean | boolean[]; na_position?: 'first' | 'last' }, nodeId?: string): Frame[] {
  const naPosition = options.na_position ?? 'last';
  if (naPosition !== 'first' && naPosition !== 'last') throw new WeftError('BAD_PARAM', "na_position must be either 'first' or 'last'", { nodeId });
  const byList = Array.isArray(byParam) ? byParam : [byParam];
  if ((byList.length > 1 && parts.length > 1) || byList.some((b) => typeof b !== 'string')) {
    throw new WeftError('BAD_PARAM', `Dataframes only support sorting by named columns which must be passed as a string or a list of strings; multi-partition dataframes only support sorting by a single column.\nYou passed ${pyList(byList)}`, { nodeId });
  }
  for (const b of byList) if (!meta.columns.some((c) => c.name === b)) throw new WeftError('BAD_INPUT', `KeyError: '${String(b)}'`, { nodeId });
  const ascendingParam = options.ascending ?? true;
  if (parts.length === 1) return [sortPartition(parts[0], byList, ascendingParam, naPosition, nodeId)];
  const by = byList[0];
  const npartitions = options.npartitions ?? parts.length;
  const dtype = meta.columns.find((c) => c.name === by)!.dtype;
  const divisionsFor = (ascending: boolean): DivisionsPlan => divisionsPlan(passOne(parts, by, npartitions, options, nodeId), npartitions, dtype, ascending);
  // Dask computes the divisions before it looks at `ascending`; the pre-sorted test then uses the single bool.
  const single = typeof ascendingParam === 'boolean' ? ascendingParam : ascendingParam.length === 1 ? ascendingParam[0] : null;
  const plan = divisionsFor(single ?? true);
  if (plan.divisions.length === 2) return [sortPartition(concatFrames(parts), byList, ascendingParam, naPosition, nodeId)];
  if (single === null) throw new WeftError('BAD_PARAM', `Dask currently only supports a single boolean for ascending. You passed ${pyList(ascendingParam as boolean[])}`, { nodeId });
  if (plan.presorted) return parts.map((p) => sortPartition(p, by, single, naPosition, nodeId));
  // rearrange_by_divisions drops repeated divisions again (duplicates=False).
  const seen = new Set<QuantileValue>();
  const divisions = plan.divisions.filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
  return shuffleByTargets(parts, by, divisions, single, naPosition, emptyFrame(meta)).map((p) => sortPartition(p, by, single, naPosition, nodeId));
}

function pyList(values: unknown[]): string {
  return '[' + values.map((v) => (typeof v === 'string' ? `'${v}'` : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v))).join(', ') + ']';
}

/** pandas' `df.set_index(column)` without sorting (`M.set_index`, what `sorted=True` runs per partition). */
export function setIndexUnsorted(frame: Frame, column: Label, nodeId?: string): Frame {
  const at = frame.names.indexOf(column);
  if (at < 0) throw new WeftError('BAD_INPUT', `KeyError: ${typeof column === 'string' ? `'${column}'` : String(column)}`, { nodeId });
  return {
    kind: 'frame',
    names: frame.names.filter((_, i) => i !== at),
    columns: frame.columns.filter((_, i) => i !== at),
    index: { kind: 'labels', levels: [indexLevel(frame.columns[at])], names: [column] },
    length: frame.length,
  };
}

function indexValues(frame: Frame): Column {
  return (frame.index as Extract<Index, { kind: 'labels' }>).levels[0];
}

/** The rows of an indexed partition whose label is (or, with `equal` false, is not) `label`. */
function rowsLabelled(frame: Frame, label: QuantileValue, equal: boolean): number[] {
  const labels = indexValues(frame);
  const rows: number[] = [];
  for (let r = 0; r < frame.length; r++) {
    const raw = labels.dtype === 'object' ? labels.dictionary[labels.codes[r]] : labels.values[r];
    if (((raw instanceof PyFloat ? raw.value : raw) === label) === equal) rows.push(r);
  }
  return rows;
}

/**
 * `set_index(column, sorted=True)` (`set_sorted_index` → `compute_and_set_divisions` → `fix_overlap`): each
 * partition's column becomes its index as it is; empty partitions are dropped; divisions are the mins and the last
 * max; rows whose label equals the next partition's min move there (Dask's overlap fix). Partitions out of order
 * fail as Dask fails.
 */
export function setSortedIndexPartitions(parts: Frame[], column: Label, meta: FrameMeta, nodeId?: string): { parts: Frame[]; divisions: QuantileValue[] } {
  setIndexMeta(meta, column, nodeId);
  const indexed = parts.map((p) => setIndexUnsorted(p, column, nodeId));
  const stats = indexed.map((p) => {
    const values = presentValues(indexValues(p));
    let min: QuantileValue = NaN;
    let max: QuantileValue = NaN;
    for (const v of values) {
      if (isNaNValue(min)) min = max = v;
      else {
        if (less(v, min)) min = v;
        if (less(max, v)) max = v;
      }
    }
    return { min, max, length: p.length };
  });
  const mins = removeNans(stats.map((s) => s.min)).filter((_, i) => stats[i].length !== 0);
  const maxes = removeNans(stats.map((s) => s.max)).filter((_, i) => stats[i].length !== 0);
  const isSorted = (xs: QuantileValue[]): boolean => xs.every((x, i) => i === 0 || !less(x, xs[i - 1]));
  if (!isSorted(mins) || !isSorted(maxes)) throw new WeftError('BAD_INPUT', `Partitions are not sorted ascending by ${String(column)}`, { nodeId });
  const nonEmpty = indexed.filter((p) => p.length !== 0);
  if (nonEmpty.length === 0) return { parts: [indexed[0]], divisions: [NaN, NaN] };
  const divisions = [...mins, maxes[maxes.length - 1]];
  if (nonEmpty.length === indexed.length && !mins.some((m, i) => i > 0 && !less(m, maxes[i - 1]))) return { parts: indexed, divisions };
  const out = nonEmpty.slice();
  const overlap = mins.map((_, i) => i).filter((i) => i > 0 && !less(mins[i], maxes[i - 1]));
  let frames: Frame[] = [];
  for (const i of overlap) {
    // Rows of partition i-1 labelled divisions[i] go to partition i (get_overlap / drop_overlap).
    const previous = nonEmpty[i - 1];
    const moving = rowsLabelled(previous, divisions[i], true);
    const noColumns: Frame = { kind: 'frame', names: [], columns: [], index: { kind: 'range', start: 0, step: 1, name: null }, length: 0 };
    frames.push(moving.length ? takeFrameRows(previous, moving) : noColumns);
    // drop_overlap works on what partition i-1 has become (it may already hold rows moved into it).
    if (rowsLabelled(out[i - 1], divisions[i], true).length) out[i - 1] = takeFrameRows(out[i - 1], rowsLabelled(out[i - 1], divisions[i], false));
    if (divisions[i] === divisions[i + 1] && overlap.includes(i + 1)) continue;
    frames.push(nonEmpty[i]);
    out[i] = concatFrames(frames);
    frames = [];
  }
  return { parts: out, divisions };
}
