import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column } from '../frame.js';
import { hashAt, hashColumn, hashFrameColumns, partitioningIndex } from './hash-pandas.js';
import { runPython, wireColumn } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';
import { objectColumn } from '../frame-from-values.js';

const HASH_SCRIPT = String.raw`
from pandas.util import hash_pandas_object
from dask.dataframe.shuffle import partitioning_index
out = []
for case in INPUT:
    df = build(case['frame'])
    series = [[str(int(h)) for h in hash_pandas_object(df[n], index=False)] for n in df.columns]
    frame = [str(int(h)) for h in hash_pandas_object(df, index=False)]
    parts = [int(p) for p in partitioning_index(df, case['n'])]
    out.append({'series': series, 'frame': frame, 'parts': parts})
print(json.dumps(out))
`;

function asStrings(column: Column): string[] {
  const hashes = hashColumn(column);
  return Array.from({ length: hashes.hi.length }, (_, i) => hashAt(hashes, i).toString());
}

test('hash_pandas_object and partitioning_index equal pandas/Dask on random columns of every dtype', () => {
  const random = randomSource(11);
  const cases = [];
  for (let k = 0; k < 12; k++) {
    const dtypes: Column['dtype'][] = ['int64', 'float64', 'bool', 'object'];
    const chosen = Array.from({ length: 1 + (k % 3) }, (_, j) => dtypes[(k + j) % 4]);
    const length = 40;
    const columns = chosen.map((d) => randomColumn(random, d, length, 10));
    cases.push({ frame: frameOf(chosen.map((_, j) => `c${j}`), columns), n: 1 + (k % 7) * 5 });
  }
  // Object columns that pandas' Index._with_infer retypes: all ints, ints and floats, all bools, a mix with str.
  const odd = [objectColumn([1, -2, 3, 2 ** 40]), objectColumn([1.5, 2, -0.25, 7]), objectColumn([true, false, true, true]), objectColumn(['a', 1, true, null])];
  odd.forEach((column, j) => cases.push({ frame: frameOf([`o${j}`], [column]), n: 3 }));
  const expected = runPython(HASH_SCRIPT, cases.map((c) => ({ frame: { names: c.frame.names, columns: c.frame.columns.map(wireColumn), index: { kind: 'range', start: 0, step: 1, length: c.frame.length, name: null } }, n: c.n }))) as Array<{ series: string[][]; frame: string[]; parts: number[] }>;
  cases.forEach((c, k) => {
    c.frame.columns.forEach((column, j) => assert.deepEqual(asStrings(column), expected[k].series[j], `case ${k} column ${j} (${column.dtype})`));
    const combined = hashFrameColumns(c.frame.columns, c.frame.length);
    assert.deepEqual(Array.from({ length: c.frame.length }, (_, i) => hashAt(combined, i).toString()), expected[k].frame, `case ${k} frame`);
    assert.deepEqual(Array.from(partitioningIndex(combined, c.n)), expected[k].parts, `case ${k} partitions`);
  });
});

test('hashing a 494k-row int column and a dictionary column stays fast', () => {
  const random = randomSource(3);
  const n = 494_021;
  const ints = randomColumn(random, 'int64', n, 1000);
  const text = randomColumn(random, 'object', n, 10);
  const started = performance.now();
  const h = hashFrameColumns([ints, text], n);
  partitioningIndex(h, 32);
  assert.ok(performance.now() - started < 1500, `took ${performance.now() - started} ms`);
});
