/**
 * `df.groupby(by, sort=, dropna=).agg(arg)` as Dask's tree reduction (`aca` with `_groupby_apply_funcs` as chunk
 * and combine and `_agg_finalize` as aggregate), over columnar partials.
 *
 * Policy:
 * - chunk: group the partition's rows by the keys (group-keys.ts; first appearance, as Dask passes `sort=False`)
 *   and compute every intermediate of the plan (groupby-spec.ts) per group.
 * - combine: concatenate partials in order, group them again by their keys (first appearance) and reduce each
 *   intermediate (sums are summed, min/max/first/last applied again).
 * - aggregate: the same, then the finalizers, then pandas' `sort`: `True` sorts the groups by key, `None` and
 *   `False` keep first appearance over the partitions in order.
 * - Numbers as pandas' cython group kernels compute them: float sums are Kahan-compensated (`group_sum`), NaN
 *   skipped, an all-NaN group sums to 0; min/max/first/last skip NaN and give NaN for an all-NaN group. int64 sums
 *   and sums of squares are exact int64 with numpy's wrap-around (BigInt64Array partials), so var's
 *   Σx² − (Σx)²/n sees the same integers Dask does.
 * - split_out > 1 runs these same stages over partials dealt to output partitions by the hash of their keys
 *   (split-out.ts: Dask's shuffle, or a tree per output partition).
 */
import { WeftError } from '../../errors.js';
import type { Column, Frame, Label } from '../frame.js';
import { columnValue } from '../frame.js';
import { concatColumns, isMissingAt, labelIndex, makeFrame } from './columns.js';
import { objectColumn } from '../frame-from-values.js';
import { takeColumn } from '../take-rows.js';
import type { Grouping } from './group-keys.js';
import { groupKeys, groupRows, sortedOrder } from './group-keys.js';
import type { ChunkFunc, GroupbyAggPlan } from './groupby-spec.js';
import { beyondExactInts } from './reductions.js';
import type { TreeReduction } from './tree.js';

/** One intermediate's values per group: a column, or exact int64 sums. */
export type PartialValues = { kind: 'column'; column: Column } | { kind: 'int64'; values: BigInt64Array };

/** A chunk's or a combine's output: the groups' keys and intermediates (Dask's intermediate frame). */
export interface GroupPartial {
  kind: 'group-partial';
  keyNames: Label[];
  keys: Column[];
  length: number;
  values: Record<string, PartialValues>;
}

/** Options of `groupby(...)` that the kernel reads. */
export interface GroupbyOptions {
  sort?: boolean | null;
  dropna?: boolean | null;
}

const EXACT = 2 ** 53;

function kahanSums(values: Float64Array, ids: Int32Array, ngroups: number, square: boolean): Float64Array {
  const sum = new Float64Array(ngroups);
  const comp = new Float64Array(ngroups);
  for (let i = 0; i < values.length; i++) {
    const g = ids[i];
    if (g < 0) continue;
    let v = values[i];
    if (v !== v) continue;
    if (square) v = v * v;
    const y = v - comp[g];
    const t = sum[g] + y;
    comp[g] = t - sum[g] - y;
    sum[g] = t;
  }
  return sum;
}

/** Exact int64 sums (numpy wraps past 2**63); a double accumulator while it stays exact, BigInt otherwise. */
function intSums(values: ArrayLike<number>, ids: Int32Array, ngroups: number, square: boolean): BigInt64Array {
  const fast = new Float64Array(ngroups);
  let exact = true;
  for (let i = 0; i < values.length && exact; i++) {
    const g = ids[i];
    if (g < 0) continue;
    const v = square ? values[i] * values[i] : values[i];
    fast[g] += v;
    if (Math.abs(v) >= EXACT || Math.abs(fast[g]) >= EXACT) exact = false;
  }
  if (exact) return BigInt64Array.from(fast, (v) => BigInt(v));
  const big = new BigInt64Array(ngroups);
  for (let i = 0; i < values.length; i++) {
    const g = ids[i];
    if (g < 0) continue;
    const v = BigInt(values[i]);
    big[g] = BigInt.asIntN(64, big[g] + (square ? v * v : v));
  }
  return big;
}

function bigSums(values: BigInt64Array, ids: Int32Array, ngroups: number): BigInt64Array {
  const out = new BigInt64Array(ngroups);
  for (let i = 0; i < values.length; i++) if (ids[i] >= 0) out[ids[i]] = BigInt.asIntN(64, out[ids[i]] + values[i]);
  return out;
}

