import { makeFloat } from '../../values/py-types.js';
import type { Column, DType, Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { PandasError, pyReprLabel } from '../pandas-error.js';
import { pyBool, pyFloat, pyInt, pyString } from './python-conversions.js';

/**
 * `astype(dtype)` with pandas 1.5's casting rules, for the dtypes Weft's frames hold:
 * - to int64: floats truncate, but a NaN or infinity anywhere raises pandas' IntCastingNaNError; object values go
 *   through Python's `int()` (strings of digits parse, None is a TypeError, NaN a ValueError);
 * - to float64: object values through `float()`, None as NaN;
 * - to bool: nonzero (NaN is True), object values by Python truthiness;
 * - to object: the values as Python values; to `str`: an object column of `str(value)` (`'1.0'`, `'nan'`, `'None'`).
 * Numpy's other names for these (`int`, `i8`, `float`, `f8`, `O`, `bool_`) are accepted; other numpy dtypes are
 * refused since Weft's frames cannot hold them. An object column is converted once per dictionary entry, and a
 * conversion error is raised for the first row (in row order) whose value cannot convert.
 */

/** A target: Weft's dtype, or `str` (object holding strings). */
export type AstypeTarget = DType | 'str';

const NAMES: Record<string, AstypeTarget> = {
  int64: 'int64', int: 'int64', i8: 'int64', '<i8': 'int64', long: 'int64', float64: 'float64', float: 'float64', f8: 'float64', '<f8': 'float64', double: 'float64',
  bool: 'bool', bool_: 'bool', '?': 'bool', object: 'object', O: 'object', str: 'str', U: 'str',
};
const NUMPY_ONLY = /^(u?int(8|16|32)|float(16|32)|complex(64|128)?|category|datetime64.*|timedelta64.*|string|Int(8|16|32|64)|Float(32|64)|boolean)$/;

/** The target a dtype name stands for, or pandas' TypeError. */
export function astypeTarget(name: string): AstypeTarget {
  if (Object.hasOwn(NAMES, name)) return NAMES[name];
  if (NUMPY_ONLY.test(name)) throw new PandasError('BAD_PARAM', 'TypeError', `astype('${name}'): Weft's frames hold int64, float64, bool and object only`);
  throw new PandasError('BAD_PARAM', 'TypeError', `data type '${name}' not understood`);
}

/** A dtype argument: one name for every column, or a mapping of column label → name. */
export type AstypeArg = string | ReadonlyMap<Label, string> | Readonly<Record<string, string>>;

function targetsFor(names: readonly Label[], arg: AstypeArg): Array<AstypeTarget | null> {
  if (typeof arg === 'string') {
    const target = astypeTarget(arg);
    return names.map(() => target);
  }
  const entries: Array<[Label, string]> = arg instanceof Map ? [...arg.entries()] : Object.entries(arg as Record<string, string>);
  for (const [label] of entries) {
    if (!names.includes(label)) {
      throw new PandasError('BAD_PARAM', 'KeyError', `"Only a column name can be used for the key in a dtype mappings argument. ${pyReprLabel(label)} not found in columns."`);
    }
  }
  const byLabel = new Map(entries.map(([l, n]) => [l, astypeTarget(n)]));
  return names.map((n) => byLabel.get(n) ?? null);
}

function resultDtype(target: AstypeTarget): DType {
  return target === 'str' ? 'object' : target;
}

/** Converts each dictionary entry once; the first row whose entry fails raises that entry's error. */
function perEntry<T>(column: Column & { dtype: 'object' }, convert: (v: unknown) => T): T[] {
  const results = column.dictionary.map((v) => {
    try {
      return { ok: true as const, value: convert(v) };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
  for (const code of column.codes) {
    const r = results[code];
    if (!r.ok) throw r.error;
  }
  return results.map((r) => (r.ok ? r.value : (undefined as T)));
}

/** One column cast to `target`. */
export function castColumn(column: Column, target: AstypeTarget): Column {
  if (column.dtype === target) return column;
  const n = column.dtype === 'object' ? column.codes.length : column.values.length;
  switch (target) {
    case 'int64': {
      if (column.dtype === 'object') {
        const table = perEntry(column, pyInt);
        return { dtype: 'int64', values: Float64Array.from(column.codes, (c) => table[c]) };
      }
      const values = Float64Array.from(column.values, (v) => Math.trunc(v) + 0);
      if (column.dtype === 'float64' && column.values.some((v) => !Number.isFinite(v))) {
        throw new PandasError('TASK_FAILED', 'IntCastingNaNError', 'Cannot convert non-finite values (NA or inf) to integer');
      }
      return { dtype: 'int64', values };
    }
    case 'float64': {
      if (column.dtype === 'object') {
        const table = perEntry(column, pyFloat);
        return { dtype: 'float64', values: Float64Array.from(column.codes, (c) => table[c]) };
      }
      return { dtype: 'float64', values: Float64Array.from(column.values) };
    }
    case 'bool': {
      if (column.dtype === 'object') {
        const table = perEntry(column, pyBool);
        return { dtype: 'bool', values: Uint8Array.from(column.codes, (c) => (table[c] ? 1 : 0)) };
      }
      return { dtype: 'bool', values: Uint8Array.from(column.values, (v) => (v !== 0 ? 1 : 0)) };
    }
    case 'object':
      return toObject(column, n, (v) => v);
    case 'str':
      if (column.dtype === 'object') {
        const table = perEntry(column, pyString);
        return { dtype: 'object', ...reencode(column.codes, table) };
      }
      return toObject(column, n, pyString);
  }
}

/** A numeric or bool column as an object column of (converted) Python values, one dictionary entry per distinct. */
function toObject(column: Column, n: number, convert: (v: unknown) => unknown): Column {
  if (column.dtype === 'object') return column;
  const codes = new Int32Array(n);
  const dictionary: unknown[] = [];
  const seen = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const raw = column.values[i];
    // A Map merges -0 with 0; Python prints -0.0 apart.
    const key = Object.is(raw, -0) ? '-0' : raw;
    let code = seen.get(key);
    if (code === undefined) {
      code = dictionary.length;
      const value = column.dtype === 'bool' ? raw === 1 : column.dtype === 'float64' ? makeFloat(raw) : raw;
      dictionary.push(convert(value));
      seen.set(key, code);
    }
    codes[i] = code;
  }
  return { dtype: 'object', codes, dictionary };
}

/** Codes into `table` re-encoded so that equal strings share one entry. */
function reencode(codes: Int32Array, table: string[]): { codes: Int32Array; dictionary: string[] } {
  const dictionary: string[] = [];
  const seen = new Map<string, number>();
  const remap = table.map((s) => {
    let code = seen.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      seen.set(s, code);
    }
    return code;
  });
  return { codes: Int32Array.from(codes, (c) => remap[c]), dictionary };
}

/** `df.astype(dtype)` on a partition. */
export function astypeFrame(frame: Frame, arg: AstypeArg): Frame {
  const targets = targetsFor(frame.names, arg);
  return { ...frame, columns: frame.columns.map((c, i) => (targets[i] === null ? c : castColumn(c, targets[i] as AstypeTarget))) };
}

/** The schema of `df.astype(dtype)`. */
export function astypeFrameMeta(meta: FrameMeta, arg: AstypeArg): FrameMeta {
  const targets = targetsFor(meta.columns.map((c) => c.name), arg);
  return { ...meta, columns: meta.columns.map((c, i) => ({ name: c.name, dtype: targets[i] === null ? c.dtype : resultDtype(targets[i] as AstypeTarget) })) };
}

/** `s.astype(dtype)` on a partition. */
export function astypeSeries(series: Series, dtype: string): Series {
  return { ...series, column: castColumn(series.column, astypeTarget(dtype)) };
}

/** The schema of `s.astype(dtype)`. */
export function astypeSeriesMeta(meta: SeriesMeta, dtype: string): SeriesMeta {
  return { ...meta, dtype: resultDtype(astypeTarget(dtype)) };
}

