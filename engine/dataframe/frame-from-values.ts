import { PyException } from '../expr/py-exception.js';
import { isFloat, PyDict, PyFloat, PyTuple } from '../values/py-types.js';
import type { Column, DType, Frame, Label } from './frame.js';
import { emptyColumn } from './shuffle/empty-frame.js';

/**
 * Columns from Python values, as pandas makes them: `pd.DataFrame(dict_of_lists)` and `pd.DataFrame(list_of_rows)`
 * run each column's objects through `lib.maybe_convert_objects`, whose rules for the values Weft holds are:
 * - only ints → int64; ints and floats (NaN included) → float64; floats or ints with None → float64, None as NaN;
 * - only bools → bool; bools with anything else (None, NaN, ints) → object;
 * - nothing at all → float64 (pandas 1.5's default dtype of an empty Series), unless the caller names another: an
 *   empty `Series.map` result is object, as `lib.map_infer` of no values is an empty object array;
 * - anything else (strings, None only, tuples, lists, mixes) → object, each value kept as the object it is.
 * An int beyond ±(2**53 − 1) is refused (frame.ts: Weft's int64 is an integral double).
 */

/** The column pandas infers for a list of Python values; `emptyDType` is the dtype of an empty list's column. */
export function inferColumn(values: readonly unknown[], options: { emptyDType?: DType } = {}): Column {
  let ints = 0;
  let floats = 0;
  let bools = 0;
  let nones = 0;
  let others = 0;
  for (const v of values) {
    if (v === null || v === undefined) nones++;
    else if (typeof v === 'boolean') bools++;
    else if (typeof v === 'number' || v instanceof PyFloat) {
      if (isFloat(v)) floats++;
      else ints++;
    } else others++;
  }
  const n = values.length;
  if (n === 0) return emptyColumn(options.emptyDType ?? 'float64');
  if (others === 0 && bools === 0 && nones < n) {
    if (floats === 0 && nones === 0) {
      for (const v of values) checkIntRange(v as number);
      return { dtype: 'int64', values: Float64Array.from(values as number[]) };
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = numberOrNaN(values[i]);
    return { dtype: 'float64', values: out };
  }
  if (bools === n) return { dtype: 'bool', values: Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0)) };
  return objectColumn(values);
}

/**
 * An object column holding exactly these values, dictionary-encoded. Values equal as objects of the same type share
 * a code (`1`, `1.0` and `True` stay three entries, as the objects pandas keeps are three); lists, dicts and sets,
 * which cannot be keys, get one entry each.
 */
export function objectColumn(values: readonly unknown[]): Column & { dtype: 'object' } {
  const codes = new Int32Array(values.length);
  const dictionary: unknown[] = [];
  const seen = new Map<unknown, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const key = dictionaryKey(v);
    let code = key === undefined ? undefined : seen.get(key);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v === undefined ? null : v);
      if (key !== undefined) seen.set(key, code);
    }
    codes[i] = code;
  }
  return { dtype: 'object', codes, dictionary };
}

/** A Map key telling values apart by type and value, or undefined for a value that is not to be shared. */
function dictionaryKey(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return Number.isNaN(v) ? 'nan' : (Number.isInteger(v) ? 'i' : 'f') + (Object.is(v, -0) ? '-0' : String(v));
    case 'boolean':
      return v ? 'T' : 'F';
    case 'object':
      if (v === null) return 'None';
      if (v instanceof PyFloat) return 'f' + (Object.is(v.value, -0) ? '-0' : String(v.value)) + '.0';
      return undefined;
    case 'undefined':
      return 'None';
    default:
      return undefined;
  }
}

/**
 * `pd.DataFrame(data)` for a dict of column → list: columns in the dict's order, each inferred as pandas does, a
 * RangeIndex. Lists of unequal length fail with pandas' ValueError.
 */
export function frameFromDict(data: PyDict | ReadonlyMap<Label, unknown>): Frame {
  const entries = data instanceof PyDict ? [...data.items()] : [...data.entries()];
  const names: Label[] = [];
  const lists: unknown[][] = [];
  for (const [key, value] of entries) {
    if (typeof key !== 'string' && typeof key !== 'number') throw new PyException('TypeError', `a column name must be a str or an int, not ${JSON.stringify(key)}`);
    const list = Array.isArray(value) ? value : value instanceof PyTuple ? [...value.items] : undefined;
    if (!list) throw new PyException('ValueError', 'If using all scalar values, you must pass an index');
    names.push(key);
    lists.push(list);
  }
  const length = lists.length ? lists[0].length : 0;
  if (lists.some((l) => l.length !== length)) throw new PyException('ValueError', 'All arrays must be of the same length');
  return { kind: 'frame', names, columns: lists.map((list) => inferColumn(list)), index: { kind: 'range', start: 0, step: 1, name: null }, length };
}

/**
 * `pd.DataFrame(rows, columns=columns)` for a list of rows: each row a tuple or list of values (shorter rows are
 * padded with None, as pandas pads them), a dict (its keys select columns; a missing key is NaN), or a scalar (a
 * one-column row). Without `columns` the columns are the dicts' keys in first-seen order, or 0, 1, ... for rows.
 */
export function frameFromRows(rows: readonly unknown[], columns?: readonly Label[]): Frame {
  const range = { kind: 'range' as const, start: 0, step: 1, name: null };
  if (rows.length === 0) {
    const names = columns ? columns.slice() : [];
    return { kind: 'frame', names, columns: names.map(() => objectColumn([])), index: range, length: 0 };
  }
  const isRecords = rows[0] instanceof PyDict;
  let names: Label[];
  let lists: unknown[][];
  if (isRecords) {
    names = columns ? columns.slice() : recordKeys(rows);
    lists = names.map((name) => rows.map((row) => recordValue(row, name)));
  } else {
    const cells = rows.map(rowCells);
    const width = cells.reduce((w, c) => Math.max(w, c.length), 0);
    if (columns && columns.length !== width) throw new PyException('ValueError', `${columns.length} columns passed, passed data had ${width} columns`);
    names = columns ? columns.slice() : Array.from({ length: width }, (_, i) => i);
    lists = names.map((_, j) => cells.map((c) => (j < c.length ? c[j] : null)));
  }
  return { kind: 'frame', names, columns: lists.map((list) => inferColumn(list)), index: range, length: rows.length };
}

function recordKeys(rows: readonly unknown[]): Label[] {
  const keys = new PyDict();
  for (const row of rows) {
    if (!(row instanceof PyDict)) throw new PyException('TypeError', 'the elements mix dicts with other values; pandas needs all of them to be dicts');
    for (const k of row.keys()) keys.set(k, true);
  }
  return [...keys.keys()] as Label[];
}

function recordValue(row: unknown, name: Label): unknown {
  if (!(row instanceof PyDict)) throw new PyException('TypeError', 'the elements mix dicts with other values; pandas needs all of them to be dicts');
  const entry = row.entry(name);
  return entry ? entry[1] : NaN;
}

function rowCells(row: unknown): readonly unknown[] {
  if (Array.isArray(row)) return row;
  if (row instanceof PyTuple) return row.items;
  if (row instanceof PyDict) throw new PyException('TypeError', 'the elements mix dicts with other values; pandas needs all of them to be dicts');
  return [row];
}

function numberOrNaN(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  return v instanceof PyFloat ? v.value : (v as number);
}

function checkIntRange(v: number): void {
  if (!Number.isSafeInteger(v)) throw new PyException('OverflowError', `int ${v} is beyond what Weft's int64 holds exactly (±(2**53 - 1))`);
}
