import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PipelineFile } from '../spec/pipeline.js';
import { planPipeline } from '../run/session.js';
import { runPipeline } from '../run/run-pipeline.js';

/** A CSV whose column `n` looks like ints in Dask's sample (its first rows) and holds text in a later block. */
function csvWithLateText(dir: string): string {
  const rows = ['id,n,name'];
  for (let i = 0; i < 400; i++) rows.push(`${i},${i === 350 ? 'oops' : i * 2},x${i % 7}`);
  const file = path.join(dir, 'late.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

function pipeline(nodes: PipelineFile['nodes']): PipelineFile {
  return { weft: 1, nodes: [{ id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'late.csv', blocksize: 1000 } }, ...nodes] };
}

function readColumns(p: PipelineFile, dir: string): Array<unknown[] | undefined> {
  const { optimized } = planPipeline(p, { baseDir: dir });
  return [...optimized.tasks.values()].flatMap((t) => (t.work.kind === 'chain' && t.work.source.kind === 'csv-block' ? [t.work.source.columns] : []));
}

test('len reads only the first column of a CSV, as Dask does, so a bad value elsewhere does not fail it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-projection-'));
  try {
    csvWithLateText(dir);
    const counted = pipeline([{ id: 'n', op: 'dataframe.len', inputs: ['df'] }]);
    const columns = readColumns(counted, dir);
    assert.ok(columns.length > 1, 'several blocks');
    assert.ok(columns.every((c) => JSON.stringify(c) === '["id"]'), JSON.stringify(columns));
    const { results } = await runPipeline(counted, { baseDir: dir, scheduler: 'sync' });
    assert.equal(results.n, 400);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a pipeline of one partition, fused down to its result, still reads only the selected column, as Dask does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-projection-'));
  try {
    // Past Dask's 256,000-byte sample, so the meta says int64 for n and the one block disagrees.
    const rows = ['id,n,name'];
    for (let i = 0; i < 20_000; i++) rows.push(`${i},${i === 19_000 ? 'oops' : i * 2},x${i % 7}`);
    fs.writeFileSync(path.join(dir, 'late.csv'), rows.join('\n') + '\n');
    const counted: PipelineFile = {
      weft: 1,
      nodes: [
        { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'late.csv', blocksize: null } },
        { id: 's', op: 'dataframe.getitem', inputs: ['df'], params: { key: 'name' } },
        { id: 'vc', op: 'series.value_counts', inputs: ['s'] },
      ],
    };
    const { optimized } = planPipeline(counted, { baseDir: dir });
    assert.equal(optimized.tasks.size, 1, 'one fused task, whose key is the output');
    assert.deepEqual(readColumns(counted, dir), [['name']]);
    const { results } = await runPipeline(counted, { baseDir: dir, scheduler: 'sync' });
    const counts = results.vc as { length: number };
    assert.equal(counts.length, 7);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a dict aggregation reads its keys and columns, as Dask's groupby selects them; a name for every column reads all", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-projection-'));
  try {
    csvWithLateText(dir);
    for (const blocksize of [1000, null]) {
      const grouped = (arg: unknown): PipelineFile => ({
        weft: 1,
        nodes: [
          { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'late.csv', blocksize } },
          { id: 'g', op: 'dataframe.groupby.agg', inputs: ['df'], params: { by: 'name', arg } },
        ],
      });
      const byDict = grouped({ id: 'sum' });
      assert.ok(readColumns(byDict, dir).every((c) => JSON.stringify(c) === '["id","name"]'), JSON.stringify(readColumns(byDict, dir)));
      const { results } = await runPipeline(byDict, { baseDir: dir, scheduler: 'sync' });
      // Sums of id per name worked out from the rows: x0 holds ids 0, 7, 14, ...
      const sums = (results.g as { columns: Array<{ values: Float64Array }> }).columns[0].values;
      assert.equal(sums[0], Array.from({ length: 400 }, (_, i) => i).filter((i) => i % 7 === 0).reduce((a, b) => a + b, 0));
      await assert.rejects(runPipeline(grouped('sum'), { baseDir: dir, scheduler: 'sync' }), /Mismatched dtypes found/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a query between the reader and len reads every column, and the late text fails as in Dask', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-projection-'));
  try {
    csvWithLateText(dir);
    const filtered = pipeline([
      { id: 'q', op: 'dataframe.query', inputs: ['df'], params: { expr: 'id >= 0' } },
      { id: 'n', op: 'dataframe.len', inputs: ['q'] },
    ]);
    assert.ok(readColumns(filtered, dir).every((c) => c === undefined));
    await assert.rejects(runPipeline(filtered, { baseDir: dir, scheduler: 'sync' }), /Mismatched dtypes found in `pd.read_csv`\/`pd.read_table`/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
