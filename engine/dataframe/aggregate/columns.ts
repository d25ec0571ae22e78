/**
 * Column building blocks the aggregation kernels share: dictionary encoding, concatenating the
 * partial results of several partitions with pandas' dtype promotion, and Python's ordering of values.
 *
 * Promotion follows pandas' `find_common_type` for the dtypes Weft holds: equal dtypes stay; int64 with float64 is
 * float64; bool with a number, or anything with object, is object (pandas never makes a bool number).
 */
import { PyFloat, hashKey } from '../../values/py-types.js';
import type { Column, DType, Frame, Index, Label, Series } from '../frame.js';
import { columnLength, columnValue, isMissing } from '../frame.js';
import { objectColumn } from '../frame-from-values.js';
import { rangeValues } from '../take-rows.js';
import { pyValue } from '../python-values.js';

/** pandas' common dtype of several columns' dtypes. */
export function commonDType(dtypes: readonly DType[]): DType {
  if (dtypes.length === 0) return 'object';
  const first = dtypes[0];
  if (dtypes.every((d) => d === first)) return first;
  if (dtypes.some((d) => d === 'object' || d === 'bool')) return 'object';
  return 'float64';
}

/** A key under which equal Python values meet and unequal ones (True and 1, 1 and 1.0 aside) stay apart. */
export function valueKey(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? '\u0002True' : '\u0002False';
  if (value instanceof PyFloat) return value.value;
  if (value === undefined) return null;
  return hashKey(value);
}

/** A column of `dtype` from Python values (numbers, booleans, objects), as pandas would hold them. */
export function columnFromValues(dtype: DType, values: readonly unknown[]): Column {
  switch (dtype) {
    case 'int64':
    case 'float64':
      return { dtype, values: Float64Array.from(values, (v) => (isMissing(v) ? NaN : toNumber(v))) };
    case 'bool':
      return { dtype, values: Uint8Array.from(values, (v) => (v ? 1 : 0)) };
    case 'object':
      return objectColumn(values);
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyFloat) return value.value;
  return Number(value);
}

/** A column converted to `dtype` as pandas' concat does when the pieces disagree (int → float, any → object). */
export function castColumn(column: Column, dtype: DType): Column {
  if (column.dtype === dtype) return column;
  const n = columnLength(column);
  if (dtype === 'object') {
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) values[i] = pyValue(column, i);
    return objectColumn(values);
  }
  if (dtype === 'float64' && column.dtype !== 'object') return { dtype: 'float64', values: Float64Array.from(column.values) };
  if (dtype === 'float64' && column.dtype === 'object') {
    return { dtype: 'float64', values: Float64Array.from({ length: n }, (_, i) => toNumber(columnValue(column, i))) };
  }
  throw new Error(`cannot cast ${column.dtype} to ${dtype}`);
}

/** Columns appended one after another, promoted to their common dtype. */
export function concatColumns(columns: readonly Column[]): Column {
  const dtype = commonDType(columns.map((c) => c.dtype));
  const cast = columns.map((c) => castColumn(c, dtype));
  const total = cast.reduce((n, c) => n + columnLength(c), 0);
  if (dtype === 'object') {
    const values: unknown[] = [];
    for (const c of cast) for (let i = 0; i < columnLength(c); i++) values.push(columnValue(c, i));
    return objectColumn(values);
  }
  const out = dtype === 'bool' ? new Uint8Array(total) : new Float64Array(total);
  let at = 0;
  for (const c of cast) {
    const values = (c as { values: Float64Array | Uint8Array }).values;
    out.set(values, at);
    at += values.length;
  }
  return { dtype, values: out } as Column;
}

/** A column of `length` missing values of `dtype` (NaN for numbers, NaN objects otherwise). */
export function missingColumn(length: number, dtype: DType): Column {
  if (dtype === 'int64' || dtype === 'float64') return { dtype: 'float64', values: new Float64Array(length).fill(NaN) };
  return { dtype: 'object', codes: new Int32Array(length), dictionary: [NaN] };
}

/** Whether value `i` of a column is missing in pandas' sense. */
export function isMissingAt(column: Column, i: number): boolean {
  switch (column.dtype) {
    case 'int64':
    case 'bool':
      return false;
    case 'float64':
      return column.values[i] !== column.values[i];
    case 'object':
      return isMissing(column.dictionary[column.codes[i]]);
  }
}

/** An index of labels (one level: an Index; several: a MultiIndex). */
export function labelIndex(levels: Column[], names: Array<Label | null>): Index {
  return { kind: 'labels', levels, names };
}

/** An object-dtype Index of column names, as a per-column reduction's result carries. */
export function namesIndex(names: readonly Label[]): Index {
  const allInts = names.length > 0 && names.every((n) => typeof n === 'number');
  return labelIndex([allInts ? { dtype: 'int64', values: Float64Array.from(names as number[]) } : objectColumn(names)], [null]);
}

/** A Series from its parts. */
export function makeSeries(name: Label | null, column: Column, index: Index): Series {
  return { kind: 'series', name, column, index, length: columnLength(column) };
}

/** A Frame from its parts. */
export function makeFrame(names: Label[], columns: Column[], index: Index, length: number): Frame {
  return { kind: 'frame', names, columns, index, length };
}

/** The label columns of an index of `length` rows (a RangeIndex made explicit). */
export function indexLevels(index: Index, length: number): Column[] {
  return index.kind === 'labels' ? index.levels : [rangeValues(index, length)];
}

/** Indexes appended one after another (pandas' concat of the pieces' indexes). */
export function concatIndexes(indexes: readonly Index[], lengths: readonly number[]): Index {
  const levelCount = indexes.length === 0 ? 1 : indexLevels(indexes[0], lengths[0]).length;
  const levels: Column[] = [];
  for (let l = 0; l < levelCount; l++) levels.push(concatColumns(indexes.map((ix, p) => indexLevels(ix, lengths[p])[l])));
  const names = indexes.length === 0 ? [null] : indexes[0].kind === 'range' ? [indexes[0].name] : indexes[0].names.slice();
  return labelIndex(levels, names);
}

/** Python's `<` between two values of a column (numbers, bools, strings); mixed types raise as Python does. */
export function comparePy(a: unknown, b: unknown): number {
  const x = a instanceof PyFloat ? a.value : typeof a === 'boolean' ? Number(a) : a;
  const y = b instanceof PyFloat ? b.value : typeof b === 'boolean' ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return compareCodePoints(x, y);
  throw new TypeError(`'<' not supported between instances of '${pyTypeOf(a)}' and '${pyTypeOf(b)}'`);
}

/** Python's order of str: by code point (JS's `<` compares UTF-16 units, which puts U+10000.. before U+E000..). */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  const x = a.codePointAt(i)!;
  const y = b.codePointAt(i)!;
  return x < y ? -1 : 1;
}

/** Python's type name of a value an object column holds, for error messages. */
export function pyTypeOf(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))) return 'float';
  if (typeof v === 'number') return 'int';
  return 'object';
}

