/**
 * `dd.merge(left, right, how=, on=, left_on=, right_on=, suffixes=)` of Dask 2022.12: the plan Dask picks, and the
 * per-partition pandas 1.5.3 merge (`merge_chunk`) each output partition runs.
 *
 * Policy:
 * - Plan (dask/dataframe/multi.py `merge`): when the right side has one partition and `how` is inner or left, or
 *   the left side has one and `how` is inner or right, every partition of the other side merges with that single
 *   partition (`single_partition_join`, a broadcast); otherwise a hash join: both sides are shuffled on their keys
 *   into `max(npartitions)` partitions (shuffle.ts) and partition i merges with partition i. Divisions are unknown.
 * - Keys match with Python equality (1 == 1.0 == True, -0.0 == 0.0), and all missing keys (None, NaN) match each
 *   other, as pandas' factorizer does. Groups are numbered by first appearance, left then right.
 * - Row order (pandas/_libs/join.pyx): inner lists groups in that order, each as left rows × right rows (pandas
 *   1.5's inner join never restores the left order); left follows the left rows, right the right rows, each row
 *   with its matches in the other side's order; outer lists groups in order, a group with no partner being just its
 *   own side's rows. When one side is empty, pandas' fast path keeps the other side's order.
 * - Columns: the left's, then the right's without a key it shares by name with the left; other shared names get
 *   the suffixes. A side with unmatched rows fills NaN: int64 → float64, bool → object. A shared key column is
 *   the left's values, with the right's where the left is missing (`_maybe_add_join_keys`), so int keys stay int64;
 *   an empty left partition takes the right's key column instead (its dtype too). Columns stay in the meta's order.
 * - The index is 0..n-1 as int64 labels (pandas' `Index(np.arange(n))`, not a RangeIndex).
 */

import { WeftError } from '../../errors.js';
import { PyFloat } from '../../values/py-types.js';
import { type Column, type DType, type Frame, type FrameMeta, type Label } from '../frame.js';
import { joinPieces } from './concat-frames.js';
import { emptyFrame } from './empty-frame.js';
import { factorizeRows } from './row-keys.js';
import { collectBuckets, hashSplit } from './shuffle.js';
import { pyValue } from '../python-values.js';

/** How rows without a partner are kept. */
export type MergeHow = 'inner' | 'left' | 'right' | 'outer';

/** `dd.merge`'s parameters that Weft supports, as Dask names them. */
export interface MergeOptions {
  how?: MergeHow;
  on?: Label | Label[];
  left_on?: Label | Label[];
  right_on?: Label | Label[];
  suffixes?: [string | null, string | null];
}

/** The keys both sides join on, after Dask's defaulting (`on` = the shared columns when nothing is given). */
export interface MergeKeys {
  how: MergeHow;
  leftOn: Label[];
  rightOn: Label[];
  suffixes: [string | null, string | null];
}

const asList = (v: Label | Label[]): Label[] => (Array.isArray(v) ? v : [v]);

/** Resolves `on`/`left_on`/`right_on` as `dd.merge` does and checks the columns exist. */
export function resolveMergeKeys(leftNames: Label[], rightNames: Label[], options: MergeOptions, nodeId?: string): MergeKeys {
  const how = options.how ?? 'inner';
  if (!['inner', 'left', 'right', 'outer'].includes(how)) {
    throw new WeftError('BAD_PARAM', `dask.dataframe.merge does not support how='${how}'. Options are: ('left', 'right', 'outer', 'inner', 'leftanti', 'leftsemi'). Note that 'leftanti' and 'leftsemi' are only dask_cudf options.`, { nodeId });
  }
  let on = options.on;
  let leftOn = options.left_on;
  let rightOn = options.right_on;
  const isEmpty = (v: Label | Label[] | undefined): boolean => v === undefined || (Array.isArray(v) && v.length === 0);
  if (isEmpty(on) && isEmpty(leftOn) && isEmpty(rightOn)) {
    on = leftNames.filter((n) => rightNames.includes(n));
    if (on.length === 0) throw new WeftError('BAD_PARAM', 'merge on the index (no common columns and no on=) is not supported', { nodeId });
  }
  if (!isEmpty(on) && isEmpty(leftOn) && isEmpty(rightOn)) {
    leftOn = on;
    rightOn = on;
  } else if (!isEmpty(on)) {
    throw new WeftError('BAD_PARAM', 'Can only pass argument "on" OR "left_on" and "right_on", not a combination of both.', { nodeId });
  }
  if (isEmpty(leftOn) || isEmpty(rightOn)) {
    throw new WeftError('BAD_PARAM', isEmpty(leftOn) ? 'Must pass "left_on" OR "left_index".' : 'Must pass "right_on" OR "right_index".', { nodeId });
  }
  const left = asList(leftOn!);
  const right = asList(rightOn!);
  if (left.length !== right.length) throw new WeftError('BAD_PARAM', 'len(right_on) must equal len(left_on)', { nodeId });
  for (const name of left) if (!leftNames.includes(name)) throw new WeftError('BAD_INPUT', `KeyError: ${pyLabel(name)}`, { nodeId });
  for (const name of right) if (!rightNames.includes(name)) throw new WeftError('BAD_INPUT', `KeyError: ${pyLabel(name)}`, { nodeId });
  return { how, leftOn: left, rightOn: right, suffixes: options.suffixes ?? ['_x', '_y'] };
}

