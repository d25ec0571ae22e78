import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column } from '../frame.js';
import { columnValue } from '../frame.js';
import { randomSource } from '../random-frames.test-support.js';
import { objectColumn } from '../frame-from-values.js';
import { groupRows, sortedOrder } from './group-keys.js';

/** Grouping by a string of the row's key values: slow and obviously right. */
function naive(keys: Column[], n: number, dropna: boolean): { ids: number[]; ngroups: number } {
  const seen = new Map<string, number>();
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const values = keys.map((k) => columnValue(k, i));
    if (dropna && values.some((v) => v === null || (typeof v === 'number' && Number.isNaN(v)))) {
      ids.push(-1);
      continue;
    }
    const key = JSON.stringify(values.map((v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)));
    if (!seen.has(key)) seen.set(key, seen.size);
    ids.push(seen.get(key)!);
  }
  return { ids, ngroups: seen.size };
}

test('grouping by several keys numbers groups by first appearance, also past 2**53 combinations', () => {
  const rand = randomSource(3);
  const n = 30000;
  const wide = () => ({ dtype: 'float64' as const, values: Float64Array.from({ length: n }, () => (rand() < 0.01 ? NaN : Math.floor(rand() * 20000))) });
  const narrow = objectColumn(Array.from({ length: n }, () => ['a', 'b', null][Math.floor(rand() * 3)]));
  const flags: Column = { dtype: 'bool', values: Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0)) };
  for (const keys of [[narrow], [narrow, flags], [wide(), narrow], [wide(), wide(), wide(), wide(), narrow]]) {
    for (const dropna of [true, false]) {
      const got = groupRows(keys, dropna);
      const want = naive(keys, n, dropna);
      assert.equal(got.ngroups, want.ngroups);
      assert.deepEqual(Array.from(got.ids), want.ids);
    }
  }
});

test('sorted groups follow Python: strings by code point, missing keys last', () => {
  const keys = objectColumn(['\u{1F600}', 'b', null, '\uFF21', 'a', 'b']);
  const order = sortedOrder([keys], 6);
  assert.deepEqual(Array.from(order, (i) => columnValue(keys, i)), ['a', 'b', 'b', '\uFF21', '\u{1F600}', null]);
});
