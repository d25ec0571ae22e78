/**
 * Every DataFrame fixture (test/fixtures/pipelines/df-*) runs on Weft's two schedulers and must give what Dask
 * 2022.12 gave: the sidecar's results, partition counts, written files, warnings and errors. The sidecars are Dask's
 * live answers (df-fixtures-reference.test.ts reruns Dask on them), so comparing with them here spares a second Dask
 * run per fixture.
 */
import { after, before, describe, test } from 'node:test';
import assert, { AssertionError } from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createThreadExecutor, loadPipelineFile, planPipeline, runPipeline, toJsonText, WeftError, type Executor, type PipelineFile } from '../../engine/index.js';
import { KDD_FILE, hasKddFile } from '../support/environment.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { KDD_FULL_PREFIX, addKddFile, assertMatchesSidecar, copyFixtures, dfFixtureNames, readDfSidecar, type DfSidecar } from '../support/df-sidecars.js';

const kdd = hasKddFile() ? KDD_FILE : null;

/** The fixtures where Weft does not yet do what Dask does, and why: each is a known gap, not a difference of taste. */
const NOT_YET: Record<string, string> = {
  'df-repartition-after-set-index': "set_index's divisions come from the data: Dask computes them while building the graph and interpolates them for a repartition to more partitions (dropping repeats: 80 asked, 44 made); Weft learns them only when it runs, so it splits each partition evenly into the 80 asked",
};

/** Ops whose divisions Dask computes from the data while building the graph, and Weft while running it. */
const DIVISIONS_FROM_DATA = new Set(['dataframe.set_index', 'dataframe.sort_values']);

/** A Weft schema in the shape dask_run.py prints `_meta` in: MultiIndex column labels as lists. */
function daskShapedMeta(meta: unknown): unknown {
  if (!meta || typeof meta !== 'object') return meta;
  const { columnTuples, unknown: _unknown, ...rest } = meta as { columnTuples?: unknown[][]; unknown?: boolean; columns?: Array<{ name: unknown; dtype: string }> };
  if (!columnTuples || !rest.columns) return rest;
  return { ...rest, columns: rest.columns.map((c, i) => ({ ...c, name: columnTuples[i] })) };
}

/** The nodes that `matches` selects and every node downstream of one. */
function downstreamOf(p: PipelineFile, matches: (node: PipelineFile['nodes'][number]) => boolean): Set<string> {
  const found = new Set(p.nodes.filter(matches).map((n) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of p.nodes) if (!found.has(n.id) && (n.inputs ?? []).some((i) => found.has(i))) grew = found.add(n.id) !== undefined;
  }
  return found;
}

function pipeline(file: string): PipelineFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PipelineFile;
}
const names = dfFixtureNames().filter((n) => kdd !== null || !n.startsWith(KDD_FULL_PREFIX));

/** What a Weft run gives, in a sidecar's shape: results and partition counts, or the error as Dask names it. */
async function runOnWeft(file: string, options: Parameters<typeof runPipeline>[1], sidecar: DfSidecar): Promise<DfSidecar> {
  const pipeline = loadPipelineFile(file);
  try {
    const { full } = planPipeline(pipeline, { baseDir: options.baseDir });
    const result = await runPipeline(pipeline, options);
    const results = parseJsonKeepingFloats(toJsonText(result.results)) as Record<string, unknown>;
    const written = sidecar.files ? writtenFiles(path.dirname(file), results) : undefined;
    return {
      results,
      npartitions: result.stats.npartitions,
      meta: full.schemas,
      divisions: Object.fromEntries(Object.entries(full.divisionsKnown).map(([id, known]) => [id, known])),
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

  const agreesWithDask = async (name: string) => {
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
        // Weft plans whether each node's divisions are known, not their values (a set_index learns them by running,
        // where Dask runs its quantile pass while building the graph): compare that, and the values Dask computes
        // from the data (set_index, sort_values) not at all.
        const computed = downstreamOf(pipeline(file), (n) => DIVISIONS_FROM_DATA.has(n.op));
        const knownInDask = Object.fromEntries(Object.entries(sidecar.divisions ?? {}).filter(([id]) => !computed.has(id)).map(([id, d]) => [id, d !== null]));
        const knownInWeft = Object.fromEntries(Object.entries(ours.divisions ?? {}).filter(([id]) => !computed.has(id) && id in knownInDask));
        assert.deepEqual(knownInWeft, knownInDask, `${scheduler}: which nodes know their divisions`);
        for (const [id, expected] of Object.entries(sidecar.meta ?? {})) assert.deepEqual(daskShapedMeta(ours.meta?.[id]), expected, `${scheduler}: the schema of '${id}'`);
        // Nodes whose divisions come from Dask's random percentiles leave their partition count out of the sidecar too.
        const npartitions = Object.fromEntries(Object.entries(ours.npartitions ?? {}).filter(([id]) => !(sidecar.approximateDivisions ?? []).includes(id)));
        assertMatchesSidecar({ ...ours, npartitions, divisions: undefined, meta: undefined }, { ...sidecar, divisions: undefined, meta: undefined, approximateDivisions: [] });
      }
  };

  for (const name of names) {
    const gap = NOT_YET[name];
    if (gap === undefined) test(name, () => agreesWithDask(name));
    // A gap is checked to be one still, so that closing it shows here and the entry goes.
    else test(`${name}: not yet as Dask (${gap})`, () => assert.rejects(agreesWithDask(name), AssertionError, 'now agrees with Dask: remove it from NOT_YET'));
  }
});
