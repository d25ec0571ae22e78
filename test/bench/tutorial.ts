/**
 * Section 1: the tutorial pipelines on Weft and on Dask's threaded scheduler, in the same run on the same machine.
 *
 * Weft runs in-process on one shared thread pool: one untimed warm-up run per pipeline (worker start-up, JIT and the
 * first read of the file are not what we measure), then `repeat` timed runs. Dask runs through dask_run.py, whose
 * `seconds` are measured inside Python, so interpreter and Dask import time are excluded as Weft's start-up is.
 * Nothing overlaps: Weft and Dask never compete for the cores.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadPipelineFile, runPipeline, type Executor, type RunResult } from '../../engine/index.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { runOnDask } from '../support/dask-reference.js';
import { KDD_FILE } from '../support/environment.js';
import { TUTORIAL_PIPELINES, type BenchPipeline } from './catalog.js';
import { measureFloor } from './floor.js';
import { median, timeRepeated } from './measure.js';
import type { BenchRow, BenchTable } from './table.js';
import { judge } from './targets.js';
import { ResultMismatchError, checkSameResults, resultsAsJson } from './verify.js';

export interface TutorialContext {
  /** The workspace holding the pipeline copies and data/ (see workspace.ts). */
  dir: string;
  executor: Executor<unknown>;
  repeat: number;
  log: (line: string) => void;
}

/** Times the selected tutorial pipelines (and the floor, when an I/O-bound one is selected). */
export async function runTutorialSection(names: readonly string[], ctx: TutorialContext): Promise<BenchTable> {
  const selected = TUTORIAL_PIPELINES.filter((p) => names.includes(p.name));
  let floor: number | undefined;
  const notes: string[] = [];
  if (selected.some((p) => p.target.kind === 'near-floor')) {
    ctx.log('floor: gunzip -c | wc -l');
    const measured = await measureFloor(KDD_FILE, ctx.repeat);
    floor = median(measured.seconds);
    notes.push(`floor: \`gunzip -c ${path.basename(KDD_FILE)} | wc -l\` median ${floor.toFixed(3)} s (${measured.lines} lines, process start-up included)`);
  }
  const rows: BenchRow[] = [];
  for (const pipeline of selected) rows.push(await measurePipeline(pipeline, floor, ctx));
  notes.push(`Weft: in-process, shared ${ctx.executor.name} executor (${ctx.executor.capacity} workers), warmed up; Dask: --scheduler threads, seconds measured inside Python; timed runs: ${ctx.repeat} each.`);
  return { title: 'Tutorial pipelines (KDD Cup 10%, 494,021 lines)', unit: 's', rows, notes };
}

async function measurePipeline(bench: BenchPipeline, floor: number | undefined, ctx: TutorialContext): Promise<BenchRow> {
  const file = path.join(ctx.dir, `${bench.name}.weft.json`);
  const pipeline = loadPipelineFile(file);
  const run = () => runPipeline(pipeline, { baseDir: ctx.dir, executor: ctx.executor });

  ctx.log(`${bench.name}: weft`);
  const warm = await run();
  const timed = await timeRepeated(ctx.repeat, run);
  checkRepeatable(bench.name, warm, timed.values);

  ctx.log(`${bench.name}: dask`);
  const dask = await runOnDask(file, { scheduler: 'threads', repeat: ctx.repeat });
  if (dask.parsed.error) {
    const e = dask.parsed.error;
    throw new Error(`${bench.name}: Dask failed: ${e.type}: ${e.message}${e.node ? ` (node '${e.node}')` : ''}`);
  }
  const daskResults = (parseJsonKeepingFloats(dask.text) as { results: Record<string, unknown> }).results;
  checkSameResults(bench.name, warm.results, daskResults);

  const medians = { weft: median(timed.seconds), dask: median(dask.parsed.seconds ?? []), floor };
  return { name: bench.name, weft: medians.weft, dask: medians.dask, ...judge(bench.target, medians) };
}

/** Every timed run must give the warm-up's answer; the warm-up's answer is the one checked against Dask. */
function checkRepeatable(name: string, warm: RunResult, runs: readonly RunResult[]): void {
  const expected = resultsAsJson(warm.results);
  runs.forEach((r, i) => {
    if (!isDeepStrictEqual(resultsAsJson(r.results), expected)) throw new ResultMismatchError(`${name}: timed run ${i + 1} gave a different answer than the warm-up run`);
  });
}
