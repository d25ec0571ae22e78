/**
 * The tutorial samples reproduce the tutorials' published numbers on the KDD 10% file, on both schedulers,
 * and agree with real Dask running the same pipeline files.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadPipelineFile, runPipeline, toJsonText } from '../../engine/index.js';
import { KDD_FILE, hasDask, requireOrSkip, requireKddFile } from '../support/environment.js';
import { makeSamplesWorkspace } from '../support/samples-workspace.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { runOnDask } from '../support/dask-reference.js';

const PUBLISHED: Record<string, Record<string, unknown>> = {
  'bag-creation': { numbers_count: 100, numbers_first: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], raw_count: 494021 },
  'bag-basics': { normal_count: 97278, attack_count: 396743 },
  'set-operations': { protocol_count: 3, service_count: 66, pair_count: 198 },
  // The KDD file as a table: the same normal count by query, and the label counts the bag tutorials find.
  'dataframe-basics': { normal_count: 97278 },
};

describe('tutorial samples', () => {
  let dir = '';
  before(() => {
    if (fs.existsSync(KDD_FILE)) dir = makeSamplesWorkspace();
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, expected] of Object.entries(PUBLISHED)) {
    for (const scheduler of ['threads', 'sync'] as const) {
      test(`${name} on ${scheduler} gives the published numbers`, async (t) => {
        if (!requireKddFile(t)) return;
        const file = path.join(dir, `${name}.weft.json`);
        const { results } = await runPipeline(loadPipelineFile(file), { baseDir: dir, scheduler });
        const json = JSON.parse(toJsonText(results)) as Record<string, unknown>;
        for (const [id, value] of Object.entries(expected)) assert.deepEqual(json[id], value, id);
      });
    }
    test(`${name} equals Dask's answer`, async (t) => {
      if (!requireKddFile(t)) return;
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      const file = path.join(dir, `${name}.weft.json`);
      const [ours, dask] = await Promise.all([runPipeline(loadPipelineFile(file), { baseDir: dir }), runOnDask(file)]);
      const theirs = parseJsonKeepingFloats(dask.text) as { results: Record<string, unknown>; npartitions: Record<string, number> };
      assert.deepEqual(parseJsonKeepingFloats(toJsonText(ours.results)), theirs.results);
      assert.deepEqual(ours.stats.npartitions, theirs.npartitions);
    });
  }
});
