import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Frame, Series } from '../../dataframe/frame.js';
import { frameMeta } from '../../dataframe/frame.js';
import { isMissingAt } from '../../dataframe/aggregate/columns.js';
import { assertSameAsDask, runDask } from '../../../test/support/dask-frames.js';
import { randomPartitions } from '../../dataframe/random-frames.test-support.js';
import { hasDask } from '../../../test/support/environment.js';
import { planGroupbyAgg, type AggArg } from '../../dataframe/aggregate/groupby-spec.js';
import { dropDuplicatesPlan } from '../../dataframe/shuffle/drop-duplicates.js';
import type { FramePartialReduction, ShardKeys } from '../../dataframe/aggregate/split-out.js';
import { runShuffleAggregate, runSplitOutTree, SERIES_COLUMN, shuffleAggregatePlan } from '../../dataframe/aggregate/split-out.js';
import type { PipelineFile } from '../../spec/pipeline.js';
import { planPipeline } from '../../run/session.js';
import { groupKeyWireNames } from './partial-wire.js';
import { splitOutReduction } from './split-out.kernel.js';
import type { GroupbySpec } from './groupby.js';
import type { ValueCountsSpec } from './series-value-counts.js';
import type { ValueCountsOptions } from '../../dataframe/aggregate/value-counts.js';

const py = (v: unknown): string => (v === null || v === undefined ? 'None' : v === true ? 'True' : v === false ? 'False' : JSON.stringify(v));

function seriesOf(frame: Frame, name: string): Series {
  return { kind: 'series', name, column: frame.columns[frame.names.indexOf(name)], index: frame.index, length: frame.length };
}

/** A kernel's three steps over one concatenated frame of partials, as both graph shapes call them. */
function framewise(spec: GroupbySpec | ValueCountsSpec, seriesName: string | null = null, total?: number): FramePartialReduction<unknown, Frame | Series> {
  const r = splitOutReduction(spec, seriesName, total);
  return { chunk: r.chunk, combine: (f) => r.combine([f]), aggregate: (f) => r.aggregate([f]) as Frame | Series };
}

test("shuffle layouts follow _shuffle_aggregate: max(n // split_every, split_out) partitions, Dask's repartition runs before and after", () => {
  assert.deepEqual(shuffleAggregatePlan(10, 3, 2), {
    kind: 'shuffle-aggregate',
    splitOut: 3,
    shufflePartitions: 5,
    before: [0, 2, 4, 6, 8].map((start) => ({ start, end: start + 2 })),
    after: [{ start: 0, end: 1 }, { start: 1, end: 3 }, { start: 3, end: 5 }],
  });
  assert.deepEqual(shuffleAggregatePlan(3, 2), { kind: 'shuffle-aggregate', splitOut: 2, shufflePartitions: 2, before: [{ start: 0, end: 1 }, { start: 1, end: 3 }], after: null });
  assert.deepEqual(shuffleAggregatePlan(20, 2, false), { kind: 'shuffle-aggregate', splitOut: 2, shufflePartitions: 2, before: [{ start: 0, end: 10 }, { start: 10, end: 20 }], after: null });
  assert.equal(shuffleAggregatePlan(4, 6).before, null);
  assert.throws(() => shuffleAggregatePlan(4, 2, 0), /split_every must be an integer >= 1/);
});

