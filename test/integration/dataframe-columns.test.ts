/**
 * The column and conversion ops of dask.dataframe (getitem, eval, astype, rename, drop, dropna, fillna, the Series'
 * isin/astype/map/to_frame, from_dict, bag.to_dataframe, to_bag, head, persist, to_csv) run end to end on Weft, on
 * the sync executor and on threads, and the same pipelines written in Dask's Python on real Dask 2022.12 in the same
 * test: values (pandas' orient=split with dtypes, floats kept apart from ints), npartitions, the files written,
 * warnings and errors (which must name the node that fails) must agree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThreadExecutor, planPipeline, runPipeline, toJsonText, WeftError, type Executor, type NodeSpec, type PipelineFile } from '../../engine/index.js';
import { PYTHON, hasDask, requireOrSkip } from '../support/environment.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';

const DATA_CSV = 'id,proto,bytes,rate,flag\n1,tcp,100,0.5,True\n2,udp,,1.25,False\n3,tcp,300,,True\n4,icmp,400,2.0,False\n5,"a,b",500,1e-05,True\n6,udp,600,3.5,True\n7,tcp,,0.1,False\n';
const NULLS_CSV = 'k,x,y\na,1.5,\nb,,\n,2.5,q\nc,,r\n';

/** A case: Weft's nodes, and Dask's Python making `out`, a dict of node id → collection or value. */
interface Case {
  name: string;
  nodes: NodeSpec[];
  python: string;
  /** The node whose build or run fails, with Dask's exception; absent when the pipeline succeeds. */
  fails?: string;
  functions?: string;
}

const readData = (id = 'r', blocksize = 40): NodeSpec => ({ id, op: 'dataframe.read_csv', params: { urlpath: 'data.csv', blocksize } });
const READ_DATA = "r = dd.read_csv('data.csv', blocksize=40)\n";

