import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from './frame.js';
import { frameFromDict, frameFromRows, objectColumn } from './frame-from-values.js';
import { fromDictPartitions, fromPandasPartitions } from './from-pandas-partitions.js';
import { PyDict, PyFloat, PyTuple } from '../values/py-types.js';
import { pyRepr } from '../values/repr.js';
import { describeFrame, once, pandasLiteral, pythonLiteral, runPythonExpressions } from '../../test/support/pandas-frames.js';
import { PyException } from '../expr/py-exception.js';

const COLUMNS: unknown[][] = [
  [1, 2, 3],
  [1, null, 3],
  [1.5, null],
  [1, 2.5],
  [NaN],
  [NaN, 1],
  [new PyFloat(2), 3],
  [true, false],
  [true, null],
  [true, 1],
  [1, true],
  [1.5, true],
  [true, NaN],
  ['a', null],
  ['a', NaN],
  [1, 'a'],
  [null, null],
  [],
  [new PyTuple([1, 2]), new PyTuple([3, 4])],
  [[1], [2]],
  ['ünï', '🧵', ''],
];

const DICTS = COLUMNS.map((values) => PyDict.fromPairs([['c', values]]));
const UNEQUAL = PyDict.fromPairs([
  ['a', [1, 2]],
  ['b', [1]],
]);

test("a dict of lists makes pandas' dtypes and values: ints, floats, None, bools, strings and mixes", () => {
  const expected = reference().inference as unknown[];
  DICTS.forEach((d, i) => assert.deepEqual(describeFrame(frameFromDict(d)), expected[i], pythonLiteral(d)));
});

test('lists of unequal length fail as pandas fails', () => {
  const expected = reference().unequal as { error: string; message: string };
  assert.throws(
    () => frameFromDict(UNEQUAL),
    (e: unknown) => e instanceof PyException && e.pyType === expected.error && e.pyMessage === expected.message,
  );
});

const ROWS: Array<[unknown[], unknown[] | null]> = [
  [[new PyTuple([1, 'a', null]), new PyTuple([2, null, 3])], null],
  [[new PyTuple([1, 2]), new PyTuple([3])], ['a', 'b']],
  [[[1.5, true], [2, false]], ['x', 'y']],
  [[PyDict.fromPairs([['a', 1]]), PyDict.fromPairs([['b', 2.5]])], null],
  [[PyDict.fromPairs([['a', 1]]), PyDict.fromPairs([['b', 2.5]])], ['b', 'a', 'c']],
  [[5, 6], null],
  [['ab', 'cd'], null],
  [[], ['a', 'b']],
];

test("rows make pandas' frames: tuples, lists, short rows, dicts with missing keys, scalars", () => {
  const expected = reference().rows as unknown[];
  ROWS.forEach(([rows, cols], i) => assert.deepEqual(describeFrame(frameFromRows(rows, (cols ?? undefined) as string[] | undefined)), expected[i], `case ${i}`));
});

interface DaskPartitions {
  npartitions: number;
  divisions: string[];
  parts: unknown[];
}

function describePartitions(frame: Frame, npartitions: number, sort = true): DaskPartitions {
  const { partitions, divisions } = fromPandasPartitions(frame, { npartitions, sort });
  return { npartitions: partitions.length, divisions: divisions.map((d) => pyRepr(d)), parts: partitions.map(describeFrame) };
}

const DASK_PARTITIONS = `
import dask
import dask.dataframe as dd
def partitions(ddf):
    parts = dask.compute(*ddf.to_delayed(), scheduler='sync')
    return {'npartitions': ddf.npartitions, 'divisions': [repr(d) for d in ddf.divisions], 'parts': [describe(p) for p in parts]}
`;

const FROM_DICT: Array<[number, number]> = [];
for (const length of [0, 1, 2, 5, 10, 11, 97]) for (const npartitions of [1, 2, 3, 4, 7, 12]) FROM_DICT.push([length, npartitions]);
const dictOf = (length: number): PyDict =>
  PyDict.fromPairs([
    ['n', Array.from({ length }, (_, i) => i * 3)],
    ['x', Array.from({ length }, (_, i) => (i % 4 === 0 ? null : i / 2))],
    ['s', Array.from({ length }, (_, i) => ['tcp', 'udp', null][i % 3])],
    ['ok', Array.from({ length }, (_, i) => i % 2 === 0)],
  ]);

