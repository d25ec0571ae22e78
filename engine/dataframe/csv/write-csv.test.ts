import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column, Frame, Index, Label } from '../frame.js';
import { objectColumn } from '../frame-from-values.js';
import { frameToCsv } from './write-csv.js';
import { once, pandasLiteral, runPythonExpressions } from '../../../test/support/pandas-frames.js';

/** Frames of every dtype and awkward value, written by Weft and by pandas 1.5.3's `to_csv`, text for text. */

const floats = (...v: number[]): Column => ({ dtype: 'float64', values: new Float64Array(v) });
const ints = (...v: number[]): Column => ({ dtype: 'int64', values: new Float64Array(v) });
const bools = (...v: number[]): Column => ({ dtype: 'bool', values: new Uint8Array(v) });
const range = (start = 0, name: Label | null = null): Index => ({ kind: 'range', start, step: 1, name });

function frame(names: Label[], columns: Column[], index: Index = range()): Frame {
  const length = columns.length ? (columns[0].dtype === 'object' ? columns[0].codes.length : columns[0].values.length) : 0;
  return { kind: 'frame', names, columns, index, length };
}

const CASES: Record<string, Frame> = {
  floats: frame(['x', 'y'], [floats(0.1, 1, 1e-5, 1e16, 123456789.125), floats(NaN, -0, Infinity, -Infinity, 2.5e-300)]),
  intsAndBools: frame(['n', 7], [ints(0, -3, 9007199254740991, 42, 5), bools(1, 0, 0, 1, 1)], range(10, 'row')),
  objects: frame(['s'], [objectColumn(['plain', 'a,b', 'say "hi"', 'two\nlines', null, NaN, '', 1, 2.5, true])]),
  oneEmptyField: frame(['s'], [objectColumn(['', 'x'])]),
  labelsIndex: frame(['v'], [ints(1, 2, 3)], { kind: 'labels', levels: [objectColumn(['a', null, 'c'])], names: ['key'] }),
  multiIndex: frame(['v'], [floats(1.5, NaN)], { kind: 'labels', levels: [ints(1, 2), objectColumn(['p', 'q,r'])], names: [null, 'second'] }),
  empty: frame(['a', 'b'], [ints(), objectColumn([])]),
};

const OPTIONS = [
  { index: true, header: true },
  { index: false, header: true },
  { index: true, header: false },
];

const pandas = once(() => {
  const expressions: Record<string, string> = {};
  for (const [name, f] of Object.entries(CASES)) {
    OPTIONS.forEach((o, i) => {
      expressions[`${name}-${i}`] = `(${pandasLiteral(f)}).to_csv(index=${o.index ? 'True' : 'False'}, header=${o.header ? 'True' : 'False'})`;
    });
  }
  return runPythonExpressions('', expressions) as Record<string, string>;
});

for (const [name, f] of Object.entries(CASES)) {
  test(`to_csv text: ${name}`, () => {
    OPTIONS.forEach((o, i) => assert.equal(frameToCsv(f, o), pandas()[`${name}-${i}`], `${name} with ${JSON.stringify(o)}`));
  });
}
