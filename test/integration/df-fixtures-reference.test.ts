/**
 * The DataFrame fixtures (test/fixtures/pipelines/df-*) are what Weft's DataFrame engine will be compared with, so
 * their recorded sidecars must be what Dask 2022.12 computes: every df fixture is rerun on real Dask (one
 * dask_run.py process for all of them) and must give its sidecar's results, partition counts, divisions, `_meta`,
 * written files, warnings and errors. Each output must be the same when computed without the fixture's other outputs
 * (Dask gives nodes whose keys collide one answer: value_counts' key leaves out `sort`). `dask_run.py --partitions`
 * must give partitions that make up the whole. (The fixtures on the full KDD file: df-kdd-full-reference.test.ts.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hasDask, requireOrSkip } from '../support/environment.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { partitionsOnDask, runManyOnDask, type DaskOutput } from '../support/dask-reference.js';
import { KDD_FULL_PREFIX, PIPELINES, assertMatchesSidecar, copyFixtures, dfFixtureNames, readDfSidecar as readSidecar, type DfSidecar as Sidecar, type FrameValue } from '../support/df-sidecars.js';

/** Every operation issue 11 lists; each must appear in some df fixture. */
const ISSUE_OPS = [
  'dataframe.read_csv', 'dataframe.from_dict', 'bag.to_dataframe', 'dataframe.to_bag', 'dataframe.getitem', 'dataframe.query', 'dataframe.eval',
  'dataframe.astype', 'dataframe.rename', 'dataframe.drop', 'dataframe.dropna', 'dataframe.fillna', 'dataframe.drop_duplicates', 'dataframe.repartition',
  'dataframe.persist', 'dataframe.groupby.agg', 'dataframe.groupby.size', 'dataframe.merge', 'dataframe.concat', 'dataframe.set_index',
  'dataframe.sort_values', 'dataframe.nlargest', 'dataframe.nsmallest', 'dataframe.head', 'dataframe.describe', 'dataframe.len', 'dataframe.sum',
  'dataframe.mean', 'dataframe.count', 'dataframe.min', 'dataframe.max', 'dataframe.std', 'dataframe.var', 'dataframe.to_csv', 'series.value_counts',
  'series.unique', 'series.nunique', 'series.sum', 'series.mean', 'series.count', 'series.min', 'series.max', 'series.std', 'series.var', 'series.map',
  'series.isin', 'series.astype', 'series.nlargest', 'series.to_frame', 'series.describe', 'series.quantile',
];

// The full-KDD fixtures take half a minute on Dask; df-kdd-full-reference.test.ts runs them.
const all = dfFixtureNames();
const names = all.filter((n) => !n.startsWith(KDD_FULL_PREFIX));

