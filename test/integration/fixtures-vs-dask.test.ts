/**
 * Every fixture pipeline (test/fixtures/pipelines, covering every Bag op) runs on Weft's two schedulers and on real
 * Dask in the same test, and the outputs, partition counts, written files, warnings and errors must agree.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createThreadExecutor, loadPipelineFile, runPipeline, toJsonText, WeftError, type Executor } from '../../engine/index.js';
import { REPO_ROOT, hasDask, requireOrSkip } from '../support/environment.js';
import { asMultiset, parseJsonKeepingFloats } from '../support/compare-json.js';
import { runOnDask } from '../support/dask-reference.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

/**
 * Where Weft knowingly differs from Dask. Dask hands map_partitions a one-shot iterator when it fuses the input into
 * it and a list otherwise, so `lambda part: [sum(part), sum(part)]` gives different answers for the same node
 * depending on what else reads its input; Weft always passes a list (the answer Dask gives when the input is shared).
 */
const DEVIATIONS: Record<string, Record<string, unknown>> = {
  'map-partitions-one-shot': { twice_a: [6, 6, 15, 15] },
};

interface Sidecar {
  unordered?: string[];
  unorderedGroupValues?: string[];
}

function copyFixtures(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-fixtures-'));
  fs.cpSync(path.join(FIXTURES, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true, filter: (src) => !src.includes(`${path.sep}out`) });
  fs.cpSync(path.join(FIXTURES, 'data'), path.join(dir, 'data'), { recursive: true });
  return dir;
}

function normalized(value: unknown, id: string, sidecar: Sidecar): unknown {
  if (!sidecar.unordered?.includes(id)) return value;
  return asMultiset(value, sidecar.unorderedGroupValues?.includes(id));
}

function readWrittenFiles(pipelineDir: string, paths: unknown): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of paths as string[]) {
    const bytes = fs.readFileSync(p);
    files[path.relative(pipelineDir, p)] = (p.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
  }
  return files;
}

// DataFrame fixtures (df-*) are Dask's answers for the DataFrame engine, which does not run them yet; until it does,
// df-fixtures-reference.test.ts checks their sidecars against live Dask.
const names = fs
  .readdirSync(path.join(FIXTURES, 'pipelines'))
  .filter((f) => f.endsWith('.weft.json') && !f.startsWith('df-'))
  .map((f) => f.replace(/\.weft\.json$/, ''))
  .sort();

describe('fixture pipelines agree with Dask', () => {
  let dir = '';
  let threads: Executor<unknown>;
  before(() => {
    dir = copyFixtures();
    threads = createThreadExecutor({ workers: 2 }) as Executor<unknown>;
  });
  after(async () => {
    await threads.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of names) {
    test(name, async (t) => {
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      const file = path.join(dir, 'pipelines', `${name}.weft.json`);
      const sidecar = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pipelines', `${name}.expected.json`), 'utf8')) as Sidecar;
      const dask = await runOnDask(file);
      fs.rmSync(path.join(dir, 'pipelines', 'out'), { recursive: true, force: true });
      const pipeline = loadPipelineFile(file);
      for (const scheduler of ['sync', 'threads'] as const) {
        const options = { baseDir: path.dirname(file), ...(scheduler === 'threads' ? { executor: threads } : { scheduler }) };
        if (dask.parsed.error) {
          const expected = dask.parsed.error;
          await assert.rejects(runPipeline(pipeline, options), (e: unknown) => {
            assert.ok(e instanceof WeftError, `expected a WeftError, got ${e}`);
            assert.match(e.message, new RegExp(escape(`${expected.type}: ${expected.message}`).replace(/^ValueError: /, '(ValueError: )?')), `${scheduler}: message`);
            if (expected.node) assert.equal(e.context.nodeId, expected.node, `${scheduler}: node`);
            return true;
          });
          continue;
        }
        const result = await runPipeline(pipeline, options);
        const ours = parseJsonKeepingFloats(toJsonText(result.results)) as Record<string, unknown>;
        const theirs = (parseJsonKeepingFloats(dask.text) as { results: Record<string, unknown> }).results;
        for (const id of Object.keys(theirs)) {
          let expected = normalized(theirs[id], id, sidecar);
          if (DEVIATIONS[name]?.[id] !== undefined) expected = DEVIATIONS[name][id];
          let actual = ours[id];
          if (dask.parsed.files && Array.isArray(actual)) actual = (actual as string[]).map((p) => path.relative(path.dirname(file), p as string));
          assert.deepEqual(normalized(actual, id, sidecar), expected, `${scheduler}: output '${id}'`);
        }
        assert.deepEqual(result.stats.npartitions, dask.parsed.npartitions, `${scheduler}: npartitions`);
        if (dask.parsed.files) {
          const written = Object.values(result.results).filter((v) => Array.isArray(v) && typeof v[0] === 'string' && fs.existsSync(v[0] as string)).flat();
          assert.deepEqual(readWrittenFiles(path.dirname(file), written), dask.parsed.files, `${scheduler}: written files`);
        }
        // Python reports warnings in the order its tasks ran; compare them as a set.
        const warnings = result.warnings.map((w) => w.replace(/^node '[^']*': /, '')).sort();
        assert.deepEqual(warnings, [...(dask.parsed.warnings ?? [])].sort(), `${scheduler}: warnings`);
      }
    });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
