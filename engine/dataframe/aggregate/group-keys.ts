/**
 * Hash grouping of rows by one or more key columns, without a JavaScript object per row.
 *
 * Policy:
 * - Each key column is first turned into dense atom ids: an object column's codes already are (its dictionary holds
 *   distinct values), a number column's values go through one Map<number, id>, a bool column is 0/1. Missing keys
 *   (None and NaN alike, as pandas' groupby treats them) share one atom.
 * - Several keys combine their atoms into one number (a mixed radix), looked up in a typed table when the product of
 *   the cardinalities is small and in a Map<number, id> otherwise.
 * - Groups are numbered in order of first appearance (pandas' `sort=False`); `dropna` gives rows with any missing key
 *   the group −1. The representative row of each group is its first row.
 * - Sorting groups (pandas' `sort=True`) is lexicographic over the keys with Python's ordering, missing keys last.
 */
import type { Column } from '../frame.js';
import { columnValue } from '../frame.js';
import { comparePy, isMissingAt, valueKey } from './columns.js';
import { takeColumn } from '../take-rows.js';

/** Each row's group and each group's first row. */
export interface Grouping {
  /** Group of each row, −1 for a row dropped for a missing key. */
  ids: Int32Array;
  ngroups: number;
  /** The first row of each group, in group order. */
  firstRows: Int32Array;
}

const DENSE_LIMIT = 1 << 20;

/** Dense ids for a key column's values; `missing` is the id of None/NaN. */
function atoms(column: Column): { ids: Int32Array; cardinality: number; missing: number } {
  const n = column.dtype === 'object' ? column.codes.length : column.values.length;
  const ids = new Int32Array(n);
  switch (column.dtype) {
    case 'bool':
      ids.set(column.values);
      return { ids, cardinality: 3, missing: 2 };
    case 'object': {
      const { codes, dictionary } = column;
      const remap = new Int32Array(dictionary.length);
      const byKey = new Map<unknown, number>();
      let missing = -1;
      let next = 0;
      dictionary.forEach((v, c) => {
        if (v === null || v === undefined || (typeof v === 'number' && v !== v)) {
          if (missing < 0) missing = next++;
          remap[c] = missing;
          return;
        }
        const key = valueKey(v);
        let id = byKey.get(key);
        if (id === undefined) byKey.set(key, (id = next++));
        remap[c] = id;
      });
      for (let i = 0; i < n; i++) ids[i] = remap[codes[i]];
      if (missing < 0) missing = next++;
      return { ids, cardinality: next, missing };
    }
    case 'int64':
    case 'float64': {
      const values = column.values;
      const byValue = new Map<number, number>();
      let missing = -1;
      let next = 0;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== v) {
          if (missing < 0) missing = next++;
          ids[i] = missing;
          continue;
        }
        let id = byValue.get(v);
        if (id === undefined) byValue.set(v, (id = next++));
        ids[i] = id;
      }
      if (missing < 0) missing = next++;
      return { ids, cardinality: next, missing };
    }
  }
}

/** Groups the rows of `keys` (equal-length columns) in order of first appearance. */
export function groupRows(keys: readonly Column[], dropna: boolean): Grouping {
  let parts = keys.map(atoms);
  // past 2**53 the mixed-radix code stops being exact: fold the keys two at a time into dense ids first
  while (parts.length > 1 && parts.reduce((p, a) => p * a.cardinality, 1) > Number.MAX_SAFE_INTEGER) {
    const pair = groupAtoms(parts.slice(0, 2), dropna);
    const missing = pair.ngroups;
    const ids = pair.ids.map((g) => (g < 0 ? missing : g));
    parts = [{ ids, cardinality: missing + 1, missing: dropna ? missing : -1 }, ...parts.slice(2)];
  }
  return groupAtoms(parts, dropna);
}

function groupAtoms(parts: Array<{ ids: Int32Array; cardinality: number; missing: number }>, dropna: boolean): Grouping {
  const n = parts.length === 0 ? 0 : parts[0].ids.length;
  const ids = new Int32Array(n);
  const first: number[] = [];
  let product = 1;
  for (const p of parts) product *= p.cardinality;
  const dense = product <= DENSE_LIMIT ? new Int32Array(product).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  for (let i = 0; i < n; i++) {
    let code = 0;
    let dropped = false;
    for (const p of parts) {
      const a = p.ids[i];
      if (dropna && a === p.missing) dropped = true;
      code = code * p.cardinality + a;
    }
    if (dropped) {
      ids[i] = -1;
      continue;
    }
    let g = dense ? dense[code] : sparse!.get(code) ?? -1;
    if (g < 0) {
      g = first.length;
      first.push(i);
      if (dense) dense[code] = g;
      else sparse!.set(code, g);
    }
    ids[i] = g;
  }
  return { ids, ngroups: first.length, firstRows: Int32Array.from(first) };
}

/** The key columns of the groups: each group's first row (missing keys as NaN, as pandas' result index shows). */
export function groupKeys(keys: readonly Column[], grouping: Grouping): Column[] {
  return keys.map((k) => {
    const taken = takeColumn(k, grouping.firstRows);
    if (taken.dtype !== 'object') return taken;
    const missing = taken.dictionary.findIndex((v) => v === null || v === undefined);
    if (missing < 0) return taken;
    const dictionary = taken.dictionary.slice();
    dictionary[missing] = NaN;
    return { dtype: 'object', codes: taken.codes, dictionary };
  });
}

/** The order that sorts groups by their keys (pandas' sorted groupby: lexicographic, missing last). */
export function sortedOrder(keys: readonly Column[], length: number): Int32Array {
  const order = Array.from({ length }, (_, i) => i);
  order.sort((a, b) => {
    for (const k of keys) {
      const ma = isMissingAt(k, a);
      const mb = isMissingAt(k, b);
      if (ma || mb) {
        if (ma && mb) continue;
        return ma ? 1 : -1;
      }
      const c = comparePy(columnValue(k, a), columnValue(k, b));
      if (c !== 0) return c;
    }
    return a - b;
  });
  return Int32Array.from(order);
}
