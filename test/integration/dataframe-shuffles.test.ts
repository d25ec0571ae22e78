/**
 * The row-moving DataFrame ops (merge, concat, drop_duplicates, repartition, set_index, sort_values) as pipelines, run
 * on Weft (the inline and the thread executor) and on real Dask in the same test: computed values as pandas'
 * orient=split plus dtypes, npartitions, and errors.
 *
 * Row order: exact wherever Dask defines it (broadcast merges, concat, repartition, drop_duplicates' tree, and the
 * sorts, whose partitions are short enough that Dask's quantile pass draws no random sample, so its divisions are
 * Weft's). Hash-join merges are compared as row sets: Dask's default local shuffle (disk) appends rows in the order
 * its scheduler finishes tasks.
 */
import { after, before, describe, test } from 'node:test';
import { KDD_COLUMNS, KDD_LABELS } from '../support/kdd-columns.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSyncExecutor, createThreadExecutor, planPipeline, runPipeline, toJsonText, WeftError, type Executor, type PipelineFile } from '../../engine/index.js';
import type { NodeSpec } from '../../engine/spec/pipeline.js';
import { runPythonJson } from '../support/pandas-frames.js';
import { hasDask, hasKddFile, KDD_FILE, requireKddFile, requireOrSkip } from '../support/environment.js';

type Order = 'exact' | 'rows';

/** A pipeline ending in node `out`, and the same computation in Dask (a Python expression over the frames below). */
interface Case {
  name: string;
  nodes: NodeSpec[];
  dask: string;
  order: Order;
  kdd?: boolean;
  /**
   * A known difference: Dask drops repeated divisions (and gathers a sort with two into one partition) while it
   * builds the graph, so it has fewer partitions; Weft fixes the count when planning and leaves those empty.
   */
  fewerPartitionsInDask?: boolean;
}

/** What both sides report for a case. */
type Outcome = { value: unknown; npartitions: number | null } | { error: string };

/** Deterministic pseudo-random rows (a linear congruential generator: the data, not the expectations). */
function rows(count: number, seed: number, row: (next: () => number, i: number) => string): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => row(next, i)).join('\n') + '\n';
}

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** The CSV files and how each is read (the same keywords on both sides). */
const FILES: Record<string, { text: string; read: Record<string, unknown> }> = {
  // 40 rows in blocks of at most 15: Dask's quantile pass takes every row as a sample, no random draw.
  people: {
    text: 'id,k,n,x\n' + rows(40, 7, (r, i) => `${(i * 17) % 40},${r() < 0.1 ? '' : KEYS[Math.floor(r() * 6)]},${Math.floor(r() * 12)},${r() < 0.1 ? '' : (r() * 100).toFixed(3)}`),
    read: { blocksize: 100 },
  },
  lookup: { text: 'k,name,weight\na,alpha,1\nb,beta,2\nc,gamma,3\nz,zeta,26\nb,bravo,20\n', read: {} },
  lookup2: { text: 'k,name,n\na,alpha,1\nb,beta,2\nc,gamma,3\nz,zeta,26\nb,bravo,20\ne,echo,5\nf,fox,6\nd,delta,4\n', read: { blocksize: 30 } },
  more: { text: 'id,k,y\n' + rows(12, 3, (r, i) => `${100 + i},${KEYS[Math.floor(r() * 6)]},${r() < 0.5}`), read: { blocksize: 60 } },
  repeats: { text: 'g,v\n' + rows(40, 1, (_, i) => `${i < 36 ? 1 : i},${i}`), read: { blocksize: 60 } },
  constant: { text: 'g,v\n' + rows(40, 1, (_, i) => `7,${i}`), read: { blocksize: 60 } },
  ordered: { text: 'id,v\n' + rows(30, 5, (r, i) => `${Math.floor(i / 2)},${Math.floor(r() * 1000)}`), read: { blocksize: 60 } },
};

const read = (id: string, file = id): NodeSpec => ({ id, op: 'dataframe.read_csv', params: { urlpath: `${file}.csv`, ...(FILES[file]?.read ?? {}) } });
const node = (id: string, op: string, inputs: string[], params: Record<string, unknown> = {}): NodeSpec => ({ id, op, inputs, params });

