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

/**
 * Numbers the distinct row keys of several row sets in order of first appearance, the first set first (so a
 * merge's groups follow the left, then the right).
 */
export function factorizeRows(sets: Array<{ columns: Column[]; length: number }>, noneIsNaN = true): { labels: Int32Array[]; count: number } {
  const width = sets[0]?.columns.length ?? 0;
  // Each key column is numbered on its own first (across all sets, so equal values share a number); a row's key is
  // then its numbers in mixed radix, a number while it fits in 2**53 and a string beyond.
  const perColumn: Int32Array[][] = sets.map(() => []);
  const radix: number[] = [];
  for (let c = 0; c < width; c++) {
    const groups = new Map<unknown, number>();
    sets.forEach(({ columns, length }, s) => {
      const out = new Int32Array(length);
      for (let i = 0; i < length; i++) {
        const key = valueKey(columns[c], i, noneIsNaN);
        let g = groups.get(key);
        if (g === undefined) {
          g = groups.size;
          groups.set(key, g);
        }
        out[i] = g;
      }
      perColumn[s].push(out);
    });
    radix.push(Math.max(groups.size, 1));
  }
  const fitsNumber = radix.reduce((p, r) => p * r, 1) < 2 ** 53;
  const groups = new Map<unknown, number>();
  const labels = sets.map(({ length }, s) => {
    const out = new Int32Array(length);
    const cols = perColumn[s];
    for (let i = 0; i < length; i++) {
      let key: number | string;
      if (width === 1) key = cols[0][i];
      else if (fitsNumber) {
        key = 0;
        for (let c = 0; c < width; c++) key = key * radix[c] + cols[c][i];
      } else {
        key = cols.map((col) => col[i]).join(',');
      }
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
