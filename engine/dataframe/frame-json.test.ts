import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Series } from './frame.js';
import { frameToJson } from './frame-json.js';
import { objectColumn } from './frame-from-values.js';
import { toJsonText } from '../values/json.js';
import { parseJsonKeepingFloats } from '../../test/support/compare-json.js';
import { PANDAS_PRELUDE, pandasLiteral, runPythonJson } from '../../test/support/pandas-frames.js';

const range = { kind: 'range' as const, start: 0, step: 1, name: null };

// Floats with few digits, so pandas' 10-digit rounding in to_json cannot hide a difference.
const frames: Array<Frame | Series> = [
  {
    kind: 'frame',
    names: ['n', 'x', 'ok', 'text'],
    columns: [
      { dtype: 'int64', values: Float64Array.from([1, -2, 0]) },
      { dtype: 'float64', values: Float64Array.from([1, NaN, 2.5]) },
      { dtype: 'bool', values: Uint8Array.from([1, 0, 1]) },
      objectColumn(['naïve', null, NaN]),
    ],
    index: range,
    length: 3,
  },
  {
    kind: 'frame',
    names: ['count'],
    columns: [{ dtype: 'float64', values: Float64Array.from([3, 0.25]) }],
    index: { kind: 'labels', levels: [objectColumn(['tcp', 'udp']), { dtype: 'int64', values: Float64Array.from([80, 53]) }], names: ['protocol', 'port'] },
    length: 2,
  },
  { kind: 'frame', names: ['a'], columns: [{ dtype: 'int64', values: new Float64Array(0) }], index: range, length: 0 },
  { kind: 'series', name: 'x', column: { dtype: 'float64', values: Float64Array.from([1, 2, NaN]) }, index: { kind: 'range', start: 5, step: 2, name: null }, length: 3 },
  { kind: 'series', name: null, column: objectColumn(['a', 'b']), index: { kind: 'labels', levels: [{ dtype: 'float64', values: Float64Array.from([0.5, 1]) }], names: [null] }, length: 2 },
];

test("the JSON of a frame is pandas' to_json(orient='split') with the dtypes added, ints as ints and floats as floats", () => {
  const script =
    PANDAS_PRELUDE +
    `\nvalues = [\n${frames.map((f) => '    ' + pandasLiteral(f)).join(',\n')}\n]\n` +
    `out = []\nfor v in values:\n    d = json.loads(v.to_json(orient='split'))\n` +
    `    if isinstance(v, pd.DataFrame):\n        d['dtypes'] = [str(t) for t in v.dtypes]\n    else:\n        d['dtype'] = str(v.dtype)\n` +
    `    out.append(v.to_json(orient='split')[:-1] + ', ' + json.dumps({k: d[k] for k in ('dtypes', 'dtype') if k in d})[1:])\n` +
    `print(json.dumps(out))\n`;
  const expected = runPythonJson(script) as string[];
  frames.forEach((frame, i) => {
    assert.deepEqual(parseJsonKeepingFloats(toJsonText(frameToJson(frame))), parseJsonKeepingFloats(expected[i]), `frame ${i}`);
  });
});

test('every float keeps its digits, where pandas would round to 10', () => {
  const frame: Frame = { kind: 'frame', names: ['x'], columns: [{ dtype: 'float64', values: Float64Array.from([1 / 3, 1e-20]) }], index: range, length: 2 };
  assert.equal(toJsonText(frameToJson(frame)), '{"columns": ["x"], "index": [0, 1], "data": [[0.3333333333333333], [1e-20]], "dtypes": ["float64"]}');
});
