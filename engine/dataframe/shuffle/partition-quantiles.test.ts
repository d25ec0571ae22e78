import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, DType, Frame } from '../frame.js';
import { argsortQuick } from '../numpy-sort.js';
import { DASK_COLLECTION, runPython, wireFrame } from './pandas-bridge.js';
import { partitionQuantiles } from './partition-quantiles.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';

const QUANTILES = DASK_COLLECTION + String.raw`
from dask.dataframe.partitionquantiles import partition_quantiles
out = []
for case in INPUT:
    s = collection(case['parts'])['a']
    q = partition_quantiles(s, case['n'], upsample=case['upsample'], random_state=case['seed']).compute(scheduler='sync')
    out.append([None if isinstance(x, float) and x != x else (x.item() if hasattr(x, 'item') else x) for x in q.tolist()])
print(json.dumps(out))
`;

test('partition_quantiles gives exactly Dask\'s divisions for the same random state, short and long partitions', () => {
  const random = randomSource(53);
  const dtypes: DType[] = ['int64', 'float64', 'object'];
  const cases: Array<{ parts: Frame[]; n: number; upsample: number; seed: number }> = [];
  for (let k = 0; k < 18; k++) {
    const dtype = dtypes[k % 3];
    const partitions = [1, 2, 5, 9, 40, 3][k % 6];
    const parts = Array.from({ length: partitions }, () => {
      const length = random() < 0.1 ? 0 : [3, 40, 400][Math.floor(random() * 3)];
      const column: Column = randomColumn(random, dtype, length, dtype === 'object' ? 10 : 2000);
      // Dask cannot compute divisions of strings with nulls; keep the string columns null-free.
      return frameOf(['a'], [column.dtype === 'object' ? { ...column, dictionary: column.dictionary.map((v) => (typeof v === 'string' ? v : 'none')) } : column]);
    });
    if (parts.every((p) => p.length === 0)) parts[0] = frameOf(['a'], [randomColumn(random, 'int64', 5)]);
    if (parts.some((p) => p.columns[0].dtype !== parts[0].columns[0].dtype)) continue;
    cases.push({ parts, n: 1 + ((k * 7) % 12), upsample: k % 4 === 0 ? 2.5 : 1, seed: 1000 + k * 7919 });
  }
  const expected = runPython(QUANTILES, cases.map((c) => ({ parts: c.parts.map(wireFrame), n: c.n, upsample: c.upsample, seed: c.seed }))) as unknown[][];
  cases.forEach((c, k) => {
    const actual = partitionQuantiles(c.parts.map((p) => p.columns[0]), c.n, c.upsample, c.seed).map((v) => (typeof v === 'number' && Number.isNaN(v) ? null : v));
    assert.deepEqual(actual, expected[k], `case ${k}: ${c.parts.length} partitions of ${c.parts[0].columns[0].dtype} into ${c.n}`);
  });
});

test('numpy quicksort argsort leaves ties where numpy leaves them', () => {
  const random = randomSource(5);
  const arrays = [10, 17, 40, 200, 1000].map((n) => Array.from({ length: n }, () => Math.floor(random() * 6)));
  const expected = runPython('print(json.dumps([np.argsort(np.array(a, dtype="float64"), kind="quicksort").tolist() for a in INPUT]))', arrays) as number[][];
  arrays.forEach((a, k) => assert.deepEqual(Array.from(argsortQuick(a.length, (x, y) => a[x] < a[y])), expected[k], `length ${a.length}`));
});
