/**
 * Section 1: the tutorial pipelines on Weft and on Dask's threaded scheduler, in the same run on the same machine.
 *
 * The headline, and what each row is judged on, is Weft's whole process as a user starts it (`weft run FILE --json`,
 * fresh each time: Node's start-up, loading, planning, the worker threads' start and cold code included). Beside it,
 * Weft in-process on one shared, warmed-up thread pool, as the app runs a pipeline the second time. Dask runs through
 * dask_run.py, whose `seconds` are measured inside Python (interpreter and Dask import excluded), so the whole-process
 * ratio is the harder one for Weft. Nothing overlaps: Weft and Dask never compete for the cores.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadPipelineFile, runPipeline, type Executor, type RunResult } from '../../engine/index.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { runOnDask } from '../support/dask-reference.js';
import { KDD_FILE } from '../support/environment.js';
import { SUMMED_FACTOR, TUTORIAL_PIPELINES, type BenchPipeline } from './catalog.js';
import { measureFloor } from './floor.js';
import { median, timeRepeated } from './measure.js';
import type { CellsRow, CellsTable } from './table.js';
import { judge } from './targets.js';
import { ResultMismatchError, checkSameJson, resultsAsJson } from './verify.js';
import { runWeftCli } from './weft-cli.js';

export interface TutorialContext {
  /** The workspace holding the pipeline copies and data/ (see workspace.ts). */
  dir: string;
  executor: Executor<unknown>;
  repeat: number;
  log: (line: string) => void;
}

const COLUMNS: CellsTable['columns'] = ['weft (s)', 'weft warm', 'dask in-proc', 'dask/weft', 'dask/weft warm'].map((header) => ({ header, isNumeric: true }));

interface PipelineMedians {
  whole: number;
  warm: number;
  dask: number;
}

/** Times the selected tutorial pipelines, and the floor they are held to. */
export async function runTutorialSection(names: readonly string[], ctx: TutorialContext): Promise<CellsTable> {
  const selected = TUTORIAL_PIPELINES.filter((p) => names.includes(p.name));
  ctx.log('floor: gunzip -c | wc -l');
  const measured = await measureFloor(KDD_FILE, ctx.repeat);
  const floor = median(measured.seconds);
  // Every whole process first, while this process's own pool is idle: after a pipeline's warm runs its threads
  // collect their heaps for a while, on the cores the next fresh process needs (seen: a row 50% slower).
  const wholeRuns = new Map<string, { seconds: number[]; values: Record<string, unknown>[] }>();
  for (const pipeline of selected) {
    ctx.log(`${pipeline.name}: weft whole process`);
    wholeRuns.set(pipeline.name, await timeRepeated(ctx.repeat, () => runWeftCli(path.join(ctx.dir, `${pipeline.name}.weft.json`))));
  }
  const rows: CellsRow[] = [];
  const summed: PipelineMedians[] = [];
  for (const pipeline of selected) {
    const m = await measurePipeline(pipeline, wholeRuns.get(pipeline.name)!, ctx);
    rows.push({ name: pipeline.summed ? `${pipeline.name} *` : pipeline.name, cells: cellsOf(m), ...judge(pipeline.target, { weft: m.whole, dask: m.dask, floor }) });
    if (pipeline.summed) summed.push(m);
  }
  if (summed.length > 1) {
    const total = { whole: sum(summed.map((m) => m.whole)), warm: sum(summed.map((m) => m.warm)), dask: sum(summed.map((m) => m.dask)) };
    rows.push({ name: `the ${summed.length} marked *, summed`, cells: cellsOf(total), ...judge({ kind: 'faster-than-dask', factor: SUMMED_FACTOR }, { weft: total.whole, dask: total.dask }) });
  }
  return {
    title: 'Tutorial pipelines (KDD Cup 10%, 494,021 lines)',
    columns: COLUMNS,
    rows,
    notes: [
      `(s): \`weft run FILE --json\` as a fresh process, the figure judged; warm: in-process on the shared ${ctx.executor.name} executor (${ctx.executor.capacity} workers) after one untimed run.`,
      `dask in-proc: --scheduler threads, seconds measured inside Python after the import; ratios are Dask's over Weft's.`,
      `floor: \`gunzip -c ${path.basename(KDD_FILE)} | wc -l\` median ${floor.toFixed(3)} s (${measured.lines} lines, process start-up included); medians of ${ctx.repeat} timed runs each.`,
    ],
  };
}

function cellsOf(m: PipelineMedians): string[] {
  return [m.whole.toFixed(3), m.warm.toFixed(3), m.dask.toFixed(3), `${(m.dask / m.whole).toFixed(2)}x`, `${(m.dask / m.warm).toFixed(2)}x`];
}

/** The warm and Dask figures of a pipeline whose whole-process runs were timed already (`whole`), all checked. */
async function measurePipeline(bench: BenchPipeline, whole: { seconds: number[]; values: Record<string, unknown>[] }, ctx: TutorialContext): Promise<PipelineMedians> {
  const file = path.join(ctx.dir, `${bench.name}.weft.json`);
  const pipeline = loadPipelineFile(file);
  const run = () => runPipeline(pipeline, { baseDir: ctx.dir, executor: ctx.executor });

  ctx.log(`${bench.name}: weft warm`);
  const warm = await run();
  const timed = await timeRepeated(ctx.repeat, run);
  checkRepeatable(bench.name, warm, timed.values);
  whole.values.forEach((results, i) => checkSameJson(`${bench.name} (weft run ${i + 1})`, results, resultsAsJson(warm.results), bench.unordered));

  ctx.log(`${bench.name}: dask`);
  const dask = await runOnDask(file, { scheduler: 'threads', repeat: ctx.repeat });
  if (dask.parsed.error) {
    const e = dask.parsed.error;
    throw new Error(`${bench.name}: Dask failed: ${e.type}: ${e.message}${e.node ? ` (node '${e.node}')` : ''}`);
  }
  const daskResults = (parseJsonKeepingFloats(dask.text) as { results: Record<string, unknown> }).results;
  checkSameJson(bench.name, resultsAsJson(warm.results), daskResults, bench.unordered);

  return { whole: median(whole.seconds), warm: median(timed.seconds), dask: median(dask.parsed.seconds ?? []) };
}

/** Every timed run must give the warm-up's answer; the warm-up's answer is the one checked against Dask. */
function checkRepeatable(name: string, warm: RunResult, runs: readonly RunResult[]): void {
  const expected = resultsAsJson(warm.results);
  runs.forEach((r, i) => {
    if (!isDeepStrictEqual(resultsAsJson(r.results), expected)) throw new ResultMismatchError(`${name}: timed run ${i + 1} gave a different answer than the warm-up run`);
  });
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
