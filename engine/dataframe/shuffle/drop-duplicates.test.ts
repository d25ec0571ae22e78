import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameMeta, type DType, type Frame } from '../frame.js';
import { dropDuplicatesMeta, dropDuplicatesPartitions, dropDuplicatesPlan, type DropDuplicatesOptions } from './drop-duplicates.js';
import { DASK_COLLECTION, frameDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';

const SCRIPT = DASK_COLLECTION + String.raw`
out = []
for case in INPUT:
    out.append(result(collection(case['parts']).drop_duplicates(**case['kw'])))
print(json.dumps(out))
`;

test('drop_duplicates: chunk, hash split_out, tree of split_every, row order and index equal Dask', () => {
  const random = randomSource(31);
  const dtypes: DType[] = ['int64', 'float64', 'bool', 'object'];
  const cases: Array<{ parts: Frame[]; kw: DropDuplicatesOptions }> = [];
  for (let k = 0; k < 24; k++) {
    const partitions = [1, 3, 10, 20][k % 4];
    const types = [dtypes[k % 4], dtypes[(k + 1) % 4], 'int64' as DType];
    const parts = Array.from({ length: partitions }, () => {
      const length = random() < 0.15 ? 0 : 1 + Math.floor(random() * 8);
      return frameOf(['a', 'b', 'c'], types.map((d) => randomColumn(random, d, length, 3)));
    });
    const subsets: Array<DropDuplicatesOptions['subset']> = [undefined, 'a', ['a', 'b'], ['b']];
    const kw: DropDuplicatesOptions = { subset: subsets[Math.floor(k / 4) % 4], ...(k % 3 === 1 ? { split_out: 3 } : {}), ...(k % 5 === 2 ? { split_every: 3 } : {}) };
    if (kw.subset === undefined) delete kw.subset;
    cases.push({ parts, kw });
  }
  const expected = runPython(SCRIPT, cases.map((c) => ({ parts: c.parts.map(wireFrame), kw: c.kw }))) as Array<{ parts: WireFrame[]; divisions: unknown[]; meta: Array<[string, string]> }>;
  cases.forEach((c, k) => {
    const out = dropDuplicatesPartitions(c.parts, c.kw);
    assert.equal(out.length, expected[k].parts.length, `case ${k}`);
    assert.equal(out.length, dropDuplicatesPlan(c.parts.length, c.kw).splitOut);
    assert.deepEqual(expected[k].divisions, new Array(out.length + 1).fill(null));
    assert.deepEqual(dropDuplicatesMeta(frameMeta(c.parts[0]), c.kw).columns.map((m) => [m.name, m.dtype]), expected[k].meta);
    out.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `case ${k} ${JSON.stringify(c.kw)} partition ${j}: ${JSON.stringify(wireFrame(p))} vs ${JSON.stringify(expected[k].parts[j])}`));
  });
});

test('drop_duplicates refuses a subset naming no column, as pandas does on the meta', () => {
  const frame = frameOf(['a'], [randomColumn(randomSource(2), 'int64', 3)]);
  assert.throws(() => dropDuplicatesMeta(frameMeta(frame), { subset: ['zz'] }), /KeyError: Index\(\['zz'\], dtype='object'\)/);
  assert.throws(() => dropDuplicatesPlan(4, { split_every: 1 }), /split_every must be an integer >= 2/);
});
