/**
 * Export to Python, then import: every sample and every corpus pipeline comes back exactly (name, description,
 * functions, nodes in their file order, params, layout); through the command line, the sample files come back
 * byte for byte.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportPipeline, importPython, serializePipeline, type PipelineFile } from '../../engine/index.js';
import { REPO_ROOT } from '../support/environment.js';
import { runCli } from '../support/run-cli.js';
import { generateCorpus } from '../corpus/generate-corpus.js';
import { generateDataframeCorpus } from '../corpus/generate-dataframe-corpus.js';
import { KDD_COLUMNS } from '../support/kdd-columns.js';
import { PIPELINES, dfFixtureNames } from '../support/df-sidecars.js';

const SAMPLES = ['bag-creation', 'bag-basics', 'set-operations', 'dataframe-basics'];

/** The DataFrame fixtures, whose pipelines use every DataFrame op and its main params. */
function dataframeFixtures(): Array<{ name: string; pipeline: PipelineFile }> {
  return dfFixtureNames().map((name) => ({ name, pipeline: JSON.parse(fs.readFileSync(path.join(PIPELINES, `${name}.weft.json`), 'utf8')) as PipelineFile }));
}

const sample = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'samples', `${name}.weft.json`), 'utf8')) as PipelineFile;

describe('export to Python, then import, gives the same pipeline', () => {
  const all = [...SAMPLES.map((name) => ({ name, pipeline: sample(name) })), ...generateCorpus(60), ...generateDataframeCorpus(30, [...KDD_COLUMNS]), ...dataframeFixtures()];
  for (const { name, pipeline } of all) {
    test(name, () => {
      const result = importPython(exportPipeline(pipeline, { to: 'python' }).text);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
      assert.deepEqual(result.pipeline, pipeline);
    });
  }
});

describe('weft export and weft import on the command line', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-import-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of SAMPLES) {
    test(`${name}: export -o, then import -o, writes the sample file again byte for byte`, async () => {
      const script = path.join(dir, `${name}.py`);
      const back = path.join(dir, `${name}.weft.json`);
      const exported = await runCli(['export', path.join(REPO_ROOT, 'samples', `${name}.weft.json`), '--to', 'python', '-o', script]);
      assert.equal(exported.code, 0, exported.stderr);
      const imported = await runCli(['import', script, '-o', back]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.equal(fs.readFileSync(back, 'utf8'), fs.readFileSync(path.join(REPO_ROOT, 'samples', `${name}.weft.json`), 'utf8'));
      assert.equal(serializePipeline(sample(name)), fs.readFileSync(back, 'utf8'));
    });
  }

  test('import reports what it cannot read with file and line, writes nothing, and exits 2', async () => {
    const script = path.join(dir, 'odd.py');
    fs.writeFileSync(script, 'import dask.bag as db\nb = db.from_sequence(range(3))\nc = b.to_delayed()\n');
    const out = path.join(dir, 'odd.weft.json');
    const run = await runCli(['import', script, '-o', out]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${script.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: \\.to_delayed\\(\\) is not an operation Weft has`));
    assert.equal(fs.existsSync(out), false);
  });

  test('export --to dot prints the planned task graph, as weft graph does', async () => {
    const file = path.join(REPO_ROOT, 'test/fixtures/pipelines/concat.weft.json');
    const copy = path.join(dir, 'pipelines');
    fs.cpSync(path.join(REPO_ROOT, 'test/fixtures/pipelines'), copy, { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'test/fixtures/data'), path.join(dir, 'data'), { recursive: true });
    const inCopy = path.join(copy, path.basename(file));
    const [exported, graph] = await Promise.all([runCli(['export', inCopy, '--to', 'dot']), runCli(['graph', inCopy, '--format', 'dot'])]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /^digraph weft \{/);
    assert.equal(exported.stdout, graph.stdout);
  });

  test('export --to typescript and --to notebook write programs that name the pipeline', async () => {
    const file = path.join(REPO_ROOT, 'samples/bag-basics.weft.json');
    const ts = await runCli(['export', file, '--to', 'typescript']);
    assert.equal(ts.code, 0, ts.stderr);
    assert.match(ts.stdout, /from 'weft\/engine';/);
    assert.match(ts.stdout, /^    \{ id: "kv", op: "bag.map", inputs: \["raw"\], params: \{ func: "parse_interaction" \} \},$/m);
    assert.match(ts.stdout, /^const functions = `def parse_interaction\(line\):$/m);
    const nb = await runCli(['export', file, '--to', 'notebook']);
    assert.equal(JSON.parse(nb.stdout).nbformat, 4);
    const bad = await runCli(['export', file, '--to', 'java']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--to must be python, notebook, typescript or dot, not 'java'/);
  });
});
