import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Series } from './frame.js';
import { frameToBagPartition } from './frame-to-bag.js';
import { frameFromDict, objectColumn } from './frame-from-values.js';
import { fromPandasPartitions } from './from-pandas-partitions.js';
import { PyDict, PyFloat, PyTuple } from '../values/py-types.js';
import { pyRepr } from '../values/repr.js';
import { once, pandasLiteral, pythonLiteral, runPythonExpressions } from '../../test/support/pandas-frames.js';

const DATA = PyDict.fromPairs([
  ['n', [1, 2, 3, 4, 5]],
  ['x', [0.5, 2, null, -1, 1e-7]],
  ['ok', [true, false, true, true, false]],
  ['s', ['tcp', null, 'ünï', new PyFloat(2), new PyTuple([1, 'a'])]],
]);

const MULTI: Frame = {
  kind: 'frame',
  names: ['count'],
  columns: [{ dtype: 'int64', values: Float64Array.from([3, 1, 2]) }],
  index: { kind: 'labels', levels: [objectColumn(['tcp', null, 'udp']), { dtype: 'float64', values: Float64Array.from([1, 2.5, NaN]) }], names: ['protocol', 'x'] },
  length: 3,
};

const SERIES: Series = { kind: 'series', name: 'x', column: { dtype: 'float64', values: Float64Array.from([1, 2.5]) }, index: { kind: 'range', start: 3, step: 1, name: null }, length: 2 };

const DASK = `
import dask
import dask.dataframe as dd
from dask.dataframe.io.io import _df_to_bag
def to_bag(df, npartitions, index):
    bag = dd.from_pandas(df, npartitions=npartitions).to_bag(index=index)
    return {'npartitions': bag.npartitions, 'parts': [[repr(x) for x in p] for p in dask.compute(*bag.to_delayed(), scheduler='sync')]}
`;

const CASES: Array<[number, boolean]> = [
  [1, false],
  [2, true],
  [3, false],
  [5, true],
];

const reference = once(() =>
  runPythonExpressions(DASK, {
    frames: '[' + CASES.map(([k, index]) => `to_bag(pd.DataFrame(${pythonLiteral(DATA)}), ${k}, ${pythonLiteral(index)})`).join(', ') + ']',
    multi: `[[repr(x) for x in _df_to_bag(${pandasLiteral(MULTI)}, index)] for index in [False, True]]`,
    series: `[[repr(x) for x in _df_to_bag(${pandasLiteral(SERIES)}, index)] for index in [False, True]]`,
  }),
);

test("DataFrame.to_bag gives Dask's tuples partition by partition, the index first with index=True, as Python scalars", () => {
  const expected = reference().frames as unknown[];
  CASES.forEach(([npartitions, index], i) => {
    const { partitions } = fromPandasPartitions(frameFromDict(DATA), { npartitions });
    const parts = partitions.map((p) => frameToBagPartition(p, index).map((x) => pyRepr(x)));
    assert.deepEqual({ npartitions: parts.length, parts }, expected[i], `${npartitions} partitions, index=${index}`);
  });
});

test('a MultiIndex label is a tuple, and a missing label is nan whatever its level', () => {
  const expected = reference().multi as string[][];
  assert.deepEqual(
    [false, true].map((index) => frameToBagPartition(MULTI, index).map((x) => pyRepr(x))),
    expected,
  );
});

test('a Series gives its values, or (label, value) pairs with index=True', () => {
  const expected = reference().series as string[][];
  assert.deepEqual(
    [false, true].map((index) => frameToBagPartition(SERIES, index).map((x) => pyRepr(x))),
    expected,
  );
});