test('groupby.agg and size with split_out equal Dask partition by partition: the default shuffle and shuffle=False trees', { skip: !hasDask() }, () => {
  const parts = randomPartitions(31, [40, 0, 25, 60, 9, 33, 18]);
  const meta = frameMeta(parts[0]);
  const cases: Array<{ by: string | string[]; arg?: AggArg; splitOut: number; sort?: boolean; dropna?: boolean; every?: number; shuffle?: boolean }> = [
    { by: 'k', arg: 'sum', splitOut: 3 },
    { by: 'g', arg: { f: ['mean', 'std'], i: ['sum', 'min'], t: 'count' }, splitOut: 2, every: 2 },
    { by: ['k', 'g'], arg: { f: 'sum', i: ['first', 'last', 'var'] }, splitOut: 4, sort: false, dropna: false },
    { by: 'i', arg: { f: 'max', g: 'sum' }, splitOut: 5, every: 3 },
    { by: 'k', arg: { i: 'mean' }, splitOut: 1, sort: true, shuffle: true },
    { by: 'k', arg: { f: ['sum', 'count'], i: 'max' }, splitOut: 3, shuffle: false, dropna: false },
    { by: ['t', 'g'], arg: 'sum', splitOut: 2, shuffle: false, sort: false, every: 2 },
    { by: 'k', splitOut: 3 },
    { by: ['g', 'k'], splitOut: 2, dropna: false, every: 2 },
    { by: 'g', splitOut: 3, shuffle: false, every: 3 },
  ];
  const exprs: string[] = [];
  const runs: Array<() => Array<Frame | Series>> = [];
  for (const c of cases) {
    const grouping = [py(c.by), ...(c.sort === undefined ? [] : [`sort=${py(c.sort)}`]), ...(c.dropna === undefined ? [] : [`dropna=${py(c.dropna)}`])].join(', ');
    const extra = `split_out=${c.splitOut}${c.every ? `, split_every=${c.every}` : ''}${c.shuffle === undefined ? '' : `, shuffle=${py(c.shuffle)}`}`;
    const call = c.arg === undefined ? `size(${extra})` : `agg(${JSON.stringify(c.arg)}, ${extra})`;
    for (let j = 0; j < c.splitOut; j++) exprs.push(`df.groupby(${grouping}).${call}.partitions[${j}]`);
    const plan = c.arg === undefined ? null : planGroupbyAgg(meta, c.by, c.arg);
    const by = Array.isArray(c.by) ? c.by : [c.by];
    const spec: GroupbySpec = { kind: 'dataframe-groupby', by, options: { sort: c.sort ?? null, dropna: c.dropna ?? null }, plan, projection: null };
    const kernel = framewise(spec);
    const shuffled = c.shuffle ?? c.splitOut > 1;
    const keys: ShardKeys = { from: 'columns', names: groupKeyWireNames(by.length), combined: shuffled || by.length > 1 };
    runs.push(() =>
      shuffled
        ? runShuffleAggregate(kernel, parts, keys, shuffleAggregatePlan(parts.length, c.splitOut, c.every))
        : runSplitOutTree(kernel, parts, keys, dropDuplicatesPlan(parts.length, { split_out: c.splitOut, split_every: c.every })),
    );
  }
  const dask = runDask(parts, exprs);
  let at = 0;
  runs.forEach((run, i) => {
    const ours = run();
    assert.equal(ours.length, cases[i].splitOut, `case ${i}: partitions`);
    for (const partition of ours) {
      assertSameAsDask(partition, dask[at], exprs[at]);
      at++;
    }
  });
});