function counts(column: Column | null, ids: Int32Array, ngroups: number): Float64Array {
  const out = new Float64Array(ngroups);
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0 && (column === null || !isMissingAt(column, i))) out[ids[i]]++;
  return out;
}

/** min, max, first or last of each group, skipping missing values. */
function pick(column: Column, ids: Int32Array, grouping: Grouping, how: 'min' | 'max' | 'first' | 'last'): Column {
  const n = grouping.ngroups;
  const chosen = new Int32Array(n).fill(-1);
  const better = (i: number, j: number): boolean => {
    if (how === 'first') return false;
    if (how === 'last') return true;
    const a = columnValue(column, i) as number | string | boolean;
    const b = columnValue(column, j) as number | string | boolean;
    return how === 'min' ? a < b : a > b;
  };
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0) continue;
    if (isMissingAt(column, i)) {
      // pandas compares an object column's None/NaN with its strings for min/max, and Python refuses
      if (column.dtype === 'object' && (how === 'min' || how === 'max')) {
        throw new WeftError('TASK_FAILED', `TypeError: '${how === 'min' ? '<=' : '>='}' not supported between instances of 'str' and 'float'`);
      }
      continue;
    }
    if (chosen[g] < 0 || better(i, chosen[g])) chosen[g] = i;
  }
  if (chosen.every((r) => r >= 0)) return takeColumn(column, chosen);
  const values = Array.from(chosen, (r) => (r < 0 ? NaN : columnValue(column, r)));
  if (column.dtype === 'object') return objectColumn(values);
  return { dtype: 'float64', values: Float64Array.from(values as number[]) };
}

/** Reduces one column per group (a chunk's function, or a combine's on an intermediate). */
function reduceGroups(func: ChunkFunc, values: PartialValues, grouping: Grouping): PartialValues {
  const { ids, ngroups } = grouping;
  if (values.kind === 'int64') return { kind: 'int64', values: bigSums(values.values, ids, ngroups) };
  const column = values.column;
  switch (func) {
    case 'size':
      return { kind: 'column', column: { dtype: 'int64', values: counts(null, ids, ngroups) } };
    case 'count':
      return { kind: 'column', column: { dtype: 'int64', values: counts(column, ids, ngroups) } };
    case 'sum':
    case 'sum2':
      if (column.dtype === 'float64') return { kind: 'column', column: { dtype: 'float64', values: kahanSums(column.values, ids, ngroups, func === 'sum2') } };
      if (column.dtype === 'object') return { kind: 'column', column: objectSums(column, ids, ngroups) };
      return { kind: 'int64', values: intSums(column.values, ids, ngroups, func === 'sum2') };
    default:
      return { kind: 'column', column: pick(column, ids, grouping, func) };
  }
}

function objectSums(column: Extract<Column, { dtype: 'object' }>, ids: Int32Array, ngroups: number): Column {
  const acc: unknown[] = new Array(ngroups).fill(undefined);
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0 || isMissingAt(column, i)) continue;
    const v = columnValue(column, i);
    acc[g] = acc[g] === undefined ? v : (acc[g] as string) + (v as string);
  }
  return objectColumn(acc.map((v) => (v === undefined ? 0 : v)));
}

/** The re-reduction of an intermediate in combine and aggregate. */
function combineFunc(func: ChunkFunc): ChunkFunc {
  return func === 'count' || func === 'size' || func === 'sum2' ? 'sum' : func;
}

function columnsOf(frame: Frame, names: readonly Label[]): Column[] {
  return names.map((n) => frame.columns[frame.names.indexOf(n)]);
}

function chunk(plan: GroupbyAggPlan, frame: Frame, dropna: boolean): GroupPartial {
  const keyColumns = columnsOf(frame, plan.by);
  const grouping = groupRows(keyColumns, dropna);
  const values: Record<string, PartialValues> = {};
  for (const im of plan.intermediates) {
    values[im.id] = reduceGroups(im.func, { kind: 'column', column: frame.columns[frame.names.indexOf(im.input)] }, grouping);
  }
  return { kind: 'group-partial', keyNames: plan.by.slice(), keys: groupKeys(keyColumns, grouping), length: grouping.ngroups, values };
}

