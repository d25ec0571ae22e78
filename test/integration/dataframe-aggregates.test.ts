/**
 * The aggregation ops end to end against real Dask: one pipeline of read_csv over small generated CSV files (several
 * partitions, and enough of them for combine levels) and over the KDD file, feeding every reduction, value count,
 * nlargest, describe, quantile and groupby op; run on Weft's sync and threads executors, and the same expressions
 * run by dask.dataframe in the same test. Values are compared with their Python types (an int, a float even when
 * integral), dtypes, index labels and names, order, and npartitions; floats to 1e-12 relative.
 */
import assert from 'node:assert/strict';
import { KDD_COLUMNS } from '../support/kdd-columns.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runPipeline, WeftError, type PipelineFile } from '../../engine/index.js';
import type { RunResult } from '../../engine/run/session.js';
import type { Index } from '../../engine/dataframe/frame.js';
import { isFrameValue } from '../../engine/dataframe/frame-codec.js';
import { frameToJson } from '../../engine/dataframe/frame-json.js';
import { PyFloat, PyTuple } from '../../engine/values/py-types.js';
import { KDD_FILE, PYTHON, hasDask, hasKddFile } from '../support/environment.js';

/** One output: a node on Weft and the Python expression Dask evaluates for it. */
interface Case {
  id: string;
  op: string;
  input: string;
  params?: Record<string, unknown>;
  py: string;
}

/** Inputs every case reads: CSV files through read_csv, and single columns of them. */
const SOURCES = {
  df: { file: 'mixed.csv', blocksize: 700 },
  big: { file: 'big.csv', blocksize: 600 },
  small: { file: 'small.csv', blocksize: 25 },
};
const COLUMNS: Array<[id: string, frame: string, key: string]> = [
  ['x', 'df', 'x'], ['n', 'df', 'n'], ['grp', 'df', 'grp'], ['word', 'df', 'word'], ['flag', 'df', 'flag'], ['bx', 'big', 'x'], ['bk', 'big', 'k'], ['label', 'kdd', 'label'],
];
const KDD_NUMERIC = ['duration', 'src_bytes', 'dst_bytes', 'count', 'serror_rate'];

