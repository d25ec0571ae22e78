import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerDifference, daskAnswer } from './df-answers.js';

// dask_run.py's JSON for a groupby.agg frame and a value_counts series (pandas' orient=split, as Dask prints them).
const AGG = {
  columns: [['src_bytes', 'sum'], ['src_bytes', 'mean'], ['duration', 'max']],
  index: ['tcp', 'udp', 'icmp'],
  data: [[1229530130, 6468.998132217926, 42448], [1911953, 93.93500049130392, 58329], [263272941, 928.3183510694565, 0]],
  dtypes: ['int64', 'float64', 'int64'],
};
const COUNTS = { name: 'label', index: ['smurf.', 'neptune.', 'normal.'], data: [280790, 107201, 97278], dtype: 'int64' };

test('a frame becomes rows of key and cells, a series rows of key and value, a number a count', () => {
  assert.deepEqual(daskAnswer(AGG), { kind: 'rows', rows: [['tcp', 1229530130, 6468.998132217926, 42448], ['udp', 1911953, 93.93500049130392, 58329], ['icmp', 263272941, 928.3183510694565, 0]] });
  assert.deepEqual(daskAnswer(COUNTS), { kind: 'rows', rows: [['smurf.', 280790], ['neptune.', 107201], ['normal.', 97278]] });
  assert.deepEqual(daskAnswer(494021), { kind: 'count', n: 494021 });
  assert.throws(() => daskAnswer('a string'), /no neutral form/);
});

test('rows compare as a set keyed by their first cell, as GROUP BY defines no order', () => {
  const dask = daskAnswer(AGG);
  const shuffled = { kind: 'rows' as const, rows: [...(dask.kind === 'rows' ? dask.rows : [])].reverse() };
  assert.equal(answerDifference(shuffled, dask), null);
});

test('a wrong cell, a missing row, an extra row or a repeated key is a difference', () => {
  const dask = daskAnswer(COUNTS);
  assert.match(answerDifference({ kind: 'rows', rows: [['smurf.', 280790], ['neptune.', 107201], ['normal.', 97279]] }, dask) ?? '', /normal/);
  assert.match(answerDifference({ kind: 'rows', rows: [['smurf.', 280790], ['neptune.', 107201]] }, dask) ?? '', /missing/);
  assert.match(answerDifference({ kind: 'rows', rows: [['smurf.', 280790], ['neptune.', 107201], ['normal.', 97278], ['spy.', 2]] }, dask) ?? '', /not in Dask/);
  assert.match(answerDifference({ kind: 'rows', rows: [['smurf.', 280790], ['smurf.', 280790], ['neptune.', 107201], ['normal.', 97278]] }, dask) ?? '', /more than one row/);
  assert.match(answerDifference({ kind: 'count', n: 3 }, dask) ?? '', /count against Dask's rows/);
});

test('numbers agree to 1e-9 relative, whatever their JSON kind; strings exactly', () => {
  const dask = daskAnswer(AGG);
  const mean = 6468.998132217926;
  const withMean = (m: number) => ({ kind: 'rows' as const, rows: [['tcp', 1229530130, m, 42448], ['udp', 1911953, 93.93500049130392, 58329], ['icmp', 263272941, 928.3183510694565, 0]] });
  assert.equal(answerDifference(withMean(mean * (1 + 1e-12)), dask), null);
  assert.notEqual(answerDifference(withMean(mean * (1 + 1e-7)), dask), null);
  assert.equal(answerDifference({ kind: 'count', n: 494021 }, daskAnswer(494021.0)), null);
  assert.notEqual(answerDifference({ kind: 'count', n: 494020 }, daskAnswer(494021)), null);
});

test('rows named in skipRows are left out, so an exact percentile is not held to an approximate one', () => {
  const dask = daskAnswer({ columns: ['src_bytes'], index: ['count', '25%'], data: [[494021.0], [217.0]], dtypes: ['float64'] });
  const exact = { kind: 'rows' as const, rows: [['count', 494021], ['25%', 45]] };
  assert.notEqual(answerDifference(exact, dask), null);
  assert.equal(answerDifference(exact, dask, ['25%']), null);
});