function pyLabel(name: Label): string {
  return typeof name === 'string' ? `'${name}'` : String(name);
}

/** The output's columns: where each comes from and its name, before dtypes. */
interface ColumnSource {
  name: Label;
  side: 'left' | 'right';
  at: number;
  /** A key shared by name: the left's value, or the right's at `rightAt` where the left is missing. */
  sharedKey?: { rightAt: number };
}

function outputColumns(leftNames: Label[], rightNames: Label[], keys: MergeKeys): ColumnSource[] {
  // pandas drops the right key when both sides name it alike (`_get_merge_keys`: right_drop).
  const droppedRight = new Set<Label>();
  const sharedKeys = new Map<Label, number>();
  keys.leftOn.forEach((l, i) => {
    const r = keys.rightOn[i];
    if (l === r) {
      droppedRight.add(r);
      sharedKeys.set(l, rightNames.indexOf(r));
    }
  });
  const keptRight = rightNames.filter((n) => !droppedRight.has(n));
  const overlap = new Set(leftNames.filter((n) => keptRight.includes(n)));
  const [ls, rs] = keys.suffixes;
  if (overlap.size > 0 && !ls && !rs) {
    throw new WeftError('BAD_PARAM', `columns overlap but no suffix specified: Index([${[...overlap].map(pyLabel).join(', ')}], dtype='object')`);
  }
  const rename = (n: Label, suffix: string | null): Label => (overlap.has(n) && suffix !== null ? `${String(n)}${suffix}` : n);
  const out: ColumnSource[] = leftNames.map((n, at) => ({ name: rename(n, ls), side: 'left', at, ...(sharedKeys.has(n) ? { sharedKey: { rightAt: sharedKeys.get(n)! } } : {}) }));
  rightNames.forEach((n, at) => {
    if (!droppedRight.has(n)) out.push({ name: rename(n, rs), side: 'right', at });
  });
  return out;
}

/** Dask's meta of the merge: pandas' merge of the non-empty metas, whose fake keys always match. */
export function mergeMeta(left: FrameMeta, right: FrameMeta, options: MergeOptions, nodeId?: string): FrameMeta {
  const keys = resolveMergeKeys(left.columns.map((c) => c.name), right.columns.map((c) => c.name), options, nodeId);
  const sources = outputColumns(left.columns.map((c) => c.name), right.columns.map((c) => c.name), keys);
  // The non-empty metas hold strings in object columns, so pandas refuses a number key against an object key here.
  keys.leftOn.forEach((name, i) => {
    const l = left.columns.find((c) => c.name === name)!.dtype;
    const r = right.columns.find((c) => c.name === keys.rightOn[i])!.dtype;
    const numeric = (d: DType): boolean => d === 'int64' || d === 'float64';
    if ((numeric(l) && r === 'object') || (l === 'object' && numeric(r))) {
      throw new WeftError('BAD_INPUT', `You are trying to merge on ${l} and ${r} columns. If you wish to proceed you should use pd.concat`, { nodeId });
    }
  });
  return {
    kind: 'frame',
    columns: sources.map((s) => ({ name: s.name, dtype: (s.side === 'left' ? left : right).columns[s.at].dtype })),
    index: { dtypes: ['int64'], names: [null] },
  };
}

