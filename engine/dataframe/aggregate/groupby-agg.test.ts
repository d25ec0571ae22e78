import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameMeta } from '../frame.js';
import { assertSameAsDask, runDask } from '../../../test/support/dask-frames.js';
import { frameOf, randomPartitions } from '../random-frames.test-support.js';
import { hasDask } from '../../../test/support/environment.js';
import { objectColumn } from '../frame-from-values.js';
import { groupbyAgg } from './groupby-agg.js';
import { groupbySize, groupbySizeMeta } from './groupby-size.js';
import type { AggArg } from './groupby-spec.js';
import { AGG_NAMES, NOT_FOR_OBJECT, planGroupbyAgg } from './groupby-spec.js';
import { dataframeTreeShape, runTree } from './tree.js';

const py = (v: unknown): string => (v === null || v === undefined ? 'None' : v === true ? 'True' : v === false ? 'False' : JSON.stringify(v));

test('groupby.agg equals Dask: names, lists, dicts, several keys, sort and dropna, split_every', { skip: !hasDask() }, () => {
  const parts = randomPartitions(11, [30, 0, 21, 45, 8, 16, 27]);
  const meta = frameMeta(parts[0]);
  const cases: Array<{ by: string | string[]; arg: AggArg; sort?: boolean | null; dropna?: boolean; every?: number }> = [
    { by: 'k', arg: 'sum' },
    { by: 'k', arg: 'count', dropna: false },
    { by: 'k', arg: ['min', 'max', 'first', 'last'], sort: true },
    { by: 'g', arg: { f: ['mean', 'var', 'std'], i: ['sum', 'mean', 'var'], t: 'sum' }, every: 2 },
    { by: ['k', 'g'], arg: { f: 'std', i: 'count', t: ['min', 'size'] }, dropna: false, every: 3 },
    { by: ['g', 'k'], arg: { i: 'var', f: 'sum' }, sort: true, dropna: false, every: 2 },
    { by: 't', arg: { k: ['count', 'first'], f: 'max' }, sort: false },
    { by: 'f', arg: { i: 'sum' }, sort: true, dropna: false },
  ];
  const exprs = cases.map(({ by, arg, sort, dropna, every }) => {
    const extra = `${sort === undefined ? '' : `, sort=${py(sort)}`}${dropna === undefined ? '' : `, dropna=${py(dropna)}`}`;
    return `df.groupby(${py(by)}${extra}).agg(${JSON.stringify(arg)}${every ? `, split_every=${every}` : ''})`;
  });
  const dask = runDask(parts, exprs);
  cases.forEach((c, i) => {
    const kernel = groupbyAgg(planGroupbyAgg(meta, c.by, c.arg), { sort: c.sort, dropna: c.dropna });
    assertSameAsDask(runTree(kernel, parts, dataframeTreeShape(parts.length, c.every)), dask[i], exprs[i]);
  });
});

test('a dict given as entries keeps its order, integer-like column names included', { skip: !hasDask() }, () => {
  const parts = randomPartitions(8, [20, 13]).map((p) => ({ ...p, names: p.names.map((n) => (n === 'i' ? '10' : n)) }));
  const [dask] = runDask(parts, ["df.groupby('k').agg({'f': 'sum', '10': ['mean', 'max']})"]);
  const plan = planGroupbyAgg(frameMeta(parts[0]), 'k', { entries: [['f', 'sum'], ['10', ['mean', 'max']]] });
  assertSameAsDask(runTree(groupbyAgg(plan), parts, dataframeTreeShape(2)), dask, 'entries');
});

test('groupby.size equals Dask: sorted chunks, first appearance across them, sort=True and NaN keys', { skip: !hasDask() }, () => {
  const parts = randomPartitions(5, [12, 30, 0, 9, 40]);
  const cases: Array<{ by: string | string[]; sort?: boolean; dropna?: boolean; every?: number }> = [
    { by: 'k' },
    { by: ['g', 'k'], dropna: false, every: 2 },
    { by: ['k', 't'], sort: true, dropna: false },
    { by: 'i', every: 2 },
  ];
  const exprs = cases.map(({ by, sort, dropna, every }) => `df.groupby(${py(by)}${sort === undefined ? '' : `, sort=${py(sort)}`}${dropna === undefined ? '' : `, dropna=${py(dropna)}`}).size(${every ? `split_every=${every}` : ''})`);
  const dask = runDask(parts, exprs);
  cases.forEach((c, i) => assertSameAsDask(runTree(groupbySize(c.by, c), parts, dataframeTreeShape(parts.length, c.every)), dask[i], exprs[i]));
  assert.throws(() => groupbySizeMeta(frameMeta(parts[0]), 'nope'), /KeyError: 'nope'/);
});