const CASES: Case[] = [
  { name: 'broadcast merge, right side of one partition', nodes: [read('people'), read('lookup'), node('out', 'dataframe.merge', ['people', 'lookup'], { on: 'k' })], dask: "dd.merge(people, lookup, on='k')", order: 'exact' },
  { name: 'broadcast left merge', nodes: [read('people'), read('lookup'), node('out', 'dataframe.merge', ['people', 'lookup'], { how: 'left', on: 'k' })], dask: "dd.merge(people, lookup, how='left', on='k')", order: 'exact' },
  { name: 'broadcast merge, left side of one partition', nodes: [read('people'), read('lookup'), node('out', 'dataframe.merge', ['lookup', 'people'], { how: 'right' })], dask: "dd.merge(lookup, people, how='right')", order: 'exact' },
  { name: 'hash join on max npartitions', nodes: [read('people'), read('lookup2'), node('out', 'dataframe.merge', ['people', 'lookup2'], { on: 'k' })], dask: "dd.merge(people, lookup2, on='k')", order: 'rows' },
  {
    name: 'hash join, outer, left_on/right_on and suffixes',
    nodes: [read('people'), read('lookup2'), node('out', 'dataframe.merge', ['people', 'lookup2'], { how: 'outer', left_on: 'k', right_on: 'name', suffixes: ['_l', '_r'] })],
    dask: "dd.merge(people, lookup2, how='outer', left_on='k', right_on='name', suffixes=['_l', '_r'])",
    order: 'rows',
  },
  { name: 'outer merge with a one-partition side shuffles both', nodes: [read('people'), read('lookup'), node('out', 'dataframe.merge', ['people', 'lookup'], { how: 'outer', on: 'k' })], dask: "dd.merge(people, lookup, how='outer', on='k')", order: 'rows' },
  { name: 'merge, then len of the result', nodes: [read('people'), read('lookup2'), node('m', 'dataframe.merge', ['people', 'lookup2'], { how: 'left', on: 'k' }), node('out', 'dataframe.len', ['m'])], dask: "len(dd.merge(people, lookup2, how='left', on='k'))", order: 'exact' },
  { name: 'merge on a column one side lacks', nodes: [read('people'), read('lookup2'), node('out', 'dataframe.merge', ['people', 'lookup2'], { on: 'weight' })], dask: "dd.merge(people, lookup2, on='weight')", order: 'exact' },
  { name: 'concat of frames with other columns', nodes: [read('people'), read('more'), node('out', 'dataframe.concat', ['people', 'more'])], dask: 'dd.concat([people, more])', order: 'exact' },
  { name: 'concat of three', nodes: [read('more'), read('people'), node('out', 'dataframe.concat', ['more', 'people', 'more'])], dask: 'dd.concat([more, people, more])', order: 'exact' },
  { name: 'drop_duplicates on a subset', nodes: [read('people'), node('out', 'dataframe.drop_duplicates', ['people'], { subset: 'k' })], dask: "people.drop_duplicates(subset='k')", order: 'exact' },
  { name: 'drop_duplicates, split_out=3', nodes: [read('people'), node('out', 'dataframe.drop_duplicates', ['people'], { subset: ['n'], split_out: 3 })], dask: "people.drop_duplicates(subset=['n'], split_out=3)", order: 'exact' },
  { name: 'drop_duplicates of whole rows, split_every=2', nodes: [read('more'), read('people'), node('c', 'dataframe.concat', ['more', 'more']), node('out', 'dataframe.drop_duplicates', ['c'], { split_every: 2 })], dask: 'dd.concat([more, more]).drop_duplicates(split_every=2)', order: 'exact' },
  { name: 'drop_duplicates of a missing column', nodes: [read('people'), node('out', 'dataframe.drop_duplicates', ['people'], { subset: ['zz'] })], dask: "people.drop_duplicates(subset=['zz'])", order: 'exact' },
  { name: 'repartition to fewer', nodes: [read('people'), node('out', 'dataframe.repartition', ['people'], { npartitions: 2 })], dask: 'people.repartition(npartitions=2)', order: 'exact' },
  { name: 'repartition to more', nodes: [read('people'), node('out', 'dataframe.repartition', ['people'], { npartitions: 9 })], dask: 'people.repartition(npartitions=9)', order: 'exact' },
  { name: 'set_index of distinct ints', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: 'id' })], dask: "people.set_index('id')", order: 'exact' },
  { name: 'set_index with npartitions', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: 'id', npartitions: 2 })], dask: "people.set_index('id', npartitions=2)", order: 'exact' },
  { name: 'set_index of floats with missing values', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: 'x' })], dask: "people.set_index('x')", order: 'exact' },
  { name: 'set_index of text with missing values', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: 'k' })], dask: "people.set_index('k')", order: 'exact' },
  { name: 'set_index of data in order (no shuffle)', nodes: [read('ordered'), node('out', 'dataframe.set_index', ['ordered'], { other: 'id' })], dask: "ordered.set_index('id')", order: 'exact' },
  { name: 'set_index sorted=True', nodes: [read('ordered'), node('out', 'dataframe.set_index', ['ordered'], { other: 'id', sorted: true })], dask: "ordered.set_index('id', sorted=True)", order: 'exact' },
  { name: 'set_index of a list of one column', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: ['id'] })], dask: "people.set_index(['id'])", order: 'exact' },
  { name: 'set_index of two columns', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: ['id', 'k'] })], dask: "people.set_index(['id', 'k'])", order: 'exact' },
  { name: 'set_index of a missing column', nodes: [read('people'), node('out', 'dataframe.set_index', ['people'], { other: 'zz' })], dask: "people.set_index('zz')", order: 'exact' },
  { name: 'set_index of repeated values', nodes: [read('repeats'), node('out', 'dataframe.set_index', ['repeats'], { other: 'g' })], dask: "repeats.set_index('g')", order: 'exact', fewerPartitionsInDask: true },
  { name: 'sort_values of one value', nodes: [read('constant'), node('out', 'dataframe.sort_values', ['constant'], { by: 'g' })], dask: "constant.sort_values('g')", order: 'exact', fewerPartitionsInDask: true },
  { name: 'sort_values', nodes: [read('people'), node('out', 'dataframe.sort_values', ['people'], { by: 'x' })], dask: "people.sort_values('x')", order: 'exact' },
  {
    name: 'sort_values of long partitions (Dask samples at random: other divisions, the same rows in the same order)',
    nodes: [{ id: 'people', op: 'dataframe.read_csv', params: { urlpath: 'people.csv', blocksize: 200 } }, node('out', 'dataframe.sort_values', ['people'], { by: 'x', ascending: false })],
    dask: "people_long.sort_values('x', ascending=False)",
    order: 'exact',
  },
  { name: 'sort_values descending with ties', nodes: [read('people'), node('out', 'dataframe.sort_values', ['people'], { by: 'n', ascending: false })], dask: "people.sort_values('n', ascending=False)", order: 'exact' },
  { name: 'sort_values of text, then query', nodes: [read('more'), node('s', 'dataframe.sort_values', ['more'], { by: 'k' }), node('out', 'dataframe.query', ['s'], { expr: 'id > 103' })], dask: "more.sort_values('k').query('id > 103')", order: 'exact' },
  { name: 'sort_values by several columns of one partition', nodes: [read('lookup'), node('out', 'dataframe.sort_values', ['lookup'], { by: ['name', 'k'], ascending: [false, true] })], dask: "lookup.sort_values(['name', 'k'], ascending=[False, True])", order: 'exact' },
  { name: 'sort_values by several columns of several partitions', nodes: [read('people'), node('out', 'dataframe.sort_values', ['people'], { by: ['k', 'n'] })], dask: "people.sort_values(['k', 'n'])", order: 'exact' },
  { name: 'sort_values with a list of ascending', nodes: [read('people'), node('out', 'dataframe.sort_values', ['people'], { by: 'n', ascending: [true, false] })], dask: "people.sort_values('n', ascending=[True, False])", order: 'exact' },
  {
    name: 'KDD joined to a 23-row lookup of its labels, then len',
    nodes: [
      { id: 'kdd', op: 'dataframe.read_csv', params: { urlpath: KDD_FILE, names: '@kdd-names' } },
      read('labels'),
      node('m', 'dataframe.merge', ['kdd', 'labels'], { on: 'label' }),
      node('out', 'dataframe.len', ['m']),
    ],
    dask: "len(dd.merge(kdd, labels, on='label'))",
    order: 'exact',
    kdd: true,
  },
];

