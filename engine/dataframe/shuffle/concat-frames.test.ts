import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, DType, Frame } from '../frame.js';
import { concatFrames } from './concat-frames.js';
import { frameDifference, runPython, wireFrame, type WireFrame } from './pandas-bridge.js';
import { frameOf, randomColumn, randomSource } from '../random-frames.test-support.js';
import { objectColumn } from '../frame-from-values.js';

const CONCAT_SCRIPT = String.raw`
import warnings
warnings.simplefilter('ignore')
print(json.dumps([dump(pd.concat([build(f) for f in case])) for case in INPUT]))
`;

function allMissing(dtype: DType, length: number, withNone: boolean): Column {
  if (dtype === 'float64') return { dtype, values: new Float64Array(length).fill(NaN) };
  return objectColumn(Array.from({ length }, () => (withNone ? null : NaN)));
}

test('pd.concat of frames: column union, order-dependent dtypes, missing pieces and the index, as pandas 1.5', () => {
  const random = randomSource(5);
  const dtypes: DType[] = ['int64', 'float64', 'bool', 'object'];
  const cases: Frame[][] = [];
  // Every ordered pair and triple of dtypes for one column, some frames lacking it, some empty.
  for (let k = 0; k < 120; k++) {
    const count = 2 + (k % 2);
    const frames: Frame[] = [];
    for (let f = 0; f < count; f++) {
      const length = random() < 0.2 ? 0 : 1 + Math.floor(random() * 4);
      const r = random();
      const names: string[] = [];
      const columns: Column[] = [];
      if (r < 0.1) {
        names.push('a');
        columns.push(allMissing(random() < 0.5 ? 'float64' : 'object', length, random() < 0.5));
      } else if (r < 0.85) {
        names.push('a');
        columns.push(randomColumn(random, dtypes[Math.floor(random() * 4)], length));
      }
      names.push('b');
      columns.push(randomColumn(random, 'int64', length));
      const start = random() < 0.5 ? 0 : frames.reduce((n, fr) => n + fr.length, 0);
      frames.push(frameOf(names, columns, start));
    }
    cases.push(frames);
  }
  const expected = runPython(CONCAT_SCRIPT, cases.map((frames) => frames.map(wireFrame))) as WireFrame[];
  cases.forEach((frames, k) => {
    const difference = frameDifference(wireFrame(concatFrames(frames)), expected[k]);
    assert.equal(difference, null, `case ${k}: ${JSON.stringify(frames.map(wireFrame))}`);
  });
});