test('int64 sums of squares wrap as numpy does, so var of large ints matches Dask', { skip: !hasDask() }, () => {
  const big = Float64Array.from({ length: 50 }, (_, i) => 693375640 - i * 7919 * (i % 3));
  const parts = [0, 1].map((p) => frameOf(['k', 'x'], [objectColumn(Array.from({ length: 25 }, (_, i) => (i % 2 ? 'a' : 'b'))), { dtype: 'int64', values: big.slice(p * 25, p * 25 + 25) }]));
  const [dask] = runDask(parts, ["df.groupby('k').agg({'x': ['var', 'std', 'sum', 'mean']})"]);
  const kernel = groupbyAgg(planGroupbyAgg(frameMeta(parts[0]), 'k', { x: ['var', 'std', 'sum', 'mean'] }));
  assertSameAsDask(runTree(kernel, parts, dataframeTreeShape(2)), dask, 'large ints');
});

test("plan errors are Dask's: a missing key or column, an unknown or conflicting aggregation, mean of strings", { skip: !hasDask() }, () => {
  const parts = randomPartitions(3, [5]);
  const meta = frameMeta(parts[0]);
  const attempts: Array<[string, () => unknown]> = [
    ["df.groupby('nope').agg('sum')", () => planGroupbyAgg(meta, 'nope', 'sum')],
    ["df.groupby('g').agg('nunique')", () => planGroupbyAgg(meta, 'g', 'nunique')],
    ["df.groupby('g').agg({'zz': 'sum'})", () => planGroupbyAgg(meta, 'g', { zz: 'sum' })],
    ["df.groupby('g').agg({'i': ['sum', 'sum']})", () => planGroupbyAgg(meta, 'g', { i: ['sum', 'sum'] })],
    ["df.groupby('g').agg('mean')", () => planGroupbyAgg(meta, 'g', 'mean')],
    ["df.groupby('g').agg({'k': 'var'})", () => planGroupbyAgg(meta, 'g', { k: 'var' })],
    ['df.groupby([]).agg(\'sum\')', () => planGroupbyAgg(meta, [], 'sum')],
    ["df.groupby([]).agg({'i': 'max'})", () => planGroupbyAgg(meta, [], { i: 'max' })],
    ['df.groupby([]).size()', () => groupbySizeMeta(meta, [])],
  ];
  const dask = runDask(parts, attempts.map(([e]) => e));
  attempts.forEach(([expr, plan], i) => {
    const d = dask[i];
    assert.equal(d.kind, 'error', expr);
    if (d.kind !== 'error') return;
    const firstLine = d.message.split('\n')[0].trim();
    assert.throws(plan, (e: Error) => e.message === `${d.type}: ${firstLine}`, `${expr}: Dask says ${d.type}: ${firstLine}`);
  });
});

test('the aggregations an editor withholds from an object column are exactly those the plan refuses for one', () => {
  const meta = frameMeta(randomPartitions(3, [5])[0]);
  assert.equal(meta.columns.find((c) => c.name === 'k')?.dtype, 'object');
  for (const func of AGG_NAMES) {
    const isRefused = (() => {
      try {
        planGroupbyAgg(meta, 'g', { k: func });
        return false;
      } catch {
        return true;
      }
    })();
    assert.equal(isRefused, NOT_FOR_OBJECT.includes(func), func);
  }
});

test('min of an object column holding None fails at compute time in both', { skip: !hasDask() }, () => {
  const parts = randomPartitions(12, [30, 0, 21, 45]);
  const [dask] = runDask(parts, ["df.groupby('g').agg({'k': 'min'})"]);
  assert.equal(dask.kind, 'error');
  const kernel = groupbyAgg(planGroupbyAgg(frameMeta(parts[0]), 'g', { k: 'min' }));
  assert.throws(() => runTree(kernel, parts, dataframeTreeShape(4)), /TypeError: '<=' not supported/);
});