test("dd.from_dict cuts as Dask does: npartitions, divisions, dtypes and each partition's rows", () => {
  const expected = reference().fromDict as DaskPartitions[];
  FROM_DICT.forEach(([n, k], i) => {
    const { partitions, divisions } = fromDictPartitions(dictOf(n), k);
    const actual = { npartitions: partitions.length, divisions: divisions.map((d) => pyRepr(d)), parts: partitions.map(describeFrame) };
    assert.deepEqual(actual, expected[i], `${n} rows in ${k} partitions`);
  });
});

const keyed = (keys: Array<number | string>): Frame => ({
  kind: 'frame',
  names: ['v'],
  columns: [{ dtype: 'int64', values: Float64Array.from(keys, (_, i) => i) }],
  index: { kind: 'labels', levels: [typeof keys[0] === 'string' ? objectColumn(keys) : { dtype: 'int64', values: Float64Array.from(keys as number[]) }], names: ['k'] },
  length: keys.length,
});
const FROM_PANDAS: Array<[Frame, number, boolean]> = [
  [keyed([1, 1, 1, 1, 2, 3, 3, 4, 5, 5, 5, 5, 5, 6]), 4, true],
  [keyed([1, 1, 1, 1, 2, 3, 3, 4, 5, 5, 5, 5, 5, 6]), 10, true],
  [keyed([0, 0, 0, 0, 0, 0, 0, 0, 1]), 3, true],
  [keyed([1, 2, 2, 3]), 4, true],
  [keyed([5, 3, 9, 1, 7, 2]), 3, true],
  [keyed(['b', 'a', 'd', 'c', 'e']), 2, true],
  [keyed(['a', 'a', 'b', 'c', 'c', 'c', 'd']), 3, true],
  [keyed([5, 3, 9, 1, 7, 2, 8]), 3, false],
  [keyed([5, 3, 9, 1, 7, 2, 8]), 6, false],
];

test('from_pandas cuts a sorted index with duplicates where Dask does, sorts an unsorted one, and cuts evenly without sort', () => {
  const expected = reference().fromPandas as DaskPartitions[];
  FROM_PANDAS.forEach(([f, k, s], i) => assert.deepEqual(describePartitions(f, k, s), expected[i], `case ${i}`));
});

const MULTI: Frame = {
  kind: 'frame',
  names: ['v'],
  columns: [{ dtype: 'int64', values: Float64Array.from([1, 2]) }],
  index: { kind: 'labels', levels: [objectColumn(['a', 'b']), objectColumn(['c', 'd'])], names: [null, null] },
  length: 2,
};
const NULLS: Frame = { ...MULTI, index: { kind: 'labels', levels: [objectColumn(['a', null])], names: [null] } };

test('from_pandas refuses a MultiIndex and a non-numeric index with nulls, with Dask’s messages', () => {
  const expected = reference().refused as Array<{ error: string; message: string }>;
  [MULTI, NULLS].forEach((f, i) =>
    assert.throws(
      () => fromPandasPartitions(f, { npartitions: 1 }),
      (e: unknown) => e instanceof PyException && e.pyType === expected[i].error && e.pyMessage === expected[i].message,
    ),
  );
});

const list = (items: string[]): string => '[' + items.join(', ') + ']';

/** Every expectation of this file, from one Python process. */
const reference = once(() =>
  runPythonExpressions(DASK_PARTITIONS, {
    inference: `[describe(pd.DataFrame(d)) for d in ${list(DICTS.map(pythonLiteral))}]`,
    unequal: `attempt(lambda: pd.DataFrame(${pythonLiteral(UNEQUAL)}))`,
    rows: `[describe(pd.DataFrame(rows, columns=cols)) for rows, cols in ${list(ROWS.map(([rows, cols]) => `(${pythonLiteral(rows)}, ${pythonLiteral(cols)})`))}]`,
    fromDict: `[partitions(dd.from_dict(d, npartitions=k)) for d, k in ${list(FROM_DICT.map(([n, k]) => `(${pythonLiteral(dictOf(n))}, ${k})`))}]`,
    fromPandas: `[partitions(dd.from_pandas(df, npartitions=k, sort=s)) for df, k, s in ${list(FROM_PANDAS.map(([f, k, s]) => `(${pandasLiteral(f)}, ${k}, ${pythonLiteral(s)})`))}]`,
    refused: `[attempt(lambda: dd.from_pandas(df, npartitions=1)) for df in [${pandasLiteral(MULTI)}, ${pandasLiteral(NULLS)}]]`,
  }),
);