const CASES: Case[] = [
  {
    name: 'getitem, eval, astype, rename, drop',
    nodes: [
      readData(),
      { id: 'col', op: 'dataframe.getitem', inputs: ['r'], params: { key: 'bytes' } },
      { id: 'cols', op: 'dataframe.getitem', inputs: ['r'], params: { key: ['rate', 'id', 'rate'] } },
      { id: 'sum', op: 'dataframe.eval', inputs: ['r'], params: { expr: 'id * 2 + rate' } },
      { id: 'assigned', op: 'dataframe.eval', inputs: ['r'], params: { expr: 'total = id + bytes' } },
      { id: 'asfloat', op: 'dataframe.astype', inputs: ['r'], params: { dtype: { id: 'float64', flag: 'str' } } },
      { id: 'asstr', op: 'dataframe.astype', inputs: ['cols'], params: { dtype: 'str' } },
      { id: 'renamed', op: 'dataframe.rename', inputs: ['r'], params: { columns: { proto: 'protocol', nope: 'x' } } },
      { id: 'dropped', op: 'dataframe.drop', inputs: ['renamed'], params: { columns: ['flag', 'id'] } },
    ],
    python: `${READ_DATA}out = {'col': r['bytes'], 'cols': r[['rate', 'id', 'rate']], 'sum': r.eval('id * 2 + rate'),
  'assigned': r.eval('total = id + bytes'), 'asfloat': r.astype({'id': 'float64', 'flag': 'str'}),
  'asstr': r[['rate', 'id', 'rate']].astype('str'), 'renamed': r.rename(columns={'proto': 'protocol', 'nope': 'x'})}
out['dropped'] = out['renamed'].drop(columns=['flag', 'id'])`,
  },
  {
    name: 'dropna and fillna, by column and for all',
    nodes: [
      { id: 'n', op: 'dataframe.read_csv', params: { urlpath: 'nulls.csv', blocksize: 16 } },
      { id: 'any', op: 'dataframe.dropna', inputs: ['n'] },
      { id: 'all', op: 'dataframe.dropna', inputs: ['n'], params: { how: 'all', subset: ['x', 'y'] } },
      { id: 'subset', op: 'dataframe.dropna', inputs: ['n'], params: { subset: ['x'] } },
      { id: 'zero', op: 'dataframe.fillna', inputs: ['n'], params: { value: 0 } },
      { id: 'per', op: 'dataframe.fillna', inputs: ['n'], params: { value: { x: -1.5, y: 'none', zz: 3 } } },
      { id: 'text', op: 'dataframe.fillna', inputs: ['n'], params: { value: 'gap' } },
    ],
    python: `n = dd.read_csv('nulls.csv', blocksize=16)
out = {'any': n.dropna(), 'all': n.dropna(how='all', subset=['x', 'y']), 'subset': n.dropna(subset=['x']),
  'zero': n.fillna(0), 'per': n.fillna({'x': -1.5, 'y': 'none', 'zz': 3}), 'text': n.fillna('gap')}`,
  },
  {
    name: 'Series: isin, astype, map with a function and a dict, to_frame, head',
    functions: 'def shout(s):\n    return s.upper() + "!"\n',
    nodes: [
      readData(),
      { id: 'proto', op: 'dataframe.getitem', inputs: ['r'], params: { key: 'proto' } },
      { id: 'isin', op: 'series.isin', inputs: ['proto'], params: { values: ['tcp', 'icmp'] } },
      { id: 'ids', op: 'dataframe.getitem', inputs: ['r'], params: { key: 'id' } },
      { id: 'idstr', op: 'series.astype', inputs: ['ids'], params: { dtype: 'str' } },
      { id: 'half', op: 'series.map', inputs: ['ids'], params: { arg: 'lambda v: v / 2' } },
      { id: 'shout', op: 'series.map', inputs: ['proto'], params: { arg: 'shout' } },
      { id: 'code', op: 'series.map', inputs: ['proto'], params: { arg: { tcp: 6, udp: 17 } } },
      { id: 'frame', op: 'series.to_frame', inputs: ['code'] },
      { id: 'named', op: 'series.to_frame', inputs: ['ids'], params: { name: 'ident' } },
      { id: 'shead', op: 'series.head', inputs: ['half'], params: { n: 4, npartitions: 2 } },
    ],
    python: `${READ_DATA}proto = r['proto']
def shout(s):
    return s.upper() + "!"
code = proto.map({'tcp': 6, 'udp': 17})
half = r['id'].map(lambda v: v / 2)
out = {'isin': proto.isin(['tcp', 'icmp']), 'idstr': r['id'].astype('str'), 'half': half,
  'shout': proto.map(shout), 'code': code, 'frame': code.to_frame(), 'named': r['id'].to_frame(name='ident'),
  'shead': half.head(4, npartitions=2, compute=False)}`,
  },
  {
    name: 'head: from the first partitions, with too few rows a warning',
    nodes: [
      readData(),
      { id: 'h1', op: 'dataframe.head', inputs: ['r'], params: { n: 2 } },
      { id: 'h2', op: 'dataframe.head', inputs: ['r'], params: { n: 5, npartitions: 2 } },
      { id: 'short', op: 'dataframe.head', inputs: ['r'], params: { n: 50, npartitions: -1 } },
      { id: 'few', op: 'dataframe.head', inputs: ['r'], params: { n: 4 } },
      { id: 'allread', op: 'dataframe.head', inputs: ['r'], params: { n: 9, npartitions: 3 } },
      { id: 'p', op: 'dataframe.persist', inputs: ['r'] },
      { id: 'pcol', op: 'dataframe.getitem', inputs: ['p'], params: { key: ['proto'] } },
    ],
    python: `${READ_DATA}p = r.persist()
out = {'h1': r.head(2, compute=False), 'h2': r.head(5, npartitions=2, compute=False), 'short': r.head(50, npartitions=-1, compute=False),
  'few': r.head(4, compute=False), 'allread': r.head(9, npartitions=3, compute=False),
  'p': p, 'pcol': p[['proto']]}`,
  },
  {
    name: 'from_dict, to_bag and bag.to_dataframe',
    nodes: [
      { id: 'fd', op: 'dataframe.from_dict', params: { data: { x: [1, 2, 3, 4, 5], y: [0.5, null, 2.5, 3.5, 4.5], z: ['a', 'b', null, 'd', 'e'] }, npartitions: 2 } },
      { id: 'fy', op: 'dataframe.getitem', inputs: ['fd'], params: { key: 'y' } },
      { id: 'thin', op: 'dataframe.from_dict', params: { data: { a: [3, 1, 2], b: [true, false, true] }, npartitions: 5 } },
      { id: 'bag', op: 'dataframe.to_bag', inputs: ['fd'] },
      { id: 'ibag', op: 'dataframe.to_bag', inputs: ['fd'], params: { index: true } },
      { id: 'seq', op: 'bag.from_sequence', params: { seq: "[{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'y'}, {'a': 3, 'b': None}, {'a': 4, 'b': 'w'}]", npartitions: 2 } },
      { id: 'tdf', op: 'bag.to_dataframe', inputs: ['seq'] },
      { id: 'tdb', op: 'dataframe.getitem', inputs: ['tdf'], params: { key: 'b' } },
      { id: 'tuples', op: 'bag.to_dataframe', inputs: ['ibag'], params: { columns: ['i', 'x', 'y', 'z'] } },
      { id: 'withmeta', op: 'bag.to_dataframe', inputs: ['seq'], params: { meta: { a: 'float64', b: 'object' } } },
    ],
    python: `fd = dd.from_dict({'x': [1, 2, 3, 4, 5], 'y': [0.5, None, 2.5, 3.5, 4.5], 'z': ['a', 'b', None, 'd', 'e']}, npartitions=2)
seq = db.from_sequence([{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'y'}, {'a': 3, 'b': None}, {'a': 4, 'b': 'w'}], npartitions=2)
tdf = seq.to_dataframe()
out = {'fy': fd['y'], 'bag': fd.to_bag(), 'ibag': fd.to_bag(index=True), 'tdf': tdf, 'tdb': tdf['b'],
  'tuples': fd.to_bag(index=True).to_dataframe(columns=['i', 'x', 'y', 'z']),
  'withmeta': seq.to_dataframe(meta={'a': 'float64', 'b': 'object'}), 'fd': fd,
  'thin': dd.from_dict({'a': [3, 1, 2], 'b': [True, False, True]}, npartitions=5)}`,
  },
  {
    name: 'to_csv: one file per partition, or a single file',
    nodes: [
      readData(),
      { id: 'parts', op: 'dataframe.to_csv', inputs: ['r'], params: { filename: 'out/part-*.csv' } },
      { id: 'cols', op: 'dataframe.getitem', inputs: ['r'], params: { key: ['proto', 'rate', 'flag'] } },
      { id: 'single', op: 'dataframe.to_csv', inputs: ['cols'], params: { filename: 'out/one.csv', single_file: true, index: false } },
      { id: 'folder', op: 'dataframe.to_csv', inputs: ['cols'], params: { filename: 'out/dir' } },
      { id: 'sum', op: 'dataframe.eval', inputs: ['r'], params: { expr: 'bytes / id' } },
      { id: 'sumframe', op: 'series.to_frame', inputs: ['sum'] },
      { id: 'named', op: 'dataframe.to_csv', inputs: ['sumframe'], params: { filename: 'out/named/*.csv', name_function: "lambda i: 'chunk' + str(i * 10)" } },
    ],
    python: `${READ_DATA}cols = r[['proto', 'rate', 'flag']]
out = {'parts': r.to_csv('out/part-*.csv', compute=False), 'single': cols.to_csv('out/one.csv', single_file=True, index=False, compute=False),
  'folder': cols.to_csv('out/dir', compute=False),
  'named': r.eval('bytes / id').to_frame().to_csv('out/named/*.csv', name_function=lambda i: 'chunk' + str(i * 10), compute=False)}`,
  },
  {
    name: 'a missing column fails where the node is built',
    fails: 'bad',
    nodes: [readData(), { id: 'bad', op: 'dataframe.getitem', inputs: ['r'], params: { key: ['id', 'nope'] } }],
    python: `${READ_DATA}out = {'bad': r[['id', 'nope']]}`,
  },
  {
    name: 'to_dataframe of a bag whose first partition is empty fails',
    fails: 'bad',
    nodes: [
      { id: 'seq', op: 'bag.from_sequence', params: { seq: "[{'a': 1}, {'a': 2}, {'a': 3}, {'a': 4}]", npartitions: 2 } },
      { id: 'late', op: 'bag.filter', inputs: ['seq'], params: { predicate: "lambda d: d['a'] > 2" } },
      { id: 'bad', op: 'bag.to_dataframe', inputs: ['late'] },
    ],
    python: `seq = db.from_sequence([{'a': 1}, {'a': 2}, {'a': 3}, {'a': 4}], npartitions=2)
out = {'bad': seq.filter(lambda d: d['a'] > 2).to_dataframe()}`,
  },
  {
    name: 'from_dict of lists of unequal lengths fails',
    fails: 'bad',
    nodes: [{ id: 'bad', op: 'dataframe.from_dict', params: { data: { a: [1, 2], b: [1] }, npartitions: 1 } }],
    python: `out = {'bad': dd.from_dict({'a': [1, 2], 'b': [1]}, npartitions=1)}`,
  },
  {
    name: 'dropping a missing column fails',
    fails: 'bad',
    nodes: [readData(), { id: 'bad', op: 'dataframe.drop', inputs: ['r'], params: { columns: 'nope' } }],
    python: `${READ_DATA}out = {'bad': r.drop(columns='nope')}`,
  },
  {
    name: 'a NaN cast to int fails when it runs',
    fails: 'bad',
    nodes: [readData(), { id: 'col', op: 'dataframe.getitem', inputs: ['r'], params: { key: 'bytes' } }, { id: 'bad', op: 'series.astype', inputs: ['col'], params: { dtype: 'int64' } }],
    python: `${READ_DATA}out = {'bad': r['bytes'].astype('int64')}`,
  },
  {
    name: "a mapped function's error fails the node when it runs",
    fails: 'bad',
    nodes: [
      { id: 'n', op: 'dataframe.read_csv', params: { urlpath: 'nulls.csv', blocksize: 16 } },
      { id: 'y', op: 'dataframe.getitem', inputs: ['n'], params: { key: 'y' } },
      { id: 'bad', op: 'series.map', inputs: ['y'], params: { arg: 'lambda v: v.upper()' } },
    ],
    python: `out = {'bad': dd.read_csv('nulls.csv', blocksize=16)['y'].map(lambda v: v.upper())}`,
  },
  {
    name: 'head of more partitions than there are fails',
    fails: 'bad',
    nodes: [readData(), { id: 'bad', op: 'dataframe.head', inputs: ['r'], params: { n: 3, npartitions: 40 } }],
    python: `${READ_DATA}out = {'bad': r.head(3, npartitions=40, compute=False)}`,
  },
];