/** The column names of the KDD file. */
function kddNames(): string[] {
  return [...KDD_COLUMNS];
}

/** A 23-row frame of the KDD labels, each with a kind and a code. */
function labelsCsv(): string {
  const labels = KDD_LABELS;
  return 'label,kind,code\n' + labels.map((l, i) => `${l}.,${l === 'normal' ? 'normal' : 'attack'},${i}`).join('\n') + '\n';
}

const DASK_RUNNER = String.raw`
import json, math, sys, warnings
warnings.simplefilter('ignore')
import numpy as np, pandas as pd, dask, dask.dataframe as dd
dask.config.set(scheduler='sync')
spec = json.loads(sys.stdin.readline())
frames = {name: dd.read_csv(p, **kw) for name, (p, kw) in spec['frames'].items()}
def val(v):
    if isinstance(v, (np.integer,)): return int(v)
    if isinstance(v, (np.bool_,)): return bool(v)
    if isinstance(v, (float, np.floating)): return None if math.isnan(v) else float(v)
    if v is None or v is pd.NA: return None
    return v
def split(r):
    if isinstance(r, pd.DataFrame):
        return {'columns': list(r.columns), 'index': [val(x) for x in r.index.tolist()], 'data': [[val(x) for x in row] for row in r.astype(object).values.tolist()], 'dtypes': [str(d) for d in r.dtypes]}
    return val(r)
out = []
for code in spec['cases']:
    try:
        r = eval(code, {'dd': dd, **frames})
        n = getattr(r, 'npartitions', None)
        out.append({'value': split(r.compute() if hasattr(r, 'compute') else r), 'npartitions': n})
    except Exception as e:
        out.append({'error': str(e)})
print(json.dumps(out))
`;