const CASES: Case[] = [
  ...['sum', 'mean', 'count', 'min', 'max', 'std', 'var'].flatMap((how): Case[] => [
    { id: `df-${how}`, op: `dataframe.${how}`, input: 'df', py: `df.${how}()` },
    { id: `big-${how}`, op: `dataframe.${how}`, input: 'big', py: `big.${how}()` },
    { id: `x-${how}`, op: `series.${how}`, input: 'x', py: `x.${how}()` },
    { id: `n-${how}`, op: `series.${how}`, input: 'n', py: `n.${how}()` },
    { id: `bx-${how}`, op: `series.${how}`, input: 'bx', py: `bx.${how}()` },
  ]),
  { id: 'big-sum-2', op: 'dataframe.sum', input: 'big', params: { split_every: 2 }, py: 'big.sum(split_every=2)' },
  { id: 'big-mean-3', op: 'dataframe.mean', input: 'big', params: { split_every: 3 }, py: 'big.mean(split_every=3)' },
  { id: 'big-var-0', op: 'dataframe.var', input: 'big', params: { ddof: 0 }, py: 'big.var(ddof=0)' },
  { id: 'big-std-2', op: 'dataframe.std', input: 'big', params: { split_every: 2 }, py: 'big.std(split_every=2)' },
  { id: 'bx-var-3', op: 'series.var', input: 'bx', params: { split_every: 3, ddof: 2 }, py: 'bx.var(split_every=3, ddof=2)' },
  ...['min', 'max', 'var', 'mean', 'describe'].map((how): Case => ({ id: `small-${how}`, op: `dataframe.${how}`, input: 'small', py: `small.${how}()` })),
  { id: 'small-g-na', op: 'dataframe.groupby.agg', input: 'small', params: { by: 's', dropna: false, arg: { a: 'sum', b: ['min', 'count'] } }, py: "small.groupby('s', dropna=False).agg({'a': 'sum', 'b': ['min', 'count']})" },
  ...['sum', 'mean', 'min', 'max'].flatMap((how): Case[] => [
    { id: `df-${how}-nan`, op: `dataframe.${how}`, input: 'df', params: { skipna: false }, py: `df.${how}(skipna=False)` },
    { id: `x-${how}-nan`, op: `series.${how}`, input: 'x', params: { skipna: false }, py: `x.${how}(skipna=False)` },
    // per-partition rows of mixed dtypes meet as object columns, where NaN propagates by Python's rules
    { id: `small-${how}-nan`, op: `dataframe.${how}`, input: 'small', params: { skipna: false }, py: `small.${how}(skipna=False)` },
  ]),
  { id: 'word-max', op: 'series.max', input: 'word', py: 'word.max()' },
  { id: 'word-count', op: 'series.count', input: 'word', py: 'word.count()' },
  { id: 'grp-vc', op: 'series.value_counts', input: 'grp', py: 'grp.value_counts()' },
  { id: 'grp-vc-opts', op: 'series.value_counts', input: 'grp', params: { ascending: true, dropna: false, normalize: true }, py: 'grp.value_counts(ascending=True, dropna=False, normalize=True)' },
  { id: 'grp-vc-unsorted', op: 'series.value_counts', input: 'grp', params: { sort: false }, py: 'grp.value_counts(sort=False)' },
  { id: 'bk-vc-2', op: 'series.value_counts', input: 'bk', params: { split_every: 2 }, py: 'bk.value_counts(split_every=2)' },
  { id: 'n-vc', op: 'series.value_counts', input: 'n', py: 'n.value_counts()' },
  { id: 'grp-unique', op: 'series.unique', input: 'grp', py: 'grp.unique()' },
  { id: 'bk-unique-3', op: 'series.unique', input: 'bk', params: { split_every: 3 }, py: 'bk.unique(split_every=3)' },
  { id: 'grp-nunique', op: 'series.nunique', input: 'grp', py: 'grp.nunique()' },
  { id: 'grp-nunique-na', op: 'series.nunique', input: 'grp', params: { dropna: false }, py: 'grp.nunique(dropna=False)' },
  { id: 'x-nlargest', op: 'series.nlargest', input: 'x', params: { n: 4 }, py: 'x.nlargest(4)' },
  { id: 'bx-nsmallest', op: 'series.nsmallest', input: 'bx', params: { n: 7, split_every: 2 }, py: 'bx.nsmallest(7, split_every=2)' },
  { id: 'df-nlargest', op: 'dataframe.nlargest', input: 'df', params: { n: 3, columns: 'x' }, py: "df.nlargest(3, 'x')" },
  { id: 'df-nsmallest', op: 'dataframe.nsmallest', input: 'df', params: { n: 6, columns: ['n', 'x'] }, py: "df.nsmallest(6, ['n', 'x'])" },
  { id: 'df-describe', op: 'dataframe.describe', input: 'df', py: 'df.describe()' },
  { id: 'big-describe', op: 'dataframe.describe', input: 'big', py: 'big.describe()' },
  { id: 'big-describe-3', op: 'dataframe.describe', input: 'big', params: { split_every: 3 }, py: 'big.describe(split_every=3)' },
  { id: 'x-describe', op: 'series.describe', input: 'x', py: 'x.describe()' },
  { id: 'grp-describe', op: 'series.describe', input: 'grp', py: 'grp.describe()' },
  { id: 'word-describe-2', op: 'series.describe', input: 'word', params: { split_every: 2 }, py: 'word.describe(split_every=2)' },
  { id: 'flag-describe', op: 'series.describe', input: 'flag', py: 'flag.describe()' },
  { id: 'bx-describe', op: 'series.describe', input: 'bx', py: 'bx.describe()' },
  { id: 'x-quantile', op: 'series.quantile', input: 'x', py: 'x.quantile()' },
  { id: 'bx-quantiles', op: 'series.quantile', input: 'bx', params: { q: [0.9, 0.1, 0.5] }, py: 'bx.quantile([0.9, 0.1, 0.5])' },
  { id: 'df-g-sum', op: 'dataframe.groupby.agg', input: 'df', params: { by: 'grp', arg: 'sum' }, py: "df.groupby('grp').agg('sum')" },
  { id: 'df-g-dict', op: 'dataframe.groupby.agg', input: 'df', params: { by: 'grp', arg: { x: ['sum', 'mean', 'std'], n: 'max', word: 'first' } }, py: "df.groupby('grp').agg({'x': ['sum', 'mean', 'std'], 'n': 'max', 'word': 'first'})" },
  { id: 'df-g-two', op: 'dataframe.groupby.agg', input: 'df', params: { by: ['grp', 'flag'], sort: true, arg: { x: 'var', n: ['count', 'min'] } }, py: "df.groupby(['grp', 'flag'], sort=True).agg({'x': 'var', 'n': ['count', 'min']})" },
  { id: 'df-g-na', op: 'dataframe.groupby.agg', input: 'df', params: { by: 'grp', dropna: false, arg: { n: 'sum' } }, py: "df.groupby('grp', dropna=False).agg({'n': 'sum'})" },
  { id: 'big-g-3', op: 'dataframe.groupby.agg', input: 'big', params: { by: 'k', arg: ['mean', 'var'], split_every: 3 }, py: "big.groupby('k').agg(['mean', 'var'], split_every=3)" },
  { id: 'df-size', op: 'dataframe.groupby.size', input: 'df', params: { by: 'grp' }, py: "df.groupby('grp').size()" },
  { id: 'big-size', op: 'dataframe.groupby.size', input: 'big', params: { by: ['k', 'y'], split_every: 2 }, py: "big.groupby(['k', 'y']).size(split_every=2)" },
  { id: 'big-size-sorted', op: 'dataframe.groupby.size', input: 'big', params: { by: 'k', sort: true }, py: "big.groupby('k', sort=True).size()" },
  { id: 'size-of-sum', op: 'series.sum', input: 'df-size', py: "df.groupby('grp').size().sum()" },
  { id: 'max-of-count', op: 'series.max', input: 'df-count', py: 'df.count().max()' },
];

