import { hashKey } from '../../values/py-types.js';
import type { Column, Series, SeriesMeta } from '../frame.js';
import { PandasError } from '../pandas-error.js';
import { pyTypeName } from '../../values/py-types.js';

/**
 * `s.isin(values)` and query's `in`: membership by Python equality and hash, as pandas' object hashtable decides
 * it — 1, 1.0 and True are one value, NaN matches NaN, None matches None only. An object column is tested once per
 * dictionary entry. `values` must be list-like: a scalar or a string is pandas' TypeError.
 */

function keyOf(value: unknown): unknown {
  try {
    return hashKey(value);
  } catch {
    return Symbol('unhashable');
  }
}

/** The keys of a set of values, to test membership with {@link memberMask}. */
export function membershipKeys(values: Iterable<unknown>): Set<unknown> {
  const keys = new Set<unknown>();
  for (const v of values) keys.add(keyOf(v));
  return keys;
}

/** The keys of a column's values. */
export function columnKeys(column: Column): Set<unknown> {
  if (column.dtype === 'object') {
    const keys = new Set<unknown>();
    for (const code of new Set(column.codes)) keys.add(keyOf(column.dictionary[code]));
    return keys;
  }
  // Numbers are their own keys (hashKey of a number is the number; of a bool, 0 or 1).
  return new Set<unknown>(Array.from(column.values, (v) => v + 0));
}

/** 1 where the column's value is (or, negated, is not) among `keys`. */
export function memberMask(column: Column, keys: Set<unknown>, isNegated = false): Uint8Array {
  const hit = isNegated ? 0 : 1;
  if (column.dtype === 'object') {
    const table = Uint8Array.from(column.dictionary, (v) => (keys.has(keyOf(v)) ? hit : 1 - hit));
    const codes = column.codes;
    const out = new Uint8Array(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]];
    return out;
  }
  const values = column.values;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = keys.has(values[i] + 0) ? hit : 1 - hit;
  return out;
}

function checkListLike(values: unknown): readonly unknown[] {
  if (!Array.isArray(values)) {
    throw new PandasError('BAD_PARAM', 'TypeError', `only list-like objects are allowed to be passed to isin(), you passed a [${pyTypeName(values)}]`);
  }
  return values;
}

/** `s.isin(values)` on a partition. */
export function seriesIsin(series: Series, values: unknown): Series {
  const keys = membershipKeys(checkListLike(values));
  return { ...series, column: { dtype: 'bool', values: memberMask(series.column, keys) } };
}

/** The schema of `s.isin(values)`. */
export function seriesIsinMeta(meta: SeriesMeta, values: unknown): SeriesMeta {
  checkListLike(values);
  return { ...meta, dtype: 'bool' };
}