function withNames(nodes: NodeSpec[], names: string[]): NodeSpec[] {
  return nodes.map((n) => (n.params?.names === '@kdd-names' ? { ...n, params: { ...n.params, names } } : n));
}

/** Weft's outcome of a case on `executor`. */
async function runOnWeft(c: Case, dir: string, names: string[], executor: Executor<unknown>): Promise<Outcome> {
  const pipeline: PipelineFile = { weft: 1, nodes: withNames(c.nodes, names) };
  try {
    const { full } = planPipeline(pipeline, { baseDir: dir, targets: ['out'] });
    const { results } = await runPipeline(pipeline, { baseDir: dir, executor, targets: ['out'] });
    return { value: JSON.parse(toJsonText(results.out)), npartitions: full.npartitions.out ?? null };
  } catch (e) {
    if (!(e instanceof WeftError)) throw e;
    return { error: e.message };
  }
}

/**
 * The rows, sorted, and the index labels, sorted apart: a merge's index numbers each partition's rows 0..n-1, so
 * which row carries which label depends on the order the shuffle appended them in.
 */
function rowSet(value: { index: unknown[]; data: unknown[][] }): { rows: string[]; index: string[] } {
  return { rows: value.data.map((row) => JSON.stringify(row)).sort(), index: value.index.map((label) => JSON.stringify(label)).sort() };
}

