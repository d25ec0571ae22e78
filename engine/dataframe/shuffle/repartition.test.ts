import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType, Frame } from '../frame.js';
import { DASK_COLLECTION, frameDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';
import { repartitionPartitions } from './repartition.js';

const SCRIPT = DASK_COLLECTION + String.raw`
out = []
for case in INPUT:
    out.append(result(collection(case['parts']).repartition(npartitions=case['n'])))
print(json.dumps(out))
`;

test('repartition(npartitions) of unknown divisions: neighbours concatenated or partitions split evenly, as Dask', () => {
  const random = randomSource(41);
  const dtypes: DType[] = ['int64', 'float64', 'bool', 'object'];
  const cases: Array<{ parts: Frame[]; n: number }> = [];
  for (let k = 0; k < 24; k++) {
    const count = 1 + (k % 7);
    const parts = Array.from({ length: count }, () => {
      const length = random() < 0.15 ? 0 : 1 + Math.floor(random() * 9);
      return frameOf(['a', 'b'], [randomColumn(random, dtypes[k % 4], length), randomColumn(random, 'int64', length)]);
    });
    cases.push({ parts, n: 1 + ((k * 5) % 11) });
  }
  const expected = runPython(SCRIPT, cases.map((c) => ({ parts: c.parts.map(wireFrame), n: c.n }))) as Array<{ parts: WireFrame[]; divisions: unknown[] }>;
  cases.forEach((c, k) => {
    const out = repartitionPartitions(c.parts, new Array(c.parts.length + 1).fill(null), c.n);
    assert.equal(out.length, expected[k].parts.length, `case ${k}: ${c.parts.length} → ${c.n}`);
    out.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `case ${k} partition ${j}`));
  });
});