const HARNESS = String.raw`
import json, os, sys, warnings
import numpy as np, pandas as pd, dask, dask.dataframe as dd, dask.bag as db
dask.config.set(scheduler='sync')
def val(v):
    if isinstance(v, (float, np.floating)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (bool, np.bool_)): return bool(v)
    if isinstance(v, (int, np.integer)): return int(v)
    if isinstance(v, (tuple, list)): return [val(x) for x in v]
    return v
def typed(values, dtype):
    return [val(float(x)) if dtype == 'float64' else val(x) for x in values]
def labels(ix):
    if isinstance(ix, pd.MultiIndex): return [[val(x) for x in t] for t in ix]
    return typed(list(ix), str(ix.dtype))
def dtname(d): return 'object' if d == object else str(d)
def out_json(r):
    if isinstance(r, pd.DataFrame):
        cols = [typed(list(r.iloc[:, i]), dtname(r.dtypes.iloc[i])) for i in range(r.shape[1])]
        return {'columns': [val(c) for c in r.columns], 'index': labels(r.index), 'data': [list(row) for row in zip(*cols)] if cols else [[] for _ in range(len(r))], 'dtypes': [dtname(d) for d in r.dtypes]}
    if isinstance(r, pd.Series):
        return {'name': val(r.name), 'index': labels(r.index), 'data': typed(list(r), dtname(r.dtype)), 'dtype': dtname(r.dtype)}
    if isinstance(r, list) and r and isinstance(r[0], str) and os.path.isabs(r[0]): return [os.path.relpath(p) for p in r]
    return val(r)
results = []
for case in json.load(sys.stdin):
    os.chdir(case['dir'])
    res = {'values': {}, 'npartitions': {}, 'warnings': [], 'error': None}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            env = {'dd': dd, 'db': db, 'pd': pd}
            exec(case['python'], env)
            for key, obj in env['out'].items():
                if hasattr(obj, 'npartitions'): res['npartitions'][key] = obj.npartitions
                if isinstance(obj, list): obj = list(dask.compute(*obj))
                elif hasattr(obj, 'compute'): obj = obj.compute()
                res['values'][key] = out_json(obj)
        res['warnings'] = [str(w.message) for w in caught if issubclass(w.category, UserWarning) and 'Insufficient' in str(w.message)]
    except Exception as e:
        res['error'] = {'type': type(e).__name__, 'message': str(e)}
    results.append(res)
print(json.dumps(results))
`;

