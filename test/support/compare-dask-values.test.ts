import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertDaskEqual, firstDifference } from './compare-dask-values.js';
import { parseJsonKeepingFloats } from './compare-json.js';

const frame = (text: string) => parseJsonKeepingFloats(text);

test('frames agree when floats are within 1e-12 relative, and differ on kinds, labels and shape', () => {
  const dask = frame('{"columns": ["a", ["b", "sum"]], "index": [0, null], "data": [[1, 0.1], [2, null]], "dtypes": ["int64", "float64"]}');
  assert.equal(firstDifference(frame('{"columns": ["a", ["b", "sum"]], "index": [0, null], "data": [[1, 0.10000000000000002], [2, null]], "dtypes": ["int64", "float64"]}'), dask), null);
  assert.match(firstDifference(frame('{"columns": ["a", ["b", "sum"]], "index": [0, null], "data": [[1, 0.1000001], [2, null]], "dtypes": ["int64", "float64"]}'), dask)!, /^\$\.data\[0\]\[1\]: 0\.1000001 vs 0\.1$/);
  assert.match(firstDifference(frame('{"columns": ["a", ["b", "sum"]], "index": [0, null], "data": [[1.0, 0.1], [2, null]], "dtypes": ["int64", "float64"]}'), dask)!, /\$\.data\[0\]\[0\].*a float and a non-float/);
  assert.match(firstDifference(frame('{"columns": ["a", ["b", "sum"]], "index": [0, 1], "data": [[1, 0.1], [2, null]], "dtypes": ["int64", "float64"]}'), dask)!, /^\$\.index\[1\]: 1 vs null$/);
  assert.match(firstDifference(frame('{"columns": ["a", ["b", "sum"]], "index": [0], "data": [[1, 0.1]], "dtypes": ["int64", "float64"]}'), dask)!, /^\$\.data: length 1 vs 2$/);
  assert.match(firstDifference(frame('{"columns": ["a", ["b", "sum"]], "index": [0, null], "data": [[1, 0.1], [2, null]]}'), dask)!, /^\$\.dtypes: missing$/);
});

test('assertDaskEqual names the first difference', () => {
  assert.doesNotThrow(() => assertDaskEqual(frame('{"name": "x", "data": [2.0]}'), frame('{"name": "x", "data": [2.0]}'), 'series'));
  assert.throws(() => assertDaskEqual(frame('{"name": "x", "data": [2.0]}'), frame('{"name": "y", "data": [2.0]}'), 'series'), /^Error: series: \$\.name: "x" vs "y"$/);
});
