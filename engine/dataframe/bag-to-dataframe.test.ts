import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bagPartitionToFrame, bagToDataFrameMeta } from './bag-to-dataframe.js';
import { PyException } from '../expr/py-exception.js';
import { PyDict, PyFloat, PyTuple } from '../values/py-types.js';
import { describeFrame, once, pythonLiteral, runPythonExpressions } from '../../test/support/pandas-frames.js';

const t = (...items: unknown[]): PyTuple => new PyTuple(items);

/** Bags as their partitions, with the `columns=` given to to_dataframe (null: none). */
const CASES: Array<{ what: string; partitions: unknown[][]; columns: string[] | null }> = [
  { what: 'tuples over three partitions', partitions: [[t(1, 'tcp', 0.5)], [t(2, 'udp', 1.5), t(3, 'icmp', 2)], [t(4, null, NaN)]], columns: ['n', 'protocol', 'x'] },
  { what: 'no columns given: 0, 1, ...', partitions: [[t(1, true)], [t(2, false)]], columns: null },
  { what: 'lists as rows', partitions: [[[1, 'a']], [[2, 'b'], [3, 'c']]], columns: ['n', 's'] },
  { what: 'dicts as rows, a key missing later', partitions: [[PyDict.fromPairs([['a', 1], ['b', 'x']])], [PyDict.fromPairs([['a', 2]])]], columns: null },
  { what: 'dicts with columns choosing keys', partitions: [[PyDict.fromPairs([['a', 1], ['b', 'x']])], [PyDict.fromPairs([['b', 'y'], ['a', 5]])]], columns: ['b', 'a'] },
  { what: 'scalars', partitions: [[5, 6], [7]], columns: null },
  { what: 'ints meeting None in a later partition cannot be cast to int64', partitions: [[t(1)], [t(2), t(null)]], columns: ['n'] },
  { what: 'floats in a later partition are truncated to the int64 metadata', partitions: [[t(1)], [t(2.7), t(-2.7)]], columns: ['n'] },
  { what: 'strings in a later partition fail to be ints', partitions: [[t(1)], [t('seven')]], columns: ['n'] },
  { what: 'digit strings become ints', partitions: [[t(1)], [t('7'), t(' 8 ')]], columns: ['n'] },
  { what: 'strings to float64', partitions: [[t(0.5)], [t('1.5'), t('nan'), t('1e3')]], columns: ['x'] },
  { what: 'a non-numeric string to float64 fails', partitions: [[t(0.5)], [t('x')]], columns: ['x'] },
  { what: 'None to float64 is NaN', partitions: [[t(0.5)], [t(null), t('2')]], columns: ['x'] },
  { what: 'ints to the bool metadata are truth values', partitions: [[t(true)], [t(0), t(3)]], columns: ['ok'] },
  { what: 'strings to bool are truth values', partitions: [[t(true)], [t(''), t('x'), t(null)]], columns: ['ok'] },
  { what: 'an object metadata keeps what each partition infers (ints with None become floats)', partitions: [[t(null)], [t(1), t(null)], [t('a'), t(2)]], columns: ['v'] },
  { what: 'float64 to object keeps integral floats as floats', partitions: [[t('s')], [t(1.0), t(2.5)], [t(new PyFloat(3))]], columns: ['v'] },
  { what: 'an empty later partition is an empty frame of the metadata', partitions: [[t(1, 'a')], []], columns: ['n', 's'] },
  { what: 'short rows are padded with None', partitions: [[t(1, 'a')], [t(2)]], columns: ['n', 's'] },
  { what: 'too many columns named', partitions: [[t(1, 'a')]], columns: ['n', 's', 'extra'] },
  { what: 'an empty first partition', partitions: [[], [t(1)]], columns: ['n'] },
];

type Outcome = { meta: { names: string[]; dtypes: string[] }; parts: unknown[] } | { error: string; message: string };

function weftOutcome(partitions: unknown[][], columns: string[] | null): Outcome {
  try {
    const meta = bagToDataFrameMeta(partitions[0], columns ?? undefined);
    const parts = partitions.map((p) => describeFrame(bagPartitionToFrame(p, meta)));
    const { names, dtypes } = describeFrame(bagPartitionToFrame([], meta));
    return { meta: { names, dtypes }, parts };
  } catch (e) {
    if (e instanceof PyException) return { error: e.pyType, message: e.pyMessage };
    throw e;
  }
}

const DASK = `
import dask
import dask.bag as db
dask.config.set(scheduler='sync')
def to_dataframe(partitions, columns):
    bag = db.Bag({('b', i): p for i, p in enumerate(partitions)}, 'b', len(partitions))
    ddf = bag.to_dataframe(columns=columns)
    meta = describe(ddf._meta)
    parts = dask.compute(*ddf.to_delayed(), scheduler='sync')
    return {'meta': {'names': meta['names'], 'dtypes': meta['dtypes']}, 'parts': [describe(p) for p in parts]}
`;

const reference = once(() =>
  runPythonExpressions(DASK, {
    cases: '[' + CASES.map((c) => `attempt(lambda: to_dataframe(${pythonLiteral(c.partitions)}, ${pythonLiteral(c.columns)}))`).join(', ') + ']',
  }),
);

for (const [i, c] of CASES.entries()) {
  test(`Bag.to_dataframe as Dask does it: ${c.what}`, () => {
    const expected = (reference().cases as Outcome[])[i];
    assert.deepEqual(weftOutcome(c.partitions, c.columns), expected);
  });
}