test('value_counts and unique with split_out equal Dask partition by partition, normalize dividing by the length', { skip: !hasDask() }, () => {
  const parts = randomPartitions(32, [50, 0, 31, 64, 7, 40]);
  const exprs: string[] = [];
  const runs: Array<() => Array<Frame | Series>> = [];
  for (const col of ['k', 'f', 't']) {
    const series = parts.map((p) => seriesOf(p, col));
    const length = (dropna: boolean) => series.reduce((n, s) => n + (dropna ? Array.from({ length: s.length }, (_, r) => r).filter((r) => !isMissingAt(s.column, r)).length : s.length), 0);
    const optionSets: ValueCountsOptions[] = [{}, { sort: false }, { ascending: true }, { dropna: false }, { normalize: true }, { normalize: true, dropna: false, sort: false }];
    for (const options of optionSets) {
      for (const [splitOut, every] of [[2, undefined], [3, 2]] as const) {
        const args = [...Object.entries(options).map(([k, v]) => `${k}=${py(v)}`), `split_out=${splitOut}`, ...(every ? [`split_every=${every}`] : [])];
        for (let j = 0; j < splitOut; j++) exprs.push(`df['${col}'].value_counts(${args.join(', ')}).partitions[${j}]`);
        const spec: ValueCountsSpec = { kind: 'series-value-counts', how: 'value_counts', options };
        const total = options.normalize ? length(options.dropna !== false) : undefined;
        runs.push(() => runSplitOutTree(framewise(spec, col, total), series, { from: 'index', combined: false }, dropDuplicatesPlan(series.length, { split_out: splitOut, split_every: every })));
      }
    }
    for (const [splitOut, every] of [[2, undefined], [4, 2]] as const) {
      for (let j = 0; j < splitOut; j++) exprs.push(`df['${col}'].unique(split_out=${splitOut}${every ? `, split_every=${every}` : ''}).partitions[${j}]`);
      const spec: ValueCountsSpec = { kind: 'series-value-counts', how: 'unique', options: {} };
      runs.push(() => runSplitOutTree(framewise(spec, col), series, { from: 'columns', names: [SERIES_COLUMN], combined: false }, dropDuplicatesPlan(series.length, { split_out: splitOut, split_every: every })));
    }
  }
  const dask = runDask(parts, exprs);
  let at = 0;
  for (const run of runs) {
    for (const partition of run()) {
      assertSameAsDask(partition, dask[at], exprs[at]);
      at++;
    }
  }
  assert.equal(at, exprs.length);
});

test("split_out's graphs have Dask's shape: chunks, splits, S aggregates and the concat down to split_out; a tree per output", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-split-out-'));
  try {
    fs.writeFileSync(path.join(dir, 'n.csv'), 'a,b\n' + Array.from({ length: 400 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n');
    const pipeline: PipelineFile = {
      weft: 1,
      nodes: [
        { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'n.csv', blocksize: 150 } },
        { id: 'shuffled', op: 'dataframe.groupby.agg', inputs: ['df'], params: { by: 'b', arg: 'sum', split_out: 3, split_every: 2 } },
        { id: 'tree', op: 'dataframe.groupby.size', inputs: ['df'], params: { by: 'b', split_out: 2, split_every: 4, shuffle: false } },
      ],
    };
    const tasks = [...planPipeline(pipeline, { baseDir: dir }).full.tasks.values()];
    const n = tasks.filter((t) => t.nodeIds.includes('df') && t.layer.startsWith('read-csv')).length;
    const of = (id: string) => tasks.filter((t) => t.nodeIds.includes(id));
    const byKind = (id: string) => {
      const counts: Record<string, number> = {};
      for (const t of of(id)) {
        const work = t.work.kind === 'chain' ? `${t.work.source.kind}>${t.work.sink.kind}` : t.work.kind;
        counts[work] = (counts[work] ?? 0) + 1;
      }
      return counts;
    };
    const S = Math.max(Math.floor(n / 2), 3);
    assert.ok(n >= 8 && S > 3, `enough partitions (${n}) for a shuffle with runs before and after`);
    assert.deepEqual(byKind('shuffled'), { 'input>collect': n, 'frame-concat>split-out-shard': S, 'split-out-reduce>collect': S, 'split-out-concat>collect': 3 });
    for (const t of of('shuffled').filter((t) => t.work.kind === 'chain' && t.work.source.kind === 'split-out-reduce')) assert.equal(t.deps.length, S);
    // per output: the levels of Dask's tree above the chunks, the last one the aggregate
    const perOutput = dropDuplicatesPlan(n, { split_every: 4 }).widths.slice(1).reduce((a, b) => a + b, 0);
    assert.ok(perOutput > 2, 'the tree has combines');
    assert.deepEqual(byKind('tree'), { 'input>split-out-shard': n, 'split-out-reduce>collect': 2 * perOutput });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
