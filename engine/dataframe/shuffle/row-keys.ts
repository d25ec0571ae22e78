/**
 * Rows as keys, compared the way pandas' factorizer compares them: Python equality (1 == 1.0 == True,
 * -0.0 == 0.0, strings by value) and every missing value (None, NaN) equal to every other. Merge groups rows by
 * these keys; drop_duplicates keeps the first row of each.
 */

import { hashKey } from '../../values/py-types.js';
import { isMissing, type Column } from '../frame.js';

const MISSING = Symbol('missing');
const NONE = Symbol('None');

/**
 * The key of row i of a column; one symbol for every missing value, unless `noneIsNaN` is false: pandas'
 * hashtable behind `Series.duplicated` tells None from NaN, while its factorizer (merge, several columns) does not.
 */
export function valueKey(column: Column, i: number, noneIsNaN = true): unknown {
  switch (column.dtype) {
    case 'int64':
      return column.values[i];
    case 'float64': {
      const v = column.values[i];
      return Number.isNaN(v) ? MISSING : v;
    }
    case 'bool':
      return column.values[i];
    case 'object': {
      const v = column.dictionary[column.codes[i]];
      if (!noneIsNaN && (v === null || v === undefined)) return NONE;
      return isMissing(v) ? MISSING : hashKey(v);
    }
  }
}

function rowKey(columns: Column[], i: number, noneIsNaN: boolean): unknown {
  if (columns.length === 1) return valueKey(columns[0], i, noneIsNaN);
  return JSON.stringify(
    columns.map((c) => {
      const k = valueKey(c, i);
      if (k === MISSING) return '\u0000missing';
      return typeof k === 'number' && Object.is(k, -0) ? 0 : k;
    }),
  );
}

/**
 * Numbers the distinct row keys of several row sets in order of first appearance, the first set first (so a
 * merge's groups follow the left, then the right).
 */
export function factorizeRows(sets: Array<{ columns: Column[]; length: number }>, noneIsNaN = true): { labels: Int32Array[]; count: number } {
  const groups = new Map<unknown, number>();
  const labels = sets.map(({ columns, length }) => {
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const key = rowKey(columns, i, noneIsNaN);
      let g = groups.get(key);
      if (g === undefined) {
        g = groups.size;
        groups.set(key, g);
      }
      out[i] = g;
    }
    return out;
  });
  return { labels, count: groups.size };
}