const KDD_CASES: Case[] = [
  { id: 'kdd-label-vc', op: 'series.value_counts', input: 'label', py: 'label.value_counts()' },
  { id: 'kdd-g', op: 'dataframe.groupby.agg', input: 'kdd', params: { by: 'protocol_type', arg: { src_bytes: ['sum', 'mean'], duration: 'max' } }, py: "kdd.groupby('protocol_type').agg({'src_bytes': ['sum', 'mean'], 'duration': 'max'})" },
  { id: 'kdd-describe', op: 'dataframe.describe', input: 'kdd5', py: 'kdd5.describe()' },
];

/** A small deterministic generator, so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mixedCsv(): string {
  const r = lcg(11);
  const rows = ['id,grp,x,n,flag,word'];
  for (let i = 0; i < 90; i++) {
    const grp = r() < 0.1 ? '' : 'abcd'[Math.floor(r() * 4)];
    const x = r() < 0.15 ? '' : (Math.round((r() - 0.4) * 2000) / 100).toString();
    const n = Math.floor(r() * 101) - 50;
    const word = ['ant', 'bee', 'cat', 'dog', 'eel'][Math.floor(r() * 5)] + (i % 3);
    rows.push(`${i},${grp},${x},${n},${r() < 0.5 ? 'True' : 'False'},${word}`);
  }
  return rows.join('\n') + '\n';
}

function bigCsv(): string {
  const r = lcg(7);
  const rows = ['k,x,y'];
  for (let i = 0; i < 500; i++) rows.push(`${Math.floor(r() * 12)},${(r() * 1e4 - 3e3).toFixed(3)},${Math.floor(r() * 3)}`);
  return rows.join('\n') + '\n';
}

function kddNames(): string[] {
  return [...KDD_COLUMNS];
}

function pipeline(withKdd: boolean): PipelineFile {
  const nodes: PipelineFile['nodes'] = Object.entries(SOURCES).map(([id, s]) => ({ id, op: 'dataframe.read_csv', params: { urlpath: s.file, blocksize: s.blocksize } }));
  if (withKdd) {
    nodes.push({ id: 'kdd', op: 'dataframe.read_csv', params: { urlpath: KDD_FILE, names: kddNames(), header: null } });
    nodes.push({ id: 'kdd5', op: 'dataframe.read_csv', params: { urlpath: KDD_FILE, names: kddNames(), header: null, usecols: KDD_NUMERIC } });
  }
  for (const [id, frame, key] of COLUMNS) if (withKdd || frame !== 'kdd') nodes.push({ id, op: 'dataframe.getitem', inputs: [frame], params: { key } });
  for (const c of casesOf(withKdd)) nodes.push({ id: c.id, op: c.op, inputs: [c.input], params: c.params ?? {} });
  return { weft: 1, nodes };
}

function casesOf(withKdd: boolean): Case[] {
  return withKdd ? [...CASES, ...KDD_CASES] : CASES;
}

const DASK = String.raw`
import json, sys, warnings
warnings.simplefilter('ignore')
import numpy as np, pandas as pd, dask, dask.dataframe as dd
dask.config.set(scheduler='sync')
req = json.load(sys.stdin)
env = {}
for name, s in req['sources'].items():
    env[name] = dd.read_csv(s['file'], blocksize=s['blocksize'])
if req['kdd']:
    env['kdd'] = dd.read_csv(req['kdd'], names=req['names'], header=None)
    env['kdd5'] = dd.read_csv(req['kdd'], names=req['names'], header=None, usecols=req['numeric'])
for id, frame, key in req['columns']:
    if frame in env: env[id] = env[frame][key]
def typed(v):
    if isinstance(v, tuple): return [typed(x) for x in v]
    if v is None: return None
    if isinstance(v, (bool, np.bool_)): return ['bool', bool(v)]
    if isinstance(v, (float, np.floating)): return ['float', None if np.isnan(v) else float(v)]
    if isinstance(v, (int, np.integer)): return ['int', int(v)]
    if isinstance(v, str): return ['str', v]
    return ['repr', repr(v)]
def labels(ix): return [typed(x) for x in ix]
def dtname(d): return 'object' if d == object else str(d)
def out(r):
    if isinstance(r, pd.DataFrame):
        return {'columns': labels(r.columns), 'index': labels(r.index), 'indexNames': list(r.index.names),
                'data': [[typed(x) for x in row] for row in r.itertuples(index=False)], 'dtypes': [dtname(d) for d in r.dtypes]}
    if isinstance(r, pd.Series):
        return {'name': typed(r.name), 'index': labels(r.index), 'indexNames': list(r.index.names), 'data': [typed(x) for x in r], 'dtype': dtname(r.dtype)}
    return {'item': typed(r)}
results = {}
for c in req['cases']:
    lazy = eval(c['py'], {}, env)
    r = out(lazy.compute())
    if hasattr(lazy, 'npartitions'): r['npartitions'] = lazy.npartitions
    results[c['id']] = r
print(json.dumps(results))
`;

/** A Weft value with its Python type, as the Dask side writes it. */
function typed(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof PyTuple) return v.items.map(typed);
  if (Array.isArray(v)) return v.map(typed);
  if (v instanceof PyFloat) return ['float', v.value];
  if (typeof v === 'boolean') return ['bool', v];
  if (typeof v === 'number') return Number.isNaN(v) ? ['float', null] : Number.isInteger(v) ? ['int', v] : ['float', v];
  if (typeof v === 'string') return ['str', v];
  return ['repr', String(v)];
}

