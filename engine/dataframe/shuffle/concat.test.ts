import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameMeta, type Column, type DType, type Frame } from '../frame.js';
import { concatPartition, concatPlan, type ConcatInput } from './concat.js';
import { frameDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';

const CONCAT_SCRIPT = String.raw`
import dask, dask.dataframe as dd, warnings
from dask import delayed
warnings.simplefilter('ignore')
out = []
for case in INPUT:
    inputs = []
    for parts, known in case:
        frames = [build(p) for p in parts]
        if known:
            inputs.append(dd.from_pandas(frames[0], npartitions=1, sort=True))
        else:
            inputs.append(dd.from_delayed([delayed(f) for f in frames], meta=frames[0].iloc[:0], verify_meta=False))
    res = dd.concat(inputs)
    parts = dask.compute(*res.to_delayed(), scheduler='sync')
    out.append({'parts': [dump(p) for p in parts], 'divisions': dump_div(res.divisions), 'meta': [[n, str(t)] for n, t in res._meta.dtypes.items()]})
print(json.dumps(out))
`;

test('dd.concat: meta, casts, missing columns, partitions and divisions as Dask', () => {
  const random = randomSource(23);
  const dtypes: DType[] = ['int64', 'float64', 'bool', 'object'];
  const cases: Array<Array<[Frame[], boolean]>> = [];
  for (let k = 0; k < 30; k++) {
    const inputs: Array<[Frame[], boolean]> = [];
    let offset = 0;
    for (let c = 0; c < 2 + (k % 2); c++) {
      const known = k % 3 === 0;
      const names = ['a', 'b', 'c'].filter(() => random() < 0.7);
      if (names.length === 0) names.push('a');
      if (random() < 0.3) names.reverse();
      const types = names.map(() => dtypes[Math.floor(random() * 4)]);
      const partitions = known ? 1 : 1 + Math.floor(random() * 2);
      const parts = Array.from({ length: partitions }, () => {
        const length = 1 + Math.floor(random() * 4);
        const f = frameOf(names, types.map((d): Column => randomColumn(random, d, length)), offset);
        offset += length;
        return f;
      });
      inputs.push([parts, known]);
    }
    cases.push(inputs);
  }
  const expected = runPython(CONCAT_SCRIPT, cases.map((inputs) => inputs.map(([parts, known]) => [parts.map(wireFrame), known]))) as Array<{ parts: WireFrame[]; divisions: unknown[]; meta: Array<[string, string]> }>;
  cases.forEach((inputs, k) => {
    const described: ConcatInput[] = inputs.map(([parts, known]) => ({
      meta: frameMeta(parts[0]),
      npartitions: parts.length,
      divisions: known ? [parts[0].index.kind === 'range' ? parts[0].index.start : null, parts[0].index.kind === 'range' ? parts[0].index.start + parts[0].length - 1 : null] : new Array(parts.length + 1).fill(null),
    }));
    const plan = concatPlan(described);
    assert.deepEqual(plan.meta.columns.map((c) => [c.name, c.dtype]), expected[k].meta, `case ${k} meta`);
    assert.deepEqual(plan.divisions, expected[k].divisions, `case ${k} divisions`);
    assert.equal(plan.parts.length, expected[k].parts.length);
    plan.parts.forEach(({ input, partition }, j) => {
      const out = concatPartition(inputs[input][0][partition], plan, input);
      assert.equal(frameDifference(wireFrame(out), expected[k].parts[j]), null, `case ${k} partition ${j}: ${JSON.stringify(wireFrame(out))} vs ${JSON.stringify(expected[k].parts[j])}`);
    });
  });
});
