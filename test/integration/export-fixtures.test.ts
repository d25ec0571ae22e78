/**
 * Every fixture pipeline (together they use every Bag operation and its main params, to_textfiles and persist
 * included) exported to Python and run unchanged under Debian's Dask gives the answer Dask recorded for the pipeline
 * itself (the sidecar): the same outputs, the same written files, the same errors on the same nodes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { OPERATIONS, exportPipeline, loadPipelineFile } from '../../engine/index.js';
import { REPO_ROOT, hasDask, requireOrSkip } from '../support/environment.js';
import { asMultiset, parseJsonKeepingFloats } from '../support/compare-json.js';
import { runExportedPython, scriptNodes, type PythonOutcome } from '../support/exported-programs.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

interface Sidecar {
  results?: Record<string, unknown>;
  files?: Record<string, string>;
  error?: { type: string; message: string; node?: string };
  unordered?: string[];
  unorderedGroupValues?: string[];
}

// The DataFrame fixtures on the full KDD file (not in the repository) are run by df-kdd-full-reference.test.ts.
const names = fs
  .readdirSync(path.join(FIXTURES, 'pipelines'))
  .filter((f) => f.endsWith('.weft.json') && !f.startsWith('df-kdd-full-'))
  .filter((f) => (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pipelines', f), 'utf8')) as { nodes: Array<{ op: string }> }).nodes.every((n) => OPERATIONS.has(n.op)))
  .map((f) => f.replace(/\.weft\.json$/, ''))
  .sort();

describe('fixture pipelines exported to Python give Dask\'s recorded answers', () => {
  let dir = '';
  const outcomes = new Map<string, PythonOutcome>();
  let failure: Error | null = null;

  before(async () => {
    if (!hasDask()) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-export-fixtures-'));
    fs.cpSync(path.join(FIXTURES, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true, filter: (src) => !src.includes(`${path.sep}out`) });
    fs.cpSync(path.join(FIXTURES, 'data'), path.join(dir, 'data'), { recursive: true });
    const pipelines = path.join(dir, 'pipelines');
    const jobs = names.map((name) => {
      const exported = exportPipeline(loadPipelineFile(path.join(pipelines, `${name}.weft.json`)), { to: 'python', scriptName: `${name}.py` });
      const script = path.join(pipelines, `${name}.py`);
      fs.writeFileSync(script, exported.text);
      return { script, argv: ['--scheduler', 'sync'], nodes: scriptNodes(exported) };
    });
    try {
      (await runExportedPython(jobs, dir)).forEach((outcome, i) => outcomes.set(names[i], outcome));
    } catch (e) {
      failure = e as Error;
    }
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of names) {
    test(name, (t) => {
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      if (failure) throw failure;
      const pipelines = path.join(dir, 'pipelines');
      const sidecar = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pipelines', `${name}.expected.json`), 'utf8')) as Sidecar;
      const outcome = outcomes.get(name)!;
      if (sidecar.error) {
        const error = outcome.parsed.error;
        assert.ok(error, `expected ${sidecar.error.type}: ${sidecar.error.message}, got ${outcome.text.slice(0, 300)}`);
        assert.equal(`${error.type}: ${error.message}`, `${sidecar.error.type}: ${sidecar.error.message}`);
        assert.equal(error.node, sidecar.error.node ?? null, 'the failing node');
        return;
      }
      assert.ok(outcome.parsed.results, `the exported script failed: ${outcome.text.slice(0, 500)}`);
      const results = (parseJsonKeepingFloats(outcome.text) as { results: Record<string, unknown> }).results;
      // The sidecar's text, not its parse: `2.0` and `2` must stay apart.
      const sidecarText = fs.readFileSync(path.join(FIXTURES, 'pipelines', `${name}.expected.json`), 'utf8');
      const expectedResults = (parseJsonKeepingFloats(sidecarText) as { results: Record<string, unknown> }).results;
      assert.deepEqual(Object.keys(results), Object.keys(expectedResults), 'the outputs');
      for (const [id, value] of Object.entries(expectedResults)) {
        let actual = results[id];
        // to_textfiles gives the absolute paths it wrote; the sidecar keeps them relative to the pipeline's folder.
        if (sidecar.files && Array.isArray(actual) && actual.every((p) => typeof p === 'string' && path.isAbsolute(p))) {
          actual = (actual as string[]).map((p) => path.relative(pipelines, p));
        }
        const normalize = (v: unknown) => (sidecar.unordered?.includes(id) ? asMultiset(v, sidecar.unorderedGroupValues?.includes(id)) : v);
        assert.deepEqual(normalize(actual), normalize(value), `output '${id}'`);
      }
      for (const [file, text] of Object.entries(sidecar.files ?? {})) {
        const bytes = fs.readFileSync(path.join(pipelines, file));
        assert.equal((file.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8'), text, `written file ${file}`);
      }
    });
  }
});
