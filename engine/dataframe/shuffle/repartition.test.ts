import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType, Frame } from '../frame.js';
import { DASK_COLLECTION, frameDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';
import { repartitionPartitions, repartitionPlan } from './repartition.js';

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

const KNOWN_SCRIPT = String.raw`
import dask, dask.dataframe as dd, warnings
from dask import delayed
warnings.simplefilter('ignore')
out = []
for case in INPUT:
    frames = [build(p) for p in case['parts']]
    ddf = dd.from_delayed([delayed(f) for f in frames], meta=frames[0].iloc[:0], divisions=case['divisions'], verify_meta=False)
    r = ddf.repartition(npartitions=case['n'])
    parts = dask.compute(*r.to_delayed(), scheduler='sync')
    out.append({'parts': [dump(p) for p in parts], 'divisions': dump_div(r.divisions)})
print(json.dumps(out))
`;

/** Partitions of sorted labels cut where the label changes, so each division is its partition's first label. */
function sortedPartitions(random: () => number, float: boolean, count: number, shuffleInside: boolean): { parts: Frame[]; divisions: number[] } {
  const total = count * (1 + Math.floor(random() * 6));
  const base = Math.floor(random() * 40) - 20;
  let at = base;
  const labels = Array.from({ length: total }, () => (at += random() < 0.3 ? 0 : float ? random() * 2.5 : 1 + Math.floor(random() * (random() < 0.2 ? 40 : 3))));
  const cuts = [0];
  for (let p = 1; p < count; p++) {
    let cut = Math.max(cuts[p - 1] + 1, Math.floor((p * total) / count));
    while (cut < total && labels[cut] === labels[cut - 1]) cut++;
    if (cut >= total) break;
    cuts.push(cut);
  }
  cuts.push(total);
  const parts: Frame[] = [];
  for (let p = 0; p + 1 < cuts.length; p++) {
    const own = labels.slice(cuts[p], cuts[p + 1]);
    if (shuffleInside && own.length > 2) own.push(own.shift()!);
    const length = own.length;
    parts.push(frameOf(['a', 'b'], [randomColumn(random, 'object', length), randomColumn(random, 'float64', length)], 0, { kind: 'labels', levels: [{ dtype: float ? 'float64' : 'int64', values: Float64Array.from(own) }], names: ['ix'] }));
  }
  return { parts, divisions: [...cuts.slice(0, -1).map((c) => labels[c]), labels[total - 1]] };
}

test('repartition(npartitions) to more partitions of known numeric divisions: interpolated divisions and index-value slices, as Dask', () => {
  const random = randomSource(97);
  const cases: Array<{ parts: Frame[]; divisions: number[]; n: number; dtype: string }> = [];
  for (let k = 0; k < 40; k++) {
    const float = k % 3 === 1;
    const { parts, divisions } = sortedPartitions(random, float, 1 + (k % 5), k % 7 === 3);
    cases.push({ parts, divisions, n: parts.length + 1 + ((k * 7) % 9), dtype: float ? 'float64' : 'int64' });
  }
  // RangeIndex partitions (from_dict, read in one go): divisions at the partitions' starts, the last label last.
  for (const [sizes, n] of [[[2, 2, 2, 1], 6], [[3], 4], [[1], 3], [[5, 5], 7], [[4, 1], 9]] as Array<[number[], number]>) {
    let start = 0;
    const parts = sizes.map((size) => frameOf(['x'], [randomColumn(random, 'int64', size)], (start += size) - size));
    cases.push({ parts, divisions: [...sizes.map((_, i) => sizes.slice(0, i).reduce((s, v) => s + v, 0)), start - 1], n, dtype: 'int64' });
  }
  // A last partition of one label repeated (divisions ending [..., 7, 7]).
  const tail = frameOf(['x'], [randomColumn(random, 'int64', 3)], 0, { kind: 'labels', levels: [{ dtype: 'int64', values: Float64Array.of(7, 7, 7) }], names: [null] });
  const head = frameOf(['x'], [randomColumn(random, 'int64', 3)], 0, { kind: 'labels', levels: [{ dtype: 'int64', values: Float64Array.of(0, 3, 5) }], names: [null] });
  for (const n of [3, 4, 6]) cases.push({ parts: [head, tail], divisions: [0, 7, 7], n, dtype: 'int64' });
  const expected = runPython(KNOWN_SCRIPT, cases.map((c) => ({ parts: c.parts.map(wireFrame), divisions: c.divisions, n: c.n }))) as Array<{ parts: WireFrame[]; divisions: unknown[] }>;
  cases.forEach((c, k) => {
    const plan = repartitionPlan(c.divisions, c.n, undefined, c.dtype);
    const divisions = plan.kind === 'by-divisions' ? plan.divisions : null;
    assert.deepEqual(divisions, expected[k].divisions, `case ${k}: divisions ${JSON.stringify(c.divisions)} → ${c.n}`);
    const out = repartitionPartitions(c.parts, c.divisions, c.n, undefined, c.dtype);
    assert.equal(out.length, expected[k].parts.length, `case ${k}: ${c.parts.length} → ${c.n}`);
    out.forEach((p, j) => assert.equal(frameDifference(wireFrame(p), expected[k].parts[j]), null, `case ${k} partition ${j}`));
  });
});