interface DaskResult {
  values: Record<string, unknown>;
  npartitions: Record<string, number>;
  warnings: string[];
  error: { type: string; message: string } | null;
}

function writeInputs(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'data.csv'), DATA_CSV);
  fs.writeFileSync(path.join(dir, 'nulls.csv'), NULLS_CSV);
}

/** Every file under `dir/out`, by its path relative to `dir`, with its text. */
function writtenFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    if (!fs.existsSync(at)) return;
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(path.join(dir, 'out'));
  return files;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('DataFrame column and conversion ops, Weft against Dask', () => {
  let root = '';
  let threads: Executor<unknown>;
  let dask: DaskResult[] = [];
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-df-columns-'));
    threads = createThreadExecutor({ workers: 2 }) as Executor<unknown>;
    if (!hasDask()) return;
    const request = CASES.map((c, i) => {
      const dir = path.join(root, `dask-${i}`);
      writeInputs(dir);
      return { dir, python: (c.functions ?? '') + c.python };
    });
    // Parsed keeping floats apart from ints: Dask's 3.0 must be Weft's 3.0, not 3.
    dask = parseJsonKeepingFloats(execFileSync(PYTHON, ['-c', HARNESS], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 26 })) as DaskResult[];
  });
  after(async () => {
    await threads.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  CASES.forEach((c, i) => {
    test(c.name, async (t) => {
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      const theirs = dask[i];
      const pipeline: PipelineFile = { weft: 1, nodes: c.nodes, ...(c.functions ? { functions: c.functions } : {}) };
      const targets = Object.keys(theirs.values).length > 0 ? Object.keys(theirs.values) : [c.fails!];
      for (const scheduler of ['sync', 'threads'] as const) {
        const dir = path.join(root, `weft-${i}-${scheduler}`);
        writeInputs(dir);
        const options = { baseDir: dir, targets, ...(scheduler === 'threads' ? { executor: threads } : { scheduler }) };
        if (c.fails) {
          assert.ok(theirs.error, `Dask was expected to fail, but gave ${JSON.stringify(theirs.values)}`);
          // Dask's message ends with its traceback, which Weft has not.
          const expected = { ...theirs.error, message: theirs.error.message.split('\n\nTraceback:')[0] };
          await assert.rejects(runPipeline(pipeline, options), (e: unknown) => {
            assert.ok(e instanceof WeftError, `expected a WeftError, got ${e}`);
            assert.match(e.message, new RegExp(escape(`${expected.type}: ${expected.message}`)), `${scheduler}: message`);
            assert.equal(e.context.nodeId, c.fails, `${scheduler}: node`);
            return true;
          });
          continue;
        }
        assert.equal(theirs.error, null, `Dask failed: ${JSON.stringify(theirs.error)}`);
        const result = await runPipeline(pipeline, options);
        const ours = parseJsonKeepingFloats(toJsonText(result.results)) as Record<string, unknown>;
        const expected = theirs.values;
        for (const id of Object.keys(expected)) {
          let actual = ours[id];
          if (Array.isArray(actual) && typeof actual[0] === 'string' && path.isAbsolute(actual[0])) actual = (actual as string[]).map((p) => path.relative(dir, p));
          assert.deepEqual(actual, expected[id], `${scheduler}: output '${id}'`);
        }
        for (const [id, n] of Object.entries(theirs.npartitions)) assert.deepEqual(result.stats.npartitions[id], n, `${scheduler}: npartitions of '${id}'`);
        assert.deepEqual(writtenFiles(dir), writtenFiles(path.join(root, `dask-${i}`)), `${scheduler}: written files`);
        const warnings = result.warnings.map((w) => w.replace(/^node '[^']*': /, '')).sort();
        assert.deepEqual(warnings, [...theirs.warnings].sort(), `${scheduler}: warnings`);
      }
    });
  });
});

test("series.map naming a def: the node's identity follows the functions block", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-df-map-'));
  try {
    writeInputs(dir);
    const layerOf = (functions: string) => {
      const pipeline: PipelineFile = { weft: 1, functions, nodes: [readData(), { id: 'p', op: 'dataframe.getitem', inputs: ['r'], params: { key: 'proto' } }, { id: 'm', op: 'series.map', inputs: ['p'], params: { arg: 'f' } }] };
      const { full } = planPipeline(pipeline, { baseDir: dir });
      return [...full.tasks.values()].find((t) => t.nodeIds.includes('m') && t.nodeIds.length === 1)!.layer;
    };
    assert.notEqual(layerOf('def f(s):\n    return s\n'), layerOf('def f(s):\n    return s + "!"\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('to_csv writes all or nothing: a partition that fails leaves no file behind', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-df-csv-'));
  try {
    writeInputs(dir);
    // Partition 0 of bytes has no NaN and casts; a later one has a NaN and fails.
    const pipeline: PipelineFile = {
      weft: 1,
      nodes: [
        readData(),
        { id: 'cast', op: 'dataframe.astype', inputs: ['r'], params: { dtype: { bytes: 'int64' } } },
        { id: 'csv', op: 'dataframe.to_csv', inputs: ['cast'], params: { filename: 'out/*.csv' } },
      ],
    };
    await assert.rejects(runPipeline(pipeline, { baseDir: dir, scheduler: 'sync' }), (e: unknown) => e instanceof WeftError && e.context.nodeId === 'cast');
    assert.deepEqual(writtenFiles(dir), {});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