function indexNames(index: Index): unknown[] {
  return index.kind === 'range' ? [index.name] : index.names.slice();
}

function weftOutput(value: unknown, npartitions: number | undefined): unknown {
  if (!isFrameValue(value)) return { item: typed(value) };
  const json = frameToJson(value);
  const common = { index: json.index.map(typed), indexNames: indexNames(value.index), npartitions };
  if (value.kind === 'series') {
    const s = json as ReturnType<typeof frameToJson> & { name: unknown; data: unknown[]; dtype: string };
    return { name: typed(s.name), ...common, data: s.data.map(typed), dtype: s.dtype };
  }
  const f = json as { columns: unknown[]; data: unknown[][]; dtypes: string[] };
  return { columns: f.columns.map(typed), ...common, data: f.data.map((row) => row.map(typed)), dtypes: f.dtypes };
}

function same(a: unknown, b: unknown, where: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return;
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    assert.ok(rel <= 1e-12, `${where}: Weft ${a}, Dask ${b} (relative ${rel})`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${where}: Weft has ${a.length} items, Dask ${b.length}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    a.forEach((x, i) => same(x, b[i], `${where}[${i}]`));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`);
    return;
  }
  assert.equal(a, b, where);
}

let dir = '';
let dask: Record<string, unknown> = {};
const withKdd = hasKddFile();

before(() => {
  if (!hasDask()) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-df-agg-'));
  fs.writeFileSync(path.join(dir, 'mixed.csv'), mixedCsv());
  fs.writeFileSync(path.join(dir, 'big.csv'), bigCsv());
  // an int, a float and a bool column: df.min() holds 1 and 1.0 side by side in an object Series
  fs.writeFileSync(path.join(dir, 'small.csv'), 'a,b,f,s\n1,2.5,True,x\n3,,False,y\n5,1.0,True,\n7,4.0,True,z\n2,8.5,False,y\n4,1.5,True,x\n');
  const request = { sources: SOURCES, kdd: withKdd ? KDD_FILE : null, names: withKdd ? kddNames() : [], numeric: KDD_NUMERIC, columns: COLUMNS, cases: casesOf(withKdd) };
  dask = JSON.parse(execFileSync(PYTHON, ['-c', DASK], { cwd: dir, input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 26 }));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function compareAll(result: RunResult): void {
  for (const c of casesOf(withKdd)) {
    same(weftOutput(result.results[c.id], result.stats.npartitions[c.id]), dask[c.id], `${c.id} (${c.py})`);
  }
}

for (const scheduler of ['sync', 'threads'] as const) {
  test(`every aggregation op equals Dask on the ${scheduler} executor${withKdd ? ', the KDD file included' : ''}`, { skip: !hasDask() }, async () => {
    const targets = casesOf(withKdd).map((c) => c.id);
    const result = await runPipeline(pipeline(withKdd), { baseDir: dir, scheduler, workers: 2, targets });
    compareAll(result);
  });
}

test("a reduction's errors are Dask's, at plan time or when computed, naming the node; sort=True with split_out > 1 is refused", { skip: !hasDask() }, async () => {
  const failing = (op: string, params: Record<string, unknown>, input = 'df'): PipelineFile => ({
    weft: 1,
    nodes: [{ id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'mixed.csv', blocksize: 700 } }, { id: 'word', op: 'dataframe.getitem', inputs: ['df'], params: { key: 'word' } }, { id: 'bad', op, inputs: [input], params }],
  });
  // Dask fails while building the first three, and while computing the last, as Weft does
  const expectations: Array<[string, Record<string, unknown>, string, string]> = [
    ['dataframe.groupby.agg', { by: 'nope', arg: 'sum' }, "df.groupby('nope').agg('sum')", 'df'],
    ['dataframe.groupby.size', { by: 'nope' }, "df.groupby('nope').size()", 'df'],
    ['series.mean', {}, "df['word'].mean()", 'word'],
    ['dataframe.nlargest', { n: 2, columns: 'nope' }, "df.nlargest(2, 'nope').compute()", 'df'],
    ['dataframe.groupby.agg', { by: ['grp', 'word'], arg: 'sum', split_out: 2, sort: true }, "df.groupby(['grp', 'word'], sort=True).agg('sum', split_out=2)", 'df'],
    ['series.value_counts', { split_out: 2, sort: true }, 'df.word.value_counts(split_out=2, sort=True)', 'word'],
  ];
  const script = `import json, sys, dask.dataframe as dd\ndf = dd.read_csv('mixed.csv', blocksize=700)\nout = []\nfor py in json.load(sys.stdin):\n    try:\n        eval(py)\n        out.append('')\n    except Exception as e:\n        out.append(type(e).__name__ + ': ' + str(e).splitlines()[0])\nprint(json.dumps(out))`;
  const daskErrors = JSON.parse(execFileSync(PYTHON, ['-c', script], { cwd: dir, input: JSON.stringify(expectations.map((e) => e[2])), encoding: 'utf8' })) as string[];
  for (const [i, [op, params, py, input]] of expectations.entries()) {
    const message = daskErrors[i];
    assert.match(message, /^[A-Za-z]+Error: /, `Dask fails on ${py}`);
    await assert.rejects(runPipeline(failing(op, params, input), { baseDir: dir, scheduler: 'sync' }), (e: unknown) => {
      assert.ok(e instanceof WeftError, String(e));
      assert.equal(e.context.nodeId, 'bad');
      assert.ok(e.message.startsWith("node 'bad'") && e.message.endsWith(`: ${message}`), `${e.message} vs Dask's ${message}`);
      return true;
    });
  }
  // Dask sorts one key through set_index, whose divisions it samples while building the graph: Weft refuses it
  await assert.rejects(runPipeline(failing('dataframe.groupby.agg', { by: 'grp', arg: 'sum', split_out: 2, sort: true }), { baseDir: dir, scheduler: 'sync' }), (e: unknown) => {
    assert.ok(e instanceof WeftError && e.context.nodeId === 'bad' && /sort=True with split_out=2 sorts the groups through set_index/.test(e.message), String(e));
    return true;
  });
});
