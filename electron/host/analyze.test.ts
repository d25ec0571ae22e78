/**
 * The host's analysis of a DataFrame document, against pandas: each node's schema is the dtypes pandas reads, a
 * misspelled column in a query is placed at its line and column with pandas' error, the nodes above it keep their
 * schemas; a frame result becomes a table whose rows are pandas' `to_json(orient='split')`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runPipeline, type PipelineFile } from '../../engine/index.js';
import { hasDask, PYTHON, requireOrSkip } from '../../test/support/environment.js';
import { analyzePipeline } from './problems.js';
import { tableOf } from './show-value.js';

const CSV = 'name,amount,score,kind\nalice,10,1.5,a\nbob,-5,,b\ncarol,7,2.0,a\ndan,3,0.25,b\n';

function pandas(script: string, dir: string): unknown {
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { cwd: dir, encoding: 'utf8' }));
}

function pipelineOf(expr: string): PipelineFile {
  return {
    weft: 1,
    nodes: [
      { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'people.csv' } },
      { id: 'q', op: 'dataframe.query', inputs: ['df'], params: { expr } },
      { id: 'n', op: 'dataframe.len', inputs: ['q'] },
    ],
  };
}

test('analyze: schemas as pandas reads them; a misspelled query column at its column, with pandas\' error', async (t) => {
  if (!requireOrSkip(t, hasDask(), 'Debian python3 with dask')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-analyze-'));
  try {
    fs.writeFileSync(path.join(dir, 'people.csv'), CSV);
    const good = analyzePipeline(pipelineOf('amount > 0'), dir);
    assert.deepEqual(good.problems, []);
    const dtypes = pandas("import dask.dataframe as dd, json; df = dd.read_csv('people.csv'); print(json.dumps([[c, str(t)] for c, t in df.dtypes.items()]))", dir);
    for (const id of ['df', 'q']) {
      const schema = good.schemas[id];
      assert.equal(schema.kind, 'frame');
      if (schema.kind === 'frame') assert.deepEqual(schema.columns.map((c) => [c.name, c.dtype]), dtypes);
      assert.equal(schema.npartitions, 1);
      assert.equal(schema.divisionsKnown, false);
    }
    assert.equal(good.schemas.n, undefined, 'len makes a value, which has no schema');

    const expr = "amount > 0 and kidn == 'a'";
    const bad = analyzePipeline(pipelineOf(expr), dir);
    assert.equal(bad.problems.length, 1);
    const [problem] = bad.problems;
    assert.equal(problem.nodeId, 'q');
    assert.equal(problem.param, 'expr');
    assert.equal(problem.line, 1);
    assert.equal(problem.column, expr.indexOf('kidn') + 1);
    const message = pandas(`import pandas as pd, json\ntry:\n  pd.read_csv('people.csv').query(${JSON.stringify(expr)})\nexcept Exception as e:\n  print(json.dumps(type(e).__name__ + ': ' + str(e)))`, dir) as string;
    assert.ok(problem.message.startsWith(message), `${problem.message} starts with pandas' ${message}`);
    assert.ok(bad.schemas.df, 'the node above the mistake keeps its schema');
    assert.equal(bad.schemas.q, undefined);

    // A node the validation refuses (an unknown op) leaves the schemas of the nodes that do not depend on it.
    const withUnknown = pipelineOf('amount > 0');
    withUnknown.nodes.push({ id: 'x', op: 'dataframe.no_such_op', inputs: ['q'] }, { id: 'y', op: 'dataframe.len', inputs: ['x'] });
    const partial = analyzePipeline(withUnknown, dir);
    assert.deepEqual(partial.problems.map((p) => p.nodeId), ['x']);
    assert.deepEqual(Object.keys(partial.schemas).sort(), ['df', 'q']);

    // The nodes above a refused one are still checked: a misspelled column stays placed while a node below it (a
    // groupby.agg not filled in yet) is missing its params.
    const unfinished = pipelineOf(expr);
    unfinished.nodes.push({ id: 'g', op: 'dataframe.groupby.agg', inputs: ['q'] });
    const both = analyzePipeline(unfinished, dir);
    assert.deepEqual(both.problems.map((p) => [p.nodeId, p.param, p.column]), [['g', 'by', undefined], ['g', 'arg', undefined], ['q', 'expr', expr.indexOf('kidn') + 1]]);
    assert.ok(both.problems.some((p) => p.nodeId === 'q' && p.message.startsWith(message)), 'the query keeps its problem');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("analyze: groupby.agg with lists names its columns by (column, function) tuples, with the dtypes and index of Dask's _meta", async (t) => {
  if (!requireOrSkip(t, hasDask(), 'Debian python3 with dask')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-analyze-'));
  try {
    fs.writeFileSync(path.join(dir, 'people.csv'), CSV);
    const arg = { amount: ['sum', 'count'], score: 'mean' };
    const pipeline: PipelineFile = {
      weft: 1,
      nodes: [
        { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'people.csv' } },
        { id: 'g', op: 'dataframe.groupby.agg', inputs: ['df'], params: { by: 'kind', arg } },
      ],
    };
    const { problems, schemas } = analyzePipeline(pipeline, dir);
    assert.deepEqual(problems, []);
    const meta = pandas(`import dask.dataframe as dd, json\nm = dd.read_csv('people.csv').groupby('kind').agg(${JSON.stringify(arg)})._meta\nprint(json.dumps({'columns': [[list(c), str(t)] for c, t in m.dtypes.items()], 'index': [m.index.name, str(m.index.dtype)]}))`, dir) as { columns: unknown[]; index: unknown[] };
    const schema = schemas.g;
    assert.equal(schema.kind, 'frame');
    if (schema.kind !== 'frame') return;
    assert.deepEqual(schema.columns.map((c) => [c.name, c.dtype]), meta.columns);
    assert.deepEqual([schema.index.names[0], schema.index.dtypes[0]], meta.index);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('table: a frame result as pandas prints it in split JSON, its first rows only, with dtypes and the row count', async (t) => {
  if (!requireOrSkip(t, hasDask(), 'Debian python3 with dask')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-table-'));
  try {
    fs.writeFileSync(path.join(dir, 'people.csv'), CSV);
    const { results } = await runPipeline({ weft: 1, nodes: [{ id: 'q', op: 'dataframe.read_csv', params: { urlpath: 'people.csv' } }] }, { baseDir: dir, scheduler: 'sync' });
    const value = results.q as Parameters<typeof tableOf>[0];
    const facts = { npartitions: 1, divisionsKnown: false, isWhole: false };
    const expected = pandas("import pandas as pd, json; df = pd.read_csv('people.csv').head(3); s = json.loads(df.to_json(orient='split')); print(json.dumps({'rows': s['data'], 'index': s['index'], 'dtypes': [str(t) for t in df.dtypes]}))", dir) as { rows: unknown[][]; index: unknown[]; dtypes: string[] };
    const table = tableOf(value, 'dataframe', { ...facts, limit: 3 });
    assert.equal(table.kind, 'table');
    if (table.kind !== 'table') return;
    assert.deepEqual(table.rows, expected.rows);
    assert.deepEqual(table.index, expected.index);
    assert.deepEqual(table.columns.map((c) => c.dtype), expected.dtypes);
    assert.equal(table.rowCount, null, 'a preview of exactly the limit may not be the whole frame');
    const whole = tableOf(value, 'dataframe', { ...facts, limit: 10 });
    assert.equal(whole.kind === 'table' && whole.rowCount, 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