describe('DataFrame fixtures: the sidecars are what Dask computes', () => {
  let dir = '';
  const live = new Map<string, DaskOutput>();

  before(async () => {
    if (!hasDask()) return;
    dir = copyFixtures('weft-df-fixtures-');
    const outputs = await runManyOnDask(names.map((n) => path.join(dir, 'pipelines', `${n}.weft.json`)));
    names.forEach((n, i) => live.set(n, outputs[i]));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('there are at least 80 df fixtures, with errors among them, and together they use every op of issue 11', () => {
    assert.ok(all.length >= 80, `${all.length} df fixtures`);
    assert.ok(all.filter((n) => n.startsWith('df-error-')).length >= 8, 'error fixtures');
    const used = new Set(all.flatMap((n) => (JSON.parse(fs.readFileSync(path.join(PIPELINES, `${n}.weft.json`), 'utf8')) as { nodes: Array<{ op: string }> }).nodes.map((node) => node.op)));
    assert.deepEqual(ISSUE_OPS.filter((op) => !used.has(op)), [], 'ops no fixture uses');
    for (const n of all) assert.ok(fs.existsSync(path.join(PIPELINES, `${n}.expected.json`)), `${n} has a sidecar`);
  });

  for (const name of names) {
    test(name, (t) => {
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      assertMatchesSidecar(parseJsonKeepingFloats(live.get(name)!.text) as Sidecar, readSidecar(name));
    });
  }

  test('each output of a df fixture is the same computed alone: no node of a fixture changes another\'s answer (as Dask keys that collide would)', async (t) => {
    if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
    const alone: Array<{ file: string; name: string; id: string }> = [];
    for (const name of names) {
      const sidecar = readSidecar(name);
      const outputs = Object.keys(sidecar.results ?? {});
      if (outputs.length < 2) continue;
      const pipeline = JSON.parse(fs.readFileSync(path.join(PIPELINES, `${name}.weft.json`), 'utf8')) as { nodes: Array<{ id: string; inputs?: string[] }> };
      const byId = new Map(pipeline.nodes.map((n) => [n.id, n]));
      for (const id of outputs) {
        const keep = new Set<string>();
        const stack = [id];
        while (stack.length) {
          const next = stack.pop()!;
          if (keep.has(next)) continue;
          keep.add(next);
          stack.push(...(byId.get(next)!.inputs ?? []));
        }
        const file = path.join(dir, 'pipelines', `${name}--alone-${id}.weft.json`);
        fs.writeFileSync(file, JSON.stringify({ ...pipeline, nodes: pipeline.nodes.filter((n) => keep.has(n.id)) }));
        alone.push({ file, name, id });
      }
    }
    const outputs = await runManyOnDask(alone.map((a) => a.file));
    alone.forEach(({ name, id }, i) => {
      const theirs = parseJsonKeepingFloats(outputs[i].text) as Sidecar;
      assert.deepEqual(theirs.results?.[id], readSidecar(name).results![id], `${name}: '${id}' alone`);
    });
  });

  test('--partitions prints each partition of a node: together they are the whole, each within its divisions', async (t) => {
    if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
    const [blocks, indexed] = await Promise.all([
      partitionsOnDask(path.join(dir, 'pipelines', 'df-read-csv-blocksize.weft.json'), 'low'),
      partitionsOnDask(path.join(dir, 'pipelines', 'df-set-index-partitions.weft.json'), 's'),
    ]);

    const whole = readSidecar('df-read-csv-blocksize').results!.low as FrameValue;
    const parts = (parseJsonKeepingFloats(blocks.text) as { partitions: FrameValue[] }).partitions;
    assert.equal(parts.length, readSidecar('df-read-csv-blocksize').npartitions!.low);
    assert.deepEqual(parts.flatMap((p) => p.index), whole.index, 'indexes, concatenated');
    assert.deepEqual(parts.flatMap((p) => p.data), whole.data, 'rows, concatenated');
    for (const p of parts) assert.deepEqual([p.columns, p.dtypes], [whole.columns, whole.dtypes], 'each partition has the columns and dtypes');

    const sidecar = readSidecar('df-set-index-partitions');
    const sorted = (parseJsonKeepingFloats(indexed.text) as { partitions: FrameValue[] }).partitions;
    const divisions = sidecar.divisions!.s as number[];
    assert.equal(sorted.length, divisions.length - 1);
    sorted.forEach((p, i) => {
      const labels = p.index as number[];
      const last = i === sorted.length - 1;
      assert.ok(labels.every((l) => l >= divisions[i] && (last ? l <= divisions[i + 1] : l < divisions[i + 1])), `partition ${i} within [${divisions[i]}, ${divisions[i + 1]}${last ? ']' : ')'}`);
    });
    assert.equal(sorted.reduce((n, p) => n + p.index.length, 0), sidecar.results!.n);
    const first = sidecar.results!.first as FrameValue;
    assert.deepEqual([sorted[0].index.slice(0, 3), sorted[0].data.slice(0, 3)], [first.index, first.data], 'head(3) is the first partition\'s first rows');
  });
});
