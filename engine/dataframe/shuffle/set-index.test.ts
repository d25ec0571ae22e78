import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameMeta, type Column, type DType, type Frame } from '../frame.js';
import { DASK_COLLECTION, frameDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';
import { objectColumn } from '../frame-from-values.js';
import { setIndexFromBuckets, setIndexPartition, setIndexPartitions, setSortedIndexPartitions, sortValuesPartitions } from './set-index.js';
import { collectBuckets } from './shuffle.js';

/** Runs the operation in Dask and reports the seed Dask's partition_quantiles derives from its graph. */
const SCRIPT = DASK_COLLECTION + String.raw`
from dask.base import tokenize
out = []
for case in INPUT:
    ddf = collection(case['parts'])
    col = case['column']
    n = case.get('npartitions') or ddf.npartitions
    seed = int(tokenize(ddf[col], np.linspace(0, 1, n + 1), 1.0), 16) % np.iinfo(np.int32).max
    with dask.config.set(shuffle='tasks'):
        if case['op'] == 'set_index':
            res = ddf.set_index(col, npartitions=case.get('npartitions'))
        else:
            res = ddf.sort_values(col, ascending=case['ascending'], na_position=case['na_position'])
        r = result(res)
    r['seed'] = seed
    out.append(r)
print(json.dumps(out))
`;

interface Case {
  op: 'set_index' | 'sort_values';
  parts: Frame[];
  column: string;
  npartitions?: number;
  ascending: boolean;
  na_position: 'first' | 'last';
}

function makeParts(random: () => number, count: number, keyDtype: DType, sortedRuns: boolean): Frame[] {
  let base = 0;
  return Array.from({ length: count }, () => {
    const length = random() < 0.1 ? 0 : [5, 30, 120][Math.floor(random() * 3)];
    let key: Column = randomColumn(random, keyDtype, length, keyDtype === 'object' ? 10 : 50);
    if (keyDtype === 'object') key = { ...key, dictionary: (key as Extract<Column, { dtype: 'object' }>).dictionary.map((v) => (typeof v === 'string' ? v : 'n/a')) } as Column;
    if (sortedRuns && keyDtype !== 'object') {
      key = { dtype: keyDtype, values: Float64Array.from({ length }, (_, i) => base + i) } as Column;
      base += length + 1;
    }
    return frameOf(['k', 'x', 'y'], [key, randomColumn(random, 'float64', length), randomColumn(random, 'object', length)]);
  });
}

test('set_index and sort_values: divisions, partition contents and row order equal Dask (same quantile seed)', () => {
  const random = randomSource(61);
  const cases: Case[] = [];
  const dtypes: DType[] = ['int64', 'float64', 'object'];
  for (let k = 0; k < 24; k++) {
    const op = k % 2 === 0 ? 'set_index' : 'sort_values';
    const parts = makeParts(random, [1, 3, 6, 4][k % 4], dtypes[Math.floor(k / 2) % 3], k % 8 === 6);
    if (parts.every((p) => p.length === 0)) continue;
    cases.push({ op, parts, column: 'k', npartitions: op === 'set_index' && k % 3 === 0 ? 2 + (k % 5) : undefined, ascending: k % 4 !== 3, na_position: k % 5 === 4 ? 'first' : 'last' });
  }
  const input = cases.map((c) => ({ ...c, parts: c.parts.map(wireFrame) }));
  const expected = runPython(SCRIPT, input) as Array<{ parts: WireFrame[]; divisions: unknown[]; seed: number }>;
  cases.forEach((c, k) => {
    const meta = frameMeta(c.parts[0]);
    const label = `case ${k} ${c.op} ${c.parts[0].columns[0].dtype} ${c.parts.length} partitions`;
    let parts: Frame[];
    if (c.op === 'set_index') {
      const out = setIndexPartitions(c.parts, 'k', meta, { npartitions: c.npartitions, randomState: expected[k].seed });
      parts = out.parts;
      // -0.0 and 0.0 are the same division (numpy's min may return either); compare them as equal.
      const zero = (xs: unknown[]): unknown[] => xs.map((x) => (x === 0 ? 0 : x));
      assert.deepEqual(zero(out.divisions), zero(expected[k].divisions), `${label} divisions`);
    } else {
      parts = sortValuesPartitions(c.parts, 'k', meta, { randomState: expected[k].seed, ascending: c.ascending, na_position: c.na_position });
      assert.deepEqual(new Array(parts.length + 1).fill(null), expected[k].divisions, `${label} divisions`);
    }
    assert.equal(parts.length, expected[k].parts.length, label);
    parts.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `${label} partition ${j}: ${JSON.stringify(wireFrame(p)).slice(0, 600)} vs ${JSON.stringify(expected[k].parts[j]).slice(0, 600)}`));
  });
});

