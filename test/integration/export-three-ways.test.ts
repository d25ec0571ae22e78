/**
 * Every sample and a generated corpus of 90 pipelines (random Bag chains, and random DataFrame chains, on small
 * generated data and on the KDD file) run three ways: Weft's engine, the exported Python under Debian's python3-dask (sync scheduler, the script
 * unchanged), and the exported TypeScript program compiled with tsc against the `weft` package. The three results
 * must be equal: exactly, or as multisets for outputs whose order Dask leaves undefined (after a groupby). A pipeline
 * that fails must fail all three ways, with the same Python exception, on the same node.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createThreadExecutor, exportPipeline, runPipeline, toJsonText, WeftError, type Executor, type PipelineFile } from '../../engine/index.js';
import { KDD_FILE, REPO_ROOT, hasDask, requireOrSkip, requireKddFile } from '../support/environment.js';
import { asMultiset, parseJsonKeepingFloats } from '../support/compare-json.js';
import { compileTypeScriptProject, mapLimited, runExportedPython, runProgram, scriptNodes, type ProgramOutcome, type PythonJob, type PythonOutcome } from '../support/exported-programs.js';
import { generateCorpus } from '../corpus/generate-corpus.js';
import { writeCorpusData } from '../corpus/corpus-data.js';
import { generateDataframeCorpus, writeDataframeCorpusData } from '../corpus/generate-dataframe-corpus.js';
import { KDD_COLUMNS } from '../support/kdd-columns.js';

interface Case {
  name: string;
  pipeline: PipelineFile;
  unordered: string[];
}

const SAMPLES = ['bag-creation', 'bag-basics', 'set-operations', 'dataframe-basics'];
const CORPUS_SIZE = 60;
const DATAFRAME_CORPUS_SIZE = 30;

function cases(): Case[] {
  const samples = SAMPLES.map((name) => ({
    name,
    pipeline: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'samples', `${name}.weft.json`), 'utf8')) as PipelineFile,
    unordered: [],
  }));
  return [...samples, ...generateCorpus(CORPUS_SIZE), ...generateDataframeCorpus(DATAFRAME_CORPUS_SIZE, [...KDD_COLUMNS])];
}

type EngineOutcome = { results: unknown } | { error: WeftError };

describe('exports run three ways with equal results', () => {
  const all = cases();
  let dir = '';
  let threads: Executor<unknown>;
  const engine = new Map<string, EngineOutcome>();
  const python = new Map<string, PythonOutcome>();
  const typescript = new Map<string, ProgramOutcome>();
  let ready: Error | null = null;
  const timings: Record<string, number> = {};

  before(async () => {
    if (!fs.existsSync(KDD_FILE) || !hasDask()) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-export-'));
    writeCorpusData(dir, KDD_FILE);
    writeDataframeCorpusData(dir);
    const tsDir = path.join(dir, 'ts');
    fs.mkdirSync(tsDir);
    const nodes = new Map<string, PythonJob['nodes']>();
    for (const c of all) {
      const exported = exportPipeline(c.pipeline, { to: 'python', scriptName: `${c.name}.py` });
      nodes.set(c.name, scriptNodes(exported));
      fs.writeFileSync(path.join(dir, `${c.name}.py`), exported.text);
      fs.writeFileSync(path.join(tsDir, `${c.name}.ts`), exportPipeline(c.pipeline, { to: 'typescript', scriptName: `${c.name}.ts` }).text);
    }
    threads = createThreadExecutor({ workers: 2 }) as Executor<unknown>;
    try {
      const time = async <T>(label: string, work: () => Promise<T>) => {
        const start = performance.now();
        const out = await work();
        timings[label] = Math.round(performance.now() - start);
        return out;
      };
      const pythonRuns = time('python (one process, all scripts)', () =>
        runExportedPython(all.map((c) => ({ script: path.join(dir, `${c.name}.py`), argv: ['--scheduler', 'sync', '--data-dir', dir], nodes: nodes.get(c.name) })), dir),
      );
      const typescriptRuns = time('typescript (tsc, then node per program)', async () => {
        await compileTypeScriptProject(tsDir);
        return mapLimited(all, 2, (c) => runProgram(path.join(tsDir, 'out', `${c.name}.js`), ['--json', '--scheduler', 'sync', '--data-dir', dir]));
      });
      const engineRuns = time('engine', async () => {
        for (const c of all) {
          try {
            engine.set(c.name, { results: (await runPipeline(c.pipeline, { baseDir: dir, executor: threads })).results });
          } catch (e) {
            if (!(e instanceof WeftError)) throw e;
            engine.set(c.name, { error: e });
          }
        }
      });
      const [py, ts] = await Promise.all([pythonRuns, typescriptRuns, engineRuns]);
      all.forEach((c, i) => {
        python.set(c.name, py[i]);
        typescript.set(c.name, ts[i]);
      });
    } catch (e) {
      ready = e as Error;
    }
  });
  after(async () => {
    await threads?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (Object.keys(timings).length) process.stdout.write(`# export three ways, wall times in ms: ${JSON.stringify(timings)}\n`);
  });

  test('the corpus has at least 50 pipelines, on generated data and on the KDD file, using every kind of step', () => {
    const corpus = generateCorpus(CORPUS_SIZE);
    assert.ok(corpus.length >= 50);
    assert.ok(corpus.filter((c) => c.readsKdd).length >= 5, 'pipelines on the KDD file');
    const ops = new Set(corpus.flatMap((c) => c.pipeline.nodes.map((n) => n.op)));
    for (const op of ['bag.read_text', 'bag.from_sequence', 'bag.map', 'bag.filter', 'bag.pluck', 'bag.flatten', 'bag.distinct', 'bag.frequencies', 'bag.foldby', 'bag.product', 'bag.concat', 'bag.count', 'bag.take', 'bag.topk']) {
      assert.ok(ops.has(op), `the corpus uses ${op}`);
    }
  });

  test('the DataFrame corpus chains the partition-wise steps into lengths, reductions, value counts and groupbys, on both inputs', () => {
    const corpus = generateDataframeCorpus(DATAFRAME_CORPUS_SIZE, [...KDD_COLUMNS]);
    assert.ok(corpus.filter((c) => c.readsKdd).length >= 4, 'pipelines on the KDD file');
    const ops = new Set(corpus.flatMap((c) => c.pipeline.nodes.map((n) => n.op)));
    for (const op of ['dataframe.read_csv', 'dataframe.query', 'dataframe.getitem', 'dataframe.eval', 'dataframe.drop', 'dataframe.rename', 'dataframe.astype', 'dataframe.len', 'series.value_counts', 'dataframe.groupby.agg', 'dataframe.groupby.size']) {
      assert.ok(ops.has(op), `the DataFrame corpus uses ${op}`);
    }
  });

  for (const c of all) {
    test(c.name, (t) => {
      if (!requireKddFile(t)) return;
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      if (ready) throw ready;
      const ours = engine.get(c.name)!;
      const py = python.get(c.name)!;
      const ts = typescript.get(c.name)!;
      if ('error' in ours) {
        const expected = py.parsed.error;
        assert.ok(expected, `Weft failed (${ours.error.message}) but the exported Python gave ${py.text.slice(0, 300)}`);
        assert.ok(ours.error.message.includes(`${expected.type}: ${expected.message}`), `Python's error '${expected.type}: ${expected.message}' in Weft's '${ours.error.message}'`);
        assert.equal(expected.node, ours.error.context.nodeId, 'the failing node');
        assert.notEqual(ts.code, 0, 'the TypeScript program fails too');
        assert.ok(ts.stderr.includes(`${expected.type}: ${expected.message}`), `the TypeScript program's error: ${ts.stderr.slice(0, 500)}`);
        return;
      }
      assert.ok(py.parsed.results, `the exported Python failed: ${py.text.slice(0, 500)}`);
      assert.equal(ts.code, 0, `the TypeScript program failed: ${ts.stderr.slice(0, 1000)}`);
      const weft = parseJsonKeepingFloats(toJsonText(ours.results)) as Record<string, unknown>;
      const dask = (parseJsonKeepingFloats(py.text) as { results: Record<string, unknown> }).results;
      const program = parseJsonKeepingFloats(ts.stdout.trim()) as Record<string, unknown>;
      const normalize = (results: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(results).map(([id, v]) => [id, c.unordered.includes(id) ? asMultiset(v, true) : v]));
      assert.deepEqual(Object.keys(dask), Object.keys(weft), 'the same outputs, in the same order');
      assert.deepEqual(normalize(dask), normalize(weft), 'exported Python (Dask) = Weft');
      assert.deepEqual(normalize(program), normalize(weft), 'exported TypeScript = Weft');
    });
  }
});
