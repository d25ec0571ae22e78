/**
 * The notebook export of each sample is a valid nbformat 4 notebook that executes top to bottom in a fresh Python 3
 * kernel (nbclient and ipykernel from Debian, Dask from Debian) and gives Weft's results.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exportPipeline, loadPipelineFile, runPipeline, toJsonText } from '../../engine/index.js';
import { KDD_FILE, PYTHON, REPO_ROOT, hasDask, requireOrSkip, requireKddFile } from '../support/environment.js';
import { makeSamplesWorkspace } from '../support/samples-workspace.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';

const SAMPLES = ['bag-creation', 'bag-basics', 'set-operations', 'dataframe-basics'];

function hasNbclient(): boolean {
  return hasDask() && fs.existsSync('/usr/lib/python3/dist-packages/nbclient') && fs.existsSync('/usr/lib/python3/dist-packages/ipykernel');
}

describe('notebook export', () => {
  let dir = '';
  const outcomes = new Map<string, string>();
  let failure: Error | null = null;

  before(async () => {
    if (!fs.existsSync(KDD_FILE) || !hasNbclient()) return;
    dir = makeSamplesWorkspace();
    const notebooks = SAMPLES.map((name) => {
      const file = path.join(dir, `${name}.ipynb`);
      fs.writeFileSync(file, exportPipeline(loadPipelineFile(path.join(dir, `${name}.weft.json`)), { to: 'notebook' }).text);
      return file;
    });
    const script = path.join(REPO_ROOT, 'test/support/run_notebooks.py');
    try {
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(PYTHON, [script, ...notebooks], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: '1' } }, (error, out, err) =>
          error ? reject(new Error(`run_notebooks.py failed: ${error.message}\n${err}`)) : resolve(out),
        ),
      );
      stdout.trim().split('\n').forEach((line, i) => outcomes.set(SAMPLES[i], line));
    } catch (e) {
      failure = e as Error;
    }
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test('a markdown cell explains each node before its code cell', () => {
    const pipeline = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'samples/bag-basics.weft.json'), 'utf8'));
    const notebook = JSON.parse(exportPipeline(pipeline, { to: 'notebook' }).text);
    assert.equal(notebook.nbformat, 4);
    const cells = notebook.cells as Array<{ cell_type: string; source: string[] }>;
    const text = (i: number) => cells[i].source.join('');
    const kv = cells.findIndex((c) => c.cell_type === 'markdown' && c.source.join('').startsWith('### `kv`: `bag.map`'));
    assert.ok(kv > 0, 'a markdown cell for kv');
    assert.match(text(kv), /Apply a function to every element/);
    assert.match(text(kv), /- `func` = `parse_interaction`: /);
    assert.equal(cells[kv + 1].cell_type, 'code');
    assert.equal(text(kv + 1), 'kv = raw.map(parse_interaction)');
  });

  for (const name of SAMPLES) {
    test(`${name}.ipynb runs top to bottom and gives Weft's results`, async (t) => {
      if (!requireKddFile(t)) return;
      if (!requireOrSkip(t, hasNbclient(), "Debian's python3-nbclient, python3-ipykernel and python3-dask")) return;
      if (failure) throw failure;
      const outcome = parseJsonKeepingFloats(outcomes.get(name)!) as { results?: Record<string, unknown>; error?: string };
      assert.ok(outcome.results, `the notebook failed: ${outcome.error}`);
      const ours = await runPipeline(loadPipelineFile(path.join(dir, `${name}.weft.json`)), { baseDir: dir });
      assert.deepEqual(outcome.results, parseJsonKeepingFloats(toJsonText(ours.results)));
    });
  }
});