/** Which partitions each output partition reads. */
export type MergePlan =
  | { kind: 'single-partition-join'; broadcast: 'left' | 'right'; npartitions: number }
  | { kind: 'hash-join'; npartitions: number };

/** The algorithm Dask 2022.12 picks for frames of these partition counts (unknown divisions). */
export function mergePlan(leftPartitions: number, rightPartitions: number, how: MergeHow): MergePlan {
  if (rightPartitions === 1 && (how === 'inner' || how === 'left')) return { kind: 'single-partition-join', broadcast: 'right', npartitions: leftPartitions };
  if (leftPartitions === 1 && (how === 'inner' || how === 'right')) return { kind: 'single-partition-join', broadcast: 'left', npartitions: rightPartitions };
  return { kind: 'hash-join', npartitions: Math.max(leftPartitions, rightPartitions) };
}

/** Group ids of both sides' rows, numbered by first appearance in the left, then the right. */
function factorizeKeys(leftKeys: Column[], rightKeys: Column[], leftLength: number, rightLength: number): { left: Int32Array; right: Int32Array; count: number } {
  const { labels, count } = factorizeRows([
    { columns: leftKeys, length: leftLength },
    { columns: rightKeys, length: rightLength },
  ]);
  return { left: labels[0], right: labels[1], count };
}

/** Rows of each group, in row order (groupsort_indexer). */
function groupRows(labels: Int32Array, count: number): { starts: Int32Array; rows: Int32Array } {
  const starts = new Int32Array(count + 1);
  for (const g of labels) starts[g + 1]++;
  for (let g = 0; g < count; g++) starts[g + 1] += starts[g];
  const rows = new Int32Array(labels.length);
  const cursor = starts.slice(0, count);
  for (let i = 0; i < labels.length; i++) rows[cursor[labels[i]]++] = i;
  return { starts, rows };
}

/** pandas' join indexers: the left and right row of each output row, -1 where that side has none. */
export function joinIndexers(leftKeys: Column[], rightKeys: Column[], leftLength: number, rightLength: number, how: MergeHow): { left: Int32Array; right: Int32Array } {
  const none = (n: number): Int32Array => new Int32Array(n).fill(-1);
  const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
  // pandas' fast paths for an empty side keep the other side's order.
  if (leftLength === 0) {
    if (how === 'left' || how === 'inner') return { left: new Int32Array(0), right: new Int32Array(0) };
    return { left: none(rightLength), right: all(rightLength) };
  }
  if (rightLength === 0) {
    if (how === 'right' || how === 'inner') return { left: new Int32Array(0), right: new Int32Array(0) };
    return { left: all(leftLength), right: none(leftLength) };
  }
  const { left: llab, right: rlab, count } = factorizeKeys(leftKeys, rightKeys, leftLength, rightLength);
  const lg = groupRows(llab, count);
  const rg = groupRows(rlab, count);
  const outL: number[] = [];
  const outR: number[] = [];
  if (how === 'inner' || how === 'outer') {
    for (let g = 0; g < count; g++) {
      const lc = lg.starts[g + 1] - lg.starts[g];
      const rc = rg.starts[g + 1] - rg.starts[g];
      if (lc > 0 && rc > 0) {
        for (let j = 0; j < lc; j++) {
          for (let k = 0; k < rc; k++) {
            outL.push(lg.rows[lg.starts[g] + j]);
            outR.push(rg.rows[rg.starts[g] + k]);
          }
        }
      } else if (how === 'outer') {
        for (let j = 0; j < lc; j++) (outL.push(lg.rows[lg.starts[g] + j]), outR.push(-1));
        for (let k = 0; k < rc; k++) (outL.push(-1), outR.push(rg.rows[rg.starts[g] + k]));
      }
    }
    return { left: Int32Array.from(outL), right: Int32Array.from(outR) };
  }
  // left and right keep the driving side's row order (left_outer_join with sort=False).
  const [driveLab, driveLength, other, swap] = how === 'left' ? [llab, leftLength, rg, false] : [rlab, rightLength, lg, true];
  for (let i = 0; i < driveLength; i++) {
    const g = driveLab[i];
    const n = other.starts[g + 1] - other.starts[g];
    if (n === 0) (outL.push(i), outR.push(-1));
    for (let k = 0; k < n; k++) (outL.push(i), outR.push(other.rows[other.starts[g] + k]));
  }
  return swap ? { left: Int32Array.from(outR), right: Int32Array.from(outL) } : { left: Int32Array.from(outL), right: Int32Array.from(outR) };
}

