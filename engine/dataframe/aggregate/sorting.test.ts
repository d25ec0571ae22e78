import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { PYTHON, hasDask } from '../../../test/support/environment.js';
import { randomSource } from '../random-frames.test-support.js';
import { nanSum } from './pairwise-sum.js';
import { argsortNumbers, nargsortNumbers } from '../numpy-sort.js';

const NUMPY = String.raw`
import json, sys, numpy as np, pandas as pd
from pandas.core.sorting import nargsort
arrays = [np.array(a, dtype='f8') for a in json.load(sys.stdin)]
print(json.dumps([{'quick': np.argsort(a, kind='quicksort').tolist(),
                   'desc': nargsort(a, kind='quicksort', ascending=False).tolist(),
                   'sum': float(np.nansum(a)) if len(a) else 0.0} for a in arrays]))
`;

test("argsort, nargsort and nansum equal numpy's on ties, runs, NaN and long arrays", { skip: !hasDask() }, () => {
  const rand = randomSource(99);
  const arrays: number[][] = [
    [],
    [3],
    Array.from({ length: 17 }, () => Math.floor(rand() * 3)),
    Array.from({ length: 1000 }, () => Math.floor(rand() * 5)),
    Array.from({ length: 3000 }, (_, i) => i % 7 === 0 ? NaN : (rand() - 0.5) * 1e9),
    Array.from({ length: 2048 }, (_, i) => i),
    Array.from({ length: 2048 }, (_, i) => 2048 - i),
    Array.from({ length: 4096 }, (_, i) => (i % 2 ? i : -i) * 0.25),
    Array.from({ length: 100003 }, () => (rand() < 0.05 ? NaN : rand() * 1e6 + rand())),
  ];
  // numpy's worst case for median-of-three drives the introsort into heapsort
  const killer = Array.from({ length: 5000 }, (_, i) => (i % 2 ? i : 5000 - i));
  arrays.push(killer);
  const numpy = JSON.parse(execFileSync(PYTHON, ['-c', NUMPY], { input: JSON.stringify(arrays.map((a) => a.map((v) => (Number.isNaN(v) ? null : v)))), maxBuffer: 1 << 27, encoding: 'utf8' })) as Array<{ quick: number[]; desc: number[]; sum: number }>;
  arrays.forEach((a, i) => {
    const values = Float64Array.from(a);
    if (a.length < 20000) {
      assert.deepEqual(Array.from(argsortNumbers(values)), numpy[i].quick, `argsort of array ${i}`);
      assert.deepEqual(Array.from(nargsortNumbers(values, false)), numpy[i].desc, `nargsort of array ${i}`);
    }
    assert.equal(nanSum(values), numpy[i].sum, `nansum of array ${i}`);
  });
});