/** Equal as JSON, floats to 1e-12 relative. */
function assertClose(actual: unknown, expected: unknown, where: string): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    assert.ok(actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected)), `${where}: ${actual} != ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${where}: lengths`);
    actual.forEach((a, i) => assertClose(a, expected[i], `${where}[${i}]`));
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: keys`);
    for (const k of Object.keys(expected)) assertClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${where}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, where);
}

function assertSameOutcome(ours: Outcome, dask: Outcome, order: Order, fewerPartitionsInDask = false): void {
  if ('error' in dask) {
    assert.ok('error' in ours, `Dask fails with ${JSON.stringify(dask.error)}; Weft computed ${JSON.stringify(ours).slice(0, 300)}`);
    assert.ok(ours.error.includes(dask.error), `Weft's error ${JSON.stringify(ours.error)} does not carry Dask's ${JSON.stringify(dask.error)}`);
    return;
  }
  assert.ok(!('error' in ours), `Weft fails with ${'error' in ours ? ours.error : ''}`);
  if (fewerPartitionsInDask) assert.ok(dask.npartitions !== null && ours.npartitions !== null && dask.npartitions < ours.npartitions, `npartitions: Dask ${dask.npartitions}, Weft ${ours.npartitions}`);
  else assert.equal(ours.npartitions, dask.npartitions, 'npartitions');
  const value = ours.value as { columns?: unknown[]; dtypes?: unknown[]; index: unknown[]; data: unknown[][] };
  const expected = dask.value as typeof value;
  if (order === 'rows' && value && typeof value === 'object' && 'data' in value) {
    assert.deepEqual(value.columns, expected.columns, 'columns');
    assert.deepEqual(value.dtypes, expected.dtypes, 'dtypes');
    assertClose(rowSet(value), rowSet(expected), 'rows');
    return;
  }
  assertClose(ours.value, dask.value, 'value');
}

describe('DataFrame shuffles on Weft and on Dask', () => {
  let dir = '';
  let names: string[] = [];
  let dask: Outcome[] = [];
  let sync: Executor<unknown>;
  let threads: Executor<unknown>;
  const cases = CASES.filter((c) => !c.kdd || hasKddFile());

  before(() => {
    if (!hasDask()) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-df-shuffles-'));
    for (const [name, file] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, `${name}.csv`), file.text);
    const frames: Record<string, [string, Record<string, unknown>]> = Object.fromEntries(Object.entries(FILES).map(([name, file]) => [name, [path.join(dir, `${name}.csv`), file.read]]));
    frames.people_long = [path.join(dir, 'people.csv'), { blocksize: 200 }];
    if (hasKddFile()) {
      names = kddNames();
      fs.writeFileSync(path.join(dir, 'labels.csv'), labelsCsv());
      frames.labels = [path.join(dir, 'labels.csv'), {}];
      frames.kdd = [KDD_FILE, { names }];
    }
    dask = runPythonJson(`${daskInput(frames, cases)}\n${DASK_RUNNER}`) as Outcome[];
    sync = createSyncExecutor() as Executor<unknown>;
    threads = createThreadExecutor({ workers: 2 }) as Executor<unknown>;
  });
  after(async () => {
    await threads?.close();
    await sync?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  CASES.forEach((c) => {
    test(c.name, async (t) => {
      if (!requireOrSkip(t, hasDask(), "Debian's python3 with Dask")) return;
      if (c.kdd && !requireKddFile(t)) return;
      const expected = dask[cases.indexOf(c)];
      assertSameOutcome(await runOnWeft(c, dir, names, sync), expected, c.order, c.fewerPartitionsInDask);
      assertSameOutcome(await runOnWeft(c, dir, names, threads), expected, c.order, c.fewerPartitionsInDask);
    });
  });

  test("the plans have Dask's task shapes", (t) => {
    if (!requireOrSkip(t, hasDask(), "Debian's python3 with Dask")) return;
    const plan = (nodes: NodeSpec[]) => planPipeline({ weft: 1, nodes }, { baseDir: dir, targets: ['out'] }).full;
    const hash = plan([read('people'), read('lookup2'), node('out', 'dataframe.merge', ['people', 'lookup2'], { on: 'k' })]);
    const [left, right] = [hash.npartitions.people, hash.npartitions.lookup2];
    assert.ok(left > right && right > 1, 'a hash join of sides of different partition counts');
    const tasks = [...hash.tasks.values()];
    const splits = tasks.filter((task) => task.layer.endsWith('-shuffle-right-split'));
    assert.equal(splits.length, right, 'a split task per right partition');
    assert.ok(splits.every((s) => s.produces?.length === left), 'each making a bucket per output partition (max npartitions)');
    const collects = tasks.filter((task) => task.layer.endsWith('-shuffle-right'));
    assert.equal(collects.length, left);
    assert.ok(collects.every((task) => task.deps.length === right), 'a collect reads a bucket of every split');
    const merged = tasks.filter((task) => task.work.kind === 'chain' && task.work.source.kind === 'frame-merge');
    assert.equal(merged.length, left);
    assert.equal(hash.npartitions.out, left);
    const long = plan([{ id: 'people', op: 'dataframe.read_csv', params: { urlpath: 'people.csv', blocksize: 200 } }, node('out', 'dataframe.len', ['people'])]);
    assert.ok(long.npartitions.people > 1 && 40 / long.npartitions.people > 15, `${long.npartitions.people} partitions: long enough for random samples`);
    const broadcast = [...plan([read('people'), read('lookup'), node('out', 'dataframe.merge', ['people', 'lookup'], { on: 'k' })]).tasks.values()];
    assert.equal(broadcast.filter((task) => task.work.kind === 'chain' && task.work.source.kind === 'frame-merge').length, left);
    assert.ok(!broadcast.some((task) => task.produces), 'a broadcast join moves no rows');
    const sorted = [...plan([read('people'), node('out', 'dataframe.set_index', ['people'], { other: 'id' })]).tasks.values()];
    const kinds = sorted.map((task) => (task.work.kind === 'chain' ? `${task.work.source.kind}>${task.work.sink.kind}` : task.work.kind));
    const tally = (kind: string) => kinds.filter((k) => k === kind).length;
    assert.equal(tally('input>frame-partition-stats'), left, 'a stats task per partition');
    assert.equal(tally('frame-divisions'), 1, 'one divisions task');
    assert.equal(tally('frame-divisions-split'), left, 'a split task per partition');
    assert.equal(tally('frame-buckets-set-index>collect'), left, 'a collect task per output partition, building it from its buckets');
  });
});

/** The first line the Python runner reads: the frames to read and the cases' expressions. */
function daskInput(frames: Record<string, unknown>, cases: Case[]): string {
  return `import sys, io, json\nsys.stdin = io.StringIO(${JSON.stringify(JSON.stringify({ frames, cases: cases.map((c) => c.dask) }))} + '\\n')`;
}