/** pandas' `take` with -1 as missing: int64 → float64 and bool → object when a row is missing. */
function takeWithMissing(column: Column, indexer: Int32Array): Column {
  const n = indexer.length;
  const hasMissing = indexer.some((i) => i < 0);
  if (column.dtype === 'object') {
    let nanCode = column.dictionary.findIndex((v) => typeof v === 'number' && Number.isNaN(v));
    const dictionary = hasMissing && nanCode < 0 ? [...column.dictionary, NaN] : column.dictionary;
    if (nanCode < 0) nanCode = column.dictionary.length;
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = indexer[i] < 0 ? nanCode : column.codes[indexer[i]];
    return { dtype: 'object', codes, dictionary };
  }
  if (column.dtype === 'bool') {
    if (!hasMissing) return { dtype: 'bool', values: Uint8Array.from(indexer, (i) => column.values[i]) };
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = indexer[i] < 0 ? 2 : column.values[indexer[i]];
    return { dtype: 'object', codes, dictionary: [false, true, NaN] };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = indexer[i] < 0 ? NaN : column.values[indexer[i]];
  return { dtype: column.dtype === 'int64' && hasMissing ? 'float64' : column.dtype, values } as Column;
}

/** pandas' `find_common_type` of two dtypes. */
function commonType(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'object' || b === 'object' || a === 'bool' || b === 'bool') return 'object';
  return 'float64';
}

/** `take_nd` with pandas' `na_value_for_dtype` fill (0 for int, False for bool, NaN otherwise): dtype kept. */
function takeKeepingDtype(column: Column, indexer: Int32Array): Column {
  if (column.dtype === 'object' || column.dtype === 'float64') return takeWithMissing(column, indexer);
  const n = indexer.length;
  if (column.dtype === 'bool') return { dtype: 'bool', values: Uint8Array.from({ length: n }, (_, i) => (indexer[i] < 0 ? 0 : column.values[indexer[i]])) };
  return { dtype: 'int64', values: Float64Array.from({ length: n }, (_, i) => (indexer[i] < 0 ? 0 : column.values[indexer[i]])) };
}

/** The shared key column: the left's values, the right's where the left row is missing (`_maybe_add_join_keys`). */
function sharedKeyColumn(leftKey: Column, rightKey: Column, left: Int32Array, right: Int32Array, taken: Column): Column {
  const leftMissing = left.some((i) => i < 0);
  if (!leftMissing) return taken;
  const lvals = taken.dtype === leftKey.dtype ? taken : takeKeepingDtype(leftKey, left);
  const rvals = takeKeepingDtype(rightKey, right);
  if (left.every((i) => i < 0)) return rvals;
  if (right.every((i) => i < 0)) return lvals;
  const dtype = commonType(lvals.dtype, rvals.dtype);
  const n = left.length;
  if (dtype === 'object') {
    // pandas wraps the left values in an Index, which infers float64 from object values that are all numbers or
    // missing (None becomes NaN), and keeps floats when the right values it puts in are numbers too.
    const isNumberOrMissing = (v: unknown): boolean => (typeof v === 'number' || v instanceof PyFloat || v === null) && typeof v !== 'boolean';
    const leftValues = Array.from({ length: n }, (_, i) => pyValue(lvals, i));
    const inferredFloat = lvals.dtype === 'object' && leftValues.every(isNumberOrMissing) && leftValues.some((v) => v !== null);
    const rightFloat = inferredFloat && Array.from({ length: n }, (_, i) => (left[i] < 0 ? pyValue(rvals, i) : 0)).every(isNumberOrMissing);
    const asFloat = (v: unknown): unknown => {
      const x = v === null ? NaN : v instanceof PyFloat ? v.value : (v as number);
      return Number.isInteger(x) ? new PyFloat(x) : x;
    };
    const values = Array.from({ length: n }, (_, i) => {
      if (left[i] < 0) return rightFloat ? asFloat(pyValue(rvals, i)) : pyValue(rvals, i);
      return inferredFloat ? asFloat(leftValues[i]) : leftValues[i];
    });
    return joinPieces([{ kind: 'values', column: { dtype: 'object', codes: Int32Array.from(values, (_, i) => i), dictionary: values } }], 'object');
  }
  const values = new Float64Array(n);
  const numeric = (c: Column, i: number): number => (c.dtype === 'object' ? NaN : c.values[i]);
  for (let i = 0; i < n; i++) values[i] = left[i] < 0 ? numeric(rvals, i) : numeric(lvals, i);
  return dtype === 'bool' ? { dtype: 'bool', values: Uint8Array.from(values) } : ({ dtype, values } as Column);
}