function concatValues(parts: PartialValues[]): PartialValues {
  if (parts.every((p) => p.kind === 'int64')) {
    const total = parts.reduce((n, p) => n + (p as { values: BigInt64Array }).values.length, 0);
    const out = new BigInt64Array(total);
    let at = 0;
    for (const p of parts as Array<{ values: BigInt64Array }>) {
      out.set(p.values, at);
      at += p.values.length;
    }
    return { kind: 'int64', values: out };
  }
  // an int64 sum meets a float sum only when a column's partitions disagree; pandas' concat would make it float
  return { kind: 'column', column: concatColumns(parts.map((p) => (p.kind === 'column' ? p.column : { dtype: 'float64', values: Float64Array.from(p.values, Number) }))) };
}

function combine(plan: GroupbyAggPlan, parts: GroupPartial[], dropna: boolean): GroupPartial {
  const keys = plan.by.map((_, l) => concatColumns(parts.map((p) => p.keys[l])));
  const grouping = groupRows(keys, dropna);
  const values: Record<string, PartialValues> = {};
  for (const im of plan.intermediates) values[im.id] = reduceGroups(combineFunc(im.func), concatValues(parts.map((p) => p.values[im.id])), grouping);
  return { kind: 'group-partial', keyNames: plan.by.slice(), keys: groupKeys(keys, grouping), length: grouping.ngroups, values };
}

function asNumbers(values: PartialValues): Float64Array {
  if (values.kind === 'int64') return Float64Array.from(values.values, Number);
  const c = values.column;
  if (c.dtype === 'object') throw new WeftError('TASK_FAILED', 'a numeric intermediate holds objects');
  return c.values instanceof Float64Array ? c.values : Float64Array.from(c.values);
}

function varianceOf(values: Record<string, PartialValues>, im: (f: ChunkFunc) => string, ddof: number): Float64Array {
  const n = asNumbers(values[im('count')]);
  const sum = values[im('sum')];
  const x2 = asNumbers(values[im('sum2')]);
  const x = asNumbers(sum);
  // numpy squares an int64 sum in int64 (wrapping), then divides as floats
  const xSquared = sum.kind === 'int64' ? Float64Array.from(sum.values, (v) => Number(BigInt.asIntN(64, v * v))) : x.map((v) => v * v);
  return x2.map((s2, g) => {
    const div = n[g] - ddof;
    let result = s2 - xSquared[g] / n[g];
    result /= div < 0 ? 0 : div;
    return div === 0 ? NaN : result;
  });
}

function finalize(plan: GroupbyAggPlan, partial: GroupPartial, sort: boolean, ddof: number): Frame {
  const order = sort ? sortedOrder(partial.keys, partial.length) : null;
  const columns: Column[] = plan.finalizers.map((f) => {
    const im = (func: ChunkFunc) => `${func}-${String(f.input)}`;
    const v = partial.values;
    switch (f.func) {
      case 'mean': {
        const n = asNumbers(v[im('count')]);
        return { dtype: 'float64', values: asNumbers(v[im('sum')]).map((s, g) => s / n[g]) };
      }
      case 'var':
        return { dtype: 'float64', values: varianceOf(v, im, ddof) };
      case 'std':
        return { dtype: 'float64', values: varianceOf(v, im, ddof).map(Math.sqrt) };
      default: {
        const values = v[im(f.func)];
        if (values.kind === 'column') return values.column;
        const limit = BigInt(Number.MAX_SAFE_INTEGER);
        if (values.values.some((v) => v > limit || v < -limit)) throw beyondExactInts();
        return { dtype: 'int64', values: Float64Array.from(values.values, Number) };
      }
    }
  });
  const take = (c: Column) => (order ? takeColumn(c, order) : c);
  const frame = makeFrame(
    plan.finalizers.map((f) => f.label[0]),
    columns.map(take),
    labelIndex(partial.keys.map(take), plan.by.slice()),
    partial.length,
  );
  if (!plan.flat) frame.columnTuples = plan.finalizers.map((f) => f.label.slice());
  return frame;
}

/** The stages of `groupby(by, sort=, dropna=).agg(arg)` for one plan (planGroupbyAgg). */
export function groupbyAgg(plan: GroupbyAggPlan, options: GroupbyOptions = {}, ddof = 1): TreeReduction<Frame, GroupPartial, Frame> {
  const dropna = options.dropna ?? true;
  return {
    chunk: (frame) => chunk(plan, frame, dropna),
    combine: (parts) => combine(plan, parts, dropna),
    aggregate: (parts) => finalize(plan, combine(plan, parts, dropna), options.sort === true, ddof),
  };
}
