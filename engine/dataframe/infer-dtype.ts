import { PyFloat } from '../values/py-types.js';
import type { Column } from './frame.js';

/**
 * pandas' inference of a column from Python values (`Series(list)`, `lib.map_infer` then `maybe_convert_objects`):
 * - all bools → bool;
 * - numbers with or without missing values (None, NaN) → int64 when every value is a Python int, else float64
 *   with None as NaN;
 * - anything else (strings, bools mixed with numbers or with None, only None) → object, values kept as they are.
 */
export function inferColumn(values: readonly unknown[]): Column {
  let bools = 0;
  let ints = 0;
  let floats = 0;
  let nones = 0;
  for (const v of values) {
    if (typeof v === 'boolean') bools++;
    else if (typeof v === 'number') {
      if (Number.isInteger(v)) ints++;
      else floats++;
    } else if (v instanceof PyFloat) floats++;
    else if (v === null || v === undefined) nones++;
    else return objectColumn(values);
  }
  const n = values.length;
  if (n > 0 && bools === n) return { dtype: 'bool', values: Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0)) };
  if (bools === 0 && ints + floats > 0 && ints + floats + nones === n) {
    const out = Float64Array.from(values, (v) => (v === null || v === undefined ? NaN : v instanceof PyFloat ? v.value : (v as number)));
    return { dtype: ints === n ? 'int64' : 'float64', values: out };
  }
  return objectColumn(values);
}

/** An object column of the values as given; equal primitive values share a dictionary entry. */
export function objectColumn(values: readonly unknown[]): Column & { dtype: 'object' } {
  const codes = new Int32Array(values.length);
  const dictionary: unknown[] = [];
  const seen = new Map<unknown, number>();
  values.forEach((raw, i) => {
    const v = raw === undefined ? null : raw;
    // An integral float is boxed (PyFloat) and must stay apart from the int of the same value.
    const key = v instanceof PyFloat ? `\u0000float:${v.value}` : v !== null && typeof v === 'object' ? undefined : v;
    let code = key === undefined ? undefined : seen.get(key);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      if (key !== undefined) seen.set(key, code);
    }
    codes[i] = code;
  });
  return { dtype: 'object', codes, dictionary };
}