function keyColumns(frame: Frame, names: Label[]): Column[] {
  return names.map((n) => frame.columns[frame.names.indexOf(n)]);
}

/** Refuses key pairs pandas refuses (`_maybe_coerce_merge_keys`): a number against strings. */
function checkKeyDtypes(leftKeys: Column[], rightKeys: Column[], nodeId?: string): void {
  leftKeys.forEach((l, i) => {
    const r = rightKeys[i];
    const numeric = (c: Column): boolean => c.dtype === 'int64' || c.dtype === 'float64';
    const stringy = (c: Column): boolean => c.dtype === 'object' && c.dictionary.some((v) => typeof v === 'string');
    if ((numeric(l) && stringy(r)) || (stringy(l) && numeric(r))) {
      throw new WeftError('BAD_INPUT', `You are trying to merge on ${l.dtype} and ${r.dtype} columns. If you wish to proceed you should use pd.concat`, { nodeId });
    }
  });
}

/**
 * One output partition of the merge: pandas' `left.merge(right, ...)` as Dask's `merge_chunk` runs it (columns in
 * the meta's order even when the left is empty; an empty result's index int64).
 */
export function mergeChunk(left: Frame, right: Frame, options: MergeOptions, nodeId?: string): Frame {
  const keys = resolveMergeKeys(left.names, right.names, options, nodeId);
  const leftKeys = keyColumns(left, keys.leftOn);
  const rightKeys = keyColumns(right, keys.rightOn);
  checkKeyDtypes(leftKeys, rightKeys, nodeId);
  const indexers = joinIndexers(leftKeys, rightKeys, left.length, right.length, keys.how);
  const sources = outputColumns(left.names, right.names, keys);
  const columns = sources.map((s) => {
    if (s.side === 'right') return takeWithMissing(right.columns[s.at], indexers.right);
    // pandas drops the left's copy of a shared key instead of the right's when the left is empty ("avoid key
    // upcast in corner case"), so the key then has the right's values and dtype.
    if (s.sharedKey && left.length === 0) return takeWithMissing(right.columns[s.sharedKey.rightAt], indexers.right);
    const taken = takeWithMissing(left.columns[s.at], indexers.left);
    if (!s.sharedKey) return taken;
    return sharedKeyColumn(left.columns[s.at], right.columns[s.sharedKey.rightAt], indexers.left, indexers.right, taken);
  });
  const length = indexers.left.length;
  return {
    kind: 'frame',
    names: sources.map((s) => s.name),
    columns,
    index: { kind: 'labels', levels: [{ dtype: 'int64', values: Float64Array.from({ length }, (_, i) => i) }], names: [null] },
    length,
  };
}

/**
 * The whole merge over partitions, composed from the plan and the stages exactly as Dask's graph runs them (for
 * tests and the in-process executor; the scheduler runs the same stages as separate tasks).
 */
export function mergePartitions(left: Frame[], right: Frame[], leftMeta: FrameMeta, rightMeta: FrameMeta, options: MergeOptions, nodeId?: string): Frame[] {
  const keys = resolveMergeKeys(leftMeta.columns.map((c) => c.name), rightMeta.columns.map((c) => c.name), options, nodeId);
  const plan = mergePlan(left.length, right.length, keys.how);
  if (plan.kind === 'single-partition-join') {
    return plan.broadcast === 'right' ? left.map((part) => mergeChunk(part, right[0], options, nodeId)) : right.map((part) => mergeChunk(left[0], part, options, nodeId));
  }
  const shuffled = (parts: Frame[], on: Label[], meta: FrameMeta): Frame[] => {
    const buckets = parts.map((part) => hashSplit(part, on, plan.npartitions, nodeId));
    return Array.from({ length: plan.npartitions }, (_, j) => collectBuckets(buckets.map((b) => b[j]), emptyFrame(meta)));
  };
  const l = shuffled(left, keys.leftOn, leftMeta);
  const r = shuffled(right, keys.rightOn, rightMeta);
  return l.map((part, j) => mergeChunk(part, r[j], options, nodeId));
}