const SORTED_SCRIPT = DASK_COLLECTION + String.raw`
out = []
for case in INPUT:
    try:
        out.append(result(collection(case['parts']).set_index('k', sorted=True)))
    except ValueError as e:
        out.append({'error': str(e.args[0])})
print(json.dumps(out))
`;

test('set_index(sorted=True): empty partitions dropped, divisions from mins and maxes, overlapping labels moved as Dask moves them', () => {
  const random = randomSource(67);
  const cases: Frame[][] = [];
  for (let k = 0; k < 14; k++) {
    let base = 0;
    const parts = Array.from({ length: 2 + (k % 4) }, () => {
      const length = random() < 0.2 ? 0 : 1 + Math.floor(random() * 5);
      // Keys ascending across partitions; a partition may start on the previous one's last key (an overlap).
      const keys = Float64Array.from({ length }, (_, i) => base + i);
      if (length) base += length - (random() < 0.4 ? 1 : 0);
      return frameOf(['k', 'x'], [{ dtype: 'int64', values: keys }, randomColumn(random, 'int64', length)]);
    });
    if (parts.every((p) => p.length === 0)) continue;
    // The last case has its partitions out of order, which Dask refuses.
    cases.push(k === 13 ? parts.reverse() : parts);
  }
  const expected = runPython(SORTED_SCRIPT, cases.map((parts) => ({ parts: parts.map(wireFrame) }))) as Array<{ parts: WireFrame[]; divisions: unknown[]; error?: string }>;
  cases.forEach((parts, k) => {
    if (k === cases.length - 1) assert.ok(expected[k].error, 'Dask refuses partitions out of order');
    if (expected[k].error) {
      assert.throws(() => setSortedIndexPartitions(parts, 'k', frameMeta(parts[0])), (e: Error) => e.message === expected[k].error, `case ${k}`);
      return;
    }
    const out = setSortedIndexPartitions(parts, 'k', frameMeta(parts[0]));
    assert.deepEqual(out.divisions, expected[k].divisions, `case ${k} divisions`);
    assert.equal(out.parts.length, expected[k].parts.length, `case ${k}`);
    out.parts.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `case ${k} partition ${j}: ${JSON.stringify(wireFrame(p))} vs ${JSON.stringify(expected[k].parts[j])}`));
  });
});

const MULTI_SCRIPT = DASK_COLLECTION + String.raw`
out = []
for case in INPUT:
    try:
        out.append(result(collection(case['parts']).sort_values(case['by'], ascending=case['ascending'], na_position=case['na_position'])))
    except NotImplementedError as e:
        out.append({'error': str(e)})
print(json.dumps(out))
`;

