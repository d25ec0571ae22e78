/**
 * Every DataFrame fixture (test/fixtures/pipelines/df-*) runs on Weft's two schedulers and must give what Dask
 * 2022.12 gave: the sidecar's results, partition counts, written files, warnings and errors. The sidecars are Dask's
 * live answers (df-fixtures-reference.test.ts reruns Dask on them), so comparing with them here spares a second Dask
 * run per fixture.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createThreadExecutor, loadPipelineFile, runPipeline, toJsonText, WeftError, type Executor } from '../../engine/index.js';
import { KDD_FILE, hasKddFile } from '../support/environment.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { KDD_FULL_PREFIX, addKddFile, assertMatchesSidecar, copyFixtures, dfFixtureNames, readDfSidecar, type DfSidecar } from '../support/df-sidecars.js';

const kdd = hasKddFile() ? KDD_FILE : null;
const names = dfFixtureNames().filter((n) => kdd !== null || !n.startsWith(KDD_FULL_PREFIX));

/** What a Weft run gives, in a sidecar's shape: results and partition counts, or the error as Dask names it. */
async function runOnWeft(file: string, options: Parameters<typeof runPipeline>[1], sidecar: DfSidecar): Promise<DfSidecar> {
  const pipeline = loadPipelineFile(file);
  try {
    const result = await runPipeline(pipeline, options);
    const results = parseJsonKeepingFloats(toJsonText(result.results)) as Record<string, unknown>;
    const written = sidecar.files ? writtenFiles(path.dirname(file), results) : undefined;
    return {
      results,
      npartitions: result.stats.npartitions,
      ...(written ? { files: written } : {}),
      warnings: result.warnings.map((w) => w.replace(/^node '[^']*': /, '')),
    };
  } catch (e) {
    if (!(e instanceof WeftError)) throw e;
    return { error: { message: e.message, node: e.context.nodeId ?? null } };
  }
}

/** The texts of the files a run wrote (its outputs that are lists of paths), keyed relative to the pipeline. */
function writtenFiles(dir: string, results: Record<string, unknown>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [id, value] of Object.entries(results)) {
    if (!Array.isArray(value) || !value.every((p) => typeof p === 'string' && fs.existsSync(p))) continue;
    for (const p of value as string[]) files[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    results[id] = (value as string[]).map((p) => path.relative(dir, p));
  }
  return files;
}

describe('DataFrame fixtures agree with Dask', () => {
  let dir = '';
  let threads: Executor<unknown>;
  before(() => {
    dir = copyFixtures('weft-df-weft-');
    if (kdd) addKddFile(dir, kdd);
    threads = createThreadExecutor({ workers: 2 }) as Executor<unknown>;
  });
  after(async () => {
    await threads.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of names) {
    test(name, async () => {
      const file = path.join(dir, 'pipelines', `${name}.weft.json`);
      const sidecar = readDfSidecar(name);
      for (const scheduler of ['sync', 'threads'] as const) {
        fs.rmSync(path.join(dir, 'pipelines', 'out'), { recursive: true, force: true });
        const options = { baseDir: path.dirname(file), ...(scheduler === 'threads' ? { executor: threads } : { scheduler }) };
        const ours = await runOnWeft(file, options, sidecar);
        if (sidecar.error) {
          const expected = sidecar.error as { type: string; message: string; node: string | null };
          const got = ours.error as { message: string; node: string | null } | undefined;
          assert.ok(got, `${scheduler}: Dask fails with ${expected.type}: ${expected.message}; Weft gave results`);
          assert.ok(got.message.includes(expected.message.split('\n')[0]), `${scheduler}: message\n  weft: ${got.message}\n  dask: ${expected.type}: ${expected.message}`);
          if (expected.node) assert.equal(got.node, expected.node, `${scheduler}: node`);
          continue;
        }
        assert.equal(ours.error, undefined, `${scheduler}: ${JSON.stringify(ours.error)}`);
        assertMatchesSidecar({ ...ours, divisions: sidecar.divisions, meta: sidecar.meta }, { ...sidecar, npartitions: sidecar.npartitions });
      }
    });
  }
});
