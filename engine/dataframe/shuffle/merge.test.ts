import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameMeta, type Column, type DType, type Frame } from '../frame.js';
import { mergeMeta, mergePartitions, mergePlan, type MergeOptions } from './merge.js';
import { DASK_COLLECTION, frameDifference, rowSetDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';

const MERGE_SCRIPT = DASK_COLLECTION + String.raw`
out = []
for case in INPUT:
    with dask.config.set(shuffle=case['shuffle']):
        kw = dict(case['kw'])
        if 'suffixes' in kw: kw['suffixes'] = tuple(kw['suffixes'])
        out.append(result(dd.merge(collection(case['left']), collection(case['right']), **kw)))
print(json.dumps(out))
`;

interface DaskResult {
  parts: WireFrame[];
  divisions: unknown[];
  meta: Array<[string, string]>;
}

function side(random: () => number, partitions: number, keyDtype: DType, other: Array<[string, DType]>): Frame[] {
  return Array.from({ length: partitions }, () => {
    const length = random() < 0.15 ? 0 : 1 + Math.floor(random() * 7);
    const names = ['k', ...other.map(([n]) => n)];
    const columns: Column[] = [randomColumn(random, keyDtype, length, 5), ...other.map(([, d]) => randomColumn(random, d, length, 5))];
    return frameOf(names, columns);
  });
}

test('dd.merge: plan, partition contents, row order, dtypes and meta equal Dask for every how', () => {
  const random = randomSource(7);
  const cases: Array<{ left: Frame[]; right: Frame[]; kw: MergeOptions; shuffle: string }> = [];
  const hows = ['inner', 'left', 'right', 'outer'] as const;
  const keyDtypes: DType[] = ['int64', 'object', 'float64'];
  for (let k = 0; k < 36; k++) {
    const how = hows[k % 4];
    const keyDtype = keyDtypes[Math.floor(k / 4) % 3];
    // A broadcast of the right, a broadcast of the left (or a hash join for how it refuses), a hash join.
    const counts = [
      [3, 1],
      [1, 2],
      [4, 3],
    ][Math.floor(k / 12)];
    const left = side(random, counts[0], keyDtype, [['a', 'int64'], ['s', 'bool'], ['v', 'object']]);
    const right = side(random, counts[1], keyDtype, [['a', 'float64'], ['b', 'int64']]);
    const kw: MergeOptions = k % 5 === 0 ? { how, left_on: 'k', right_on: 'k', suffixes: ['_l', '_r'] } : k % 5 === 1 ? { how } : { how, on: 'k' };
    cases.push({ left, right, kw, shuffle: k % 2 ? 'tasks' : 'disk' });
  }
  const expected = runPython(MERGE_SCRIPT, cases.map((c) => ({ left: c.left.map(wireFrame), right: c.right.map(wireFrame), kw: c.kw, shuffle: c.shuffle }))) as DaskResult[];
  cases.forEach((c, k) => {
    const parts = mergePartitions(c.left, c.right, frameMeta(c.left[0]), frameMeta(c.right[0]), c.kw);
    const label = `case ${k} ${JSON.stringify(c.kw)} ${c.left.length}x${c.right.length} ${c.shuffle}`;
    assert.equal(parts.length, expected[k].parts.length, label);
    assert.equal(parts.length, mergePlan(c.left.length, c.right.length, c.kw.how ?? 'inner').npartitions, label);
    assert.deepEqual(expected[k].divisions, new Array(parts.length + 1).fill(null), label);
    const meta = mergeMeta(frameMeta(c.left[0]), frameMeta(c.right[0]), c.kw);
    assert.deepEqual(meta.columns.map((m) => [m.name, m.dtype === 'object' ? 'object' : m.dtype]), expected[k].meta, `${label} meta`);
    parts.forEach((p, j) => {
      // The disk shuffle appends pieces in task completion order, so only the tasks shuffle fixes the row order.
      const difference = c.shuffle === 'tasks' ? frameDifference(wireFrame(p), expected[k].parts[j]) : rowSetDifference(wireFrame(p), expected[k].parts[j], false);
      assert.equal(difference, null, `${label} partition ${j}: ${JSON.stringify(wireFrame(p))} vs ${JSON.stringify(expected[k].parts[j])}`);
    });
  });
});

test('dd.merge on two keys, on differently named keys, and an int key against a float key', () => {
  const random = randomSource(17);
  const cases: Array<{ left: Frame[]; right: Frame[]; kw: MergeOptions; shuffle: string }> = [];
  const hows = ['inner', 'left', 'right', 'outer'] as const;
  for (let k = 0; k < 16; k++) {
    const how = hows[k % 4];
    const make = (parts: number, names: string[], dtypes: DType[]): Frame[] =>
      Array.from({ length: parts }, () => {
        const length = 1 + Math.floor(random() * 6);
        return frameOf(names, dtypes.map((d) => randomColumn(random, d, length, 3)));
      });
    if (k < 8) {
      cases.push({ left: make(2, ['k', 'k2', 'x'], ['object', 'int64', 'float64']), right: make(3, ['k2', 'k', 'x'], ['int64', 'object', 'bool']), kw: { how, on: ['k', 'k2'] }, shuffle: 'tasks' });
    } else if (k < 12) {
      cases.push({ left: make(3, ['k', 'x'], ['int64', 'float64']), right: make(2, ['j', 'k'], ['int64', 'int64']), kw: { how, left_on: 'k', right_on: 'j' }, shuffle: 'tasks' });
    } else {
      cases.push({ left: make(2, ['k', 'x'], ['int64', 'int64']), right: make(2, ['k', 'y'], ['float64', 'int64']), kw: { how, on: 'k' }, shuffle: 'tasks' });
    }
  }
  const expected = runPython(MERGE_SCRIPT, cases.map((c) => ({ left: c.left.map(wireFrame), right: c.right.map(wireFrame), kw: c.kw, shuffle: c.shuffle }))) as DaskResult[];
  cases.forEach((c, k) => {
    const parts = mergePartitions(c.left, c.right, frameMeta(c.left[0]), frameMeta(c.right[0]), c.kw);
    assert.equal(parts.length, expected[k].parts.length);
    parts.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `case ${k} ${JSON.stringify(c.kw)} partition ${j}: ${JSON.stringify(wireFrame(p))} vs ${JSON.stringify(expected[k].parts[j])}`));
  });
});

test('dd.merge refuses what Dask refuses: an unknown how, a missing key column, a number against strings', () => {
  const random = randomSource(1);
  const left = [frameOf(['k', 'x'], [randomColumn(random, 'int64', 3), randomColumn(random, 'int64', 3)])];
  const right = [frameOf(['k', 'y'], [randomColumn(random, 'object', 3), randomColumn(random, 'int64', 3)])];
  const meta = [frameMeta(left[0]), frameMeta(right[0])] as const;
  assert.throws(() => mergePartitions(left, right, ...meta, { how: 'cross' as never, on: 'k' }), /does not support how='cross'/);
  assert.throws(() => mergePartitions(left, right, ...meta, { on: 'zz' }), /KeyError: 'zz'/);
  assert.throws(() => mergePartitions(left, right, ...meta, { on: 'k' }), /You are trying to merge on int64 and object columns/);
  assert.throws(() => mergeMeta(...meta, { on: 'k' }), /You are trying to merge on int64 and object columns/);
});