test('sort_values by several columns (one partition, a stable lexsort) and the refusals Dask gives for several partitions', () => {
  const random = randomSource(71);
  const cases: Array<{ parts: Frame[]; by: string[]; ascending: boolean | boolean[]; na_position: 'first' | 'last' }> = [];
  for (let k = 0; k < 8; k++) {
    const parts = Array.from({ length: k < 6 ? 1 : 2 }, () => {
      const length = 20 + Math.floor(random() * 20);
      return frameOf(['a', 'b', 'c'], [randomColumn(random, k % 2 ? 'object' : 'int64', length, 3), randomColumn(random, 'float64', length, 3), randomColumn(random, 'int64', length)]);
    });
    cases.push({ parts, by: ['a', 'b'], ascending: k === 7 ? [true] : k % 3 === 0 ? [true, false] : k % 3 === 1 ? false : [false, true], na_position: k % 4 < 2 ? 'last' : 'first' });
  }
  cases[6].by = ['a'];
  cases[6].ascending = [true, false];
  const expected = runPython(MULTI_SCRIPT, cases.map((c) => ({ ...c, parts: c.parts.map(wireFrame) }))) as Array<{ parts: WireFrame[]; error?: string }>;
  cases.forEach((c, k) => {
    const run = (): Frame[] => sortValuesPartitions(c.parts, c.by.length === 1 ? c.by[0] : c.by, frameMeta(c.parts[0]), { randomState: 1, ascending: c.ascending, na_position: c.na_position });
    if (expected[k].error) {
      assert.throws(run, (e: Error) => e.message === expected[k].error, `case ${k}: ${expected[k].error}`);
      return;
    }
    const out = run();
    out.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `case ${k} partition ${j}`));
  });
});

test('set_index on a string column with a null fails with Dask\'s advice', () => {
  const parts = [frameOf(['k', 'x'], [objectColumn(['a', null, 'c']), randomColumn(randomSource(3), 'int64', 3)]), frameOf(['k', 'x'], [objectColumn(['b', 'd']), randomColumn(randomSource(4), 'int64', 2)])];
  const script = DASK_COLLECTION + String.raw`
try:
    collection(INPUT).set_index('k').compute(scheduler='sync')
    print(json.dumps(None))
except NotImplementedError as e:
    print(json.dumps(str(e)))
`;
  const message = runPython(script, parts.map(wireFrame)) as string;
  assert.ok(message, 'Dask refuses');
  assert.throws(() => setIndexPartitions(parts, 'k', frameMeta(parts[0]), { randomState: 1 }), (e: Error) => e.message === message);
});

test('set_index of a shuffle\'s buckets built column by column equals set_index of their concatenation', () => {
  const dtypes: DType[] = ['int64', 'float64', 'bool', 'object'];
  for (let seed = 1; seed <= 60; seed++) {
    const random = randomSource(seed);
    const keyDtype = dtypes[seed % 4];
    // Each bucket draws its own dtype per column, as CSV blocks infer them: concat's promotions must carry over.
    const buckets = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, b) => {
      const length = random() < 0.25 ? 0 : 1 + Math.floor(random() * 40);
      const pick = () => dtypes[Math.floor(random() * 4)];
      const key = seed % 7 === 0 ? { dtype: 'int64' as const, values: Float64Array.from({ length }, (_, i) => 100 * b + i) } : randomColumn(random, keyDtype, length, 5);
      return frameOf(['x', 'k', 'y'], [randomColumn(random, pick(), length), key, randomColumn(random, pick(), length)], 10 * b);
    });
    const empty = frameOf(['x', 'k', 'y'], [randomColumn(random, 'int64', 0), randomColumn(random, keyDtype, 0), randomColumn(random, 'object', 0)]);
    const whole = setIndexPartition(collectBuckets(buckets, empty), 'k');
    assert.deepStrictEqual(setIndexFromBuckets(buckets, 'k', empty), whole, `seed ${seed}`);
  }
  // Buckets whose columns differ go through the whole concatenation (a union of columns), with the same answer.
  const random = randomSource(99);
  const odd = [frameOf(['k', 'x'], [randomColumn(random, 'int64', 4), randomColumn(random, 'float64', 4)]), frameOf(['x', 'k'], [randomColumn(random, 'object', 3), randomColumn(random, 'int64', 3)])];
  assert.deepStrictEqual(setIndexFromBuckets(odd, 'k', odd[0]), setIndexPartition(collectBuckets(odd, odd[0]), 'k'));
  assert.throws(() => setIndexFromBuckets(odd.slice(0, 1).concat(odd.slice(0, 1)), 'nope', odd[0]), /KeyError: 'nope'/);
});
