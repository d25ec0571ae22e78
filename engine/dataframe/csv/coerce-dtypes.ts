import { WeftError } from '../../errors.js';
import { PyFloat, makeFloat } from '../../values/py-types.js';
import { reprString } from '../../values/repr.js';
import type { Column, DType, Label } from '../frame.js';
import { pythonFloat, pythonInt } from './chunk-dtypes.js';
import { MAX_EXACT_INT } from './pandas-scalars.js';

/**
 * Dask's `coerce_dtypes` (dask/dataframe/io/csv.py): each block's columns are cast to the dtypes of the meta that
 * was inferred from the sample, and a block that cannot be cast fails with Dask's "Mismatched dtypes" message.
 *
 * Policy: a column found float64 where the meta says int64 is a mismatch without trying (a missing value past the
 * sample); any other difference is pandas' `astype`, which succeeds more often than one might think (object → bool is
 * each value's truth, int64 → object holds Python ints) and fails with Python's own exception for the first value it
 * cannot convert. All mismatches of a block are reported together, sorted by column name, as Dask words them.
 */

/** A Python exception as `repr()` shows it. */
class CastError extends Error {
  constructor(readonly pythonType: string, message: string) {
    super(message);
  }
  get repr(): string {
    return `${this.pythonType}(${reprString(this.message)})`;
  }
}

function objectValues(column: Column): unknown[] {
  if (column.dtype !== 'object') throw new Error('objectValues of a non-object column');
  return Array.from(column.codes, (code) => column.dictionary[code]);
}

function toObject(column: Column): Column {
  if (column.dtype === 'object') return column;
  const dictionary: unknown[] = [];
  const index = new Map<string, number>();
  const length = column.values.length;
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const v = column.values[i];
    const key = column.dtype === 'bool' ? (v ? 'T' : 'F') : Number.isNaN(v) ? 'nan' : String(v);
    let at = index.get(key);
    if (at === undefined) {
      at = dictionary.length;
      dictionary.push(column.dtype === 'bool' ? v === 1 : column.dtype === 'float64' ? makeFloat(v) : v);
      index.set(key, at);
    }
    codes[i] = at;
  }
  return { dtype: 'object', codes, dictionary };
}

function numberOfObject(value: unknown, target: 'int64' | 'float64'): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyFloat) value = value.value;
  if (typeof value === 'number') {
    if (target === 'float64') return value;
    if (Number.isNaN(value)) throw new CastError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(value)) throw new CastError('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(value);
  }
  const text = String(value);
  if (target === 'float64') {
    const v = pythonFloat(text);
    if (v === null) throw new CastError('ValueError', `could not convert string to float: ${reprString(text)}`);
    return v;
  }
  const v = pythonInt(text);
  if (v === null) throw new CastError('ValueError', `invalid literal for int() with base 10: ${reprString(text)}`);
  if (Math.abs(v) > MAX_EXACT_INT) throw new WeftError('BAD_INPUT', `the integer ${text.trim()} is beyond ±(2**53 − 1), which Weft's int64 columns cannot hold exactly`);
  return v;
}

function truth(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'boolean') return value;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === 'number') return value !== 0;
  return value !== null && value !== undefined;
}

/** pandas' `Series.astype(dtype)` for the four dtypes. */
function astype(column: Column, dtype: DType): Column {
  if (dtype === 'object') return toObject(column);
  if (dtype === 'bool') {
    if (column.dtype === 'object') return { dtype: 'bool', values: Uint8Array.from(objectValues(column), (v) => (truth(v) ? 1 : 0)) };
    return { dtype: 'bool', values: Uint8Array.from(column.values as ArrayLike<number>, (v) => (v !== 0 ? 1 : 0)) };
  }
  if (column.dtype === 'object') return { dtype, values: Float64Array.from(objectValues(column), (v) => numberOfObject(v, dtype)) };
  return { dtype, values: Float64Array.from(column.values as ArrayLike<number>) };
}

function pyKey(label: Label): string {
  return typeof label === 'string' ? reprString(label) : String(label);
}

/** Casts a block's columns to the meta's dtypes in place, or throws Dask's ValueError for the mismatches. */
export function coerceDtypes(names: Label[], columns: Column[], dtypes: ReadonlyMap<string, DType>): void {
  const bad: Array<{ name: Label; found: DType; expected: DType }> = [];
  const errors: Array<{ name: Label; error: CastError }> = [];
  names.forEach((name, i) => {
    const expected = dtypes.get(String(name));
    const found = columns[i].dtype;
    if (expected === undefined || expected === found) return;
    if (found === 'float64' && expected === 'int64') {
      bad.push({ name, found, expected });
      return;
    }
    try {
      columns[i] = astype(columns[i], expected);
    } catch (e) {
      if (!(e instanceof CastError)) throw e;
      bad.push({ name, found, expected });
      errors.push({ name, error: e });
    }
  });
  if (bad.length > 0) throw new WeftError('BAD_INPUT', mismatchMessage(bad, errors));
}

function byName<T extends { name: Label }>(rows: T[]): T[] {
  return rows.slice().sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
}

/** Dask's asciitable. */
function asciiTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => '|' + cells.map((cell, c) => ` ${cell.padEnd(widths[c])} |`).join('');
  const bar = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  return [bar, line(header), bar, rows.map(line).join('\n'), bar].join('\n');
}

function mismatchMessage(badRows: Array<{ name: Label; found: DType; expected: DType }>, errorRows: Array<{ name: Label; error: CastError }>): string {
  const bad = byName(badRows);
  const errors = byName(errorRows);
  let exceptions = '';
  let extra = '';
  if (errors.length > 0) {
    const list = errors.map(({ name, error }) => `- ${String(name)}\n  ${error.repr}`).join('\n');
    exceptions = `The following columns also raised exceptions on conversion:\n\n${list}\n\n`;
  } else {
    extra = '\n\nAlternatively, provide `assume_missing=True` to interpret\nall unspecified integer columns as floats.';
  }
  const table = asciiTable(['Column', 'Found', 'Expected'], bad.map((b) => [String(b.name), b.found, b.expected]));
  const dtypeKw = 'dtype={' + bad.map((b) => `${pyKey(b.name)}: '${b.found}'`).join(',\n       ') + '}';
  const dtypeMsg =
    `${table}\n\n${exceptions}Usually this is due to dask's dtype inference failing, and\n*may* be fixed by specifying dtypes manually by adding:\n\n` +
    `${dtypeKw}\n\nto the call to \`read_csv\`/\`read_table\`.${extra}`;
  return `Mismatched dtypes found in \`pd.read_csv\`/\`pd.read_table\`.\n\n${dtypeMsg}`;
}
