/**
 * Section 3: larger than memory. N copies of the KDD Cup 10% file as one plain text file (750 MB at the default
 * --scale 10) read in 16 MB blocks by five pipelines, on Weft with `--memory-limit 256MB` and on Dask's threaded
 * scheduler, one run each in the same bench run. Each engine runs as its own child process under GNU time, so the
 * peak memory is the whole process's (Weft's worker threads included). Weft's seconds are the CLI's wall time,
 * start-up included (the idle run shows how much that is); Dask's are measured inside Python, import excluded.
 *
 * Targets per row: at least 3x faster than Dask, a lower peak than Dask's, and a peak within the limit plus an
 * allowance: the peak of the same command on an input of one block per worker (the process, its worker threads and
 * one task's working set in each), which no memory limit on held results can remove. The idle footprint (a tiny
 * pipeline) is reported beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { KDD_FILE, PYTHON, REPO_ROOT } from '../support/environment.js';
import { LTM_BLOCK_BYTES, makeBigInputWorkspace, type BigInputWorkspace } from './big-input.js';
import { LTM_PIPELINES, type LtmPipeline } from './catalog.js';
import { checkExpected, expectedResults, tallyKdd, type KddTallies } from './ltm-expected.js';
import { requireGnuTime, runMeasured, type MeasuredRun } from '../support/measured-process.js';
import type { CellsRow, CellsTable } from './table.js';
import { LTM_COLUMNS, ltmRow, spillNote } from './ltm-row.js';
import { checkSameJson } from './verify.js';

const MEMORY_LIMIT = '256MB';
const LIMIT_BYTES = 256e6;
const MB = 1e6;

export interface LtmContext {
  /** Copies of the KDD Cup 10% file in the input. */
  scale: number;
  log: (line: string) => void;
}

interface SpillStats {
  bytesSpilled: number;
  partitionsSpilled: number;
  bytesReadBack: number;
  partitionsReadBack: number;
  peakBytesHeld: number;
}

export interface WeftRun {
  run: MeasuredRun;
  results: Record<string, unknown>;
  stats: { elapsedMs: number; npartitions: Record<string, number>; spill?: SpillStats };
}

export interface DaskRun {
  run: MeasuredRun;
  results: Record<string, unknown>;
  seconds: number;
}

export async function runLargerThanMemorySection(ctx: LtmContext): Promise<CellsTable> {
  requireGnuTime();
  ctx.log(`larger-than-memory: writing ${ctx.scale} cop${ctx.scale === 1 ? 'y' : 'ies'} of the KDD Cup 10% file to a temp folder`);
  const ws = makeBigInputWorkspace(ctx.scale);
  // One block per worker (one worker per core), which Dask's block rule cuts into exactly that many partitions.
  const blocks = os.availableParallelism();
  let small: BigInputWorkspace | undefined;
  try {
    small = makeBigInputWorkspace(1, { bytes: blocks * LTM_BLOCK_BYTES + 2 * MB });
    const tallies = tallyKdd(KDD_FILE);
    ctx.log('larger-than-memory: idle runs');
    const idle = await runWeft(writeIdlePipeline(ws.dir), ws.dir);
    const daskIdle = await runMeasured(PYTHON, ['-c', 'import dask.bag'], { scratchDir: ws.dir });

    const rows: CellsRow[] = [];
    const spillNotes: string[] = [];
    let partitions = 0;
    for (const pipeline of LTM_PIPELINES) {
      const file = path.join(ws.dir, `${pipeline.name}.weft.json`);
      ctx.log(`larger-than-memory: ${pipeline.name}: weft on ${blocks} blocks (the allowance)`);
      const allowance = (await runWeft(path.join(small.dir, `${pipeline.name}.weft.json`), small.dir)).run.peakBytes;
      ctx.log(`larger-than-memory: ${pipeline.name}: weft`);
      const weft = await runWeft(file, ws.dir);
      ctx.log(`larger-than-memory: ${pipeline.name}: dask`);
      const dask = await runDask(file, ws.dir);
      check(pipeline, weft, dask, tallies, ctx.scale);
      partitions = weft.stats.npartitions.raw ?? partitions;
      rows.push(ltmRow({ name: pipeline.name, limitBytes: LIMIT_BYTES, weft, dask, allowance, unboundedBecause: pipeline.unboundedBecause }));
      spillNotes.push(spillNote(pipeline.name, weft));
    }
    return {
      title: `Larger than memory (${ctx.scale} x KDD Cup 10%: ${(ws.bytes / MB).toFixed(0)} MB, ${(tallies.lines * ctx.scale).toLocaleString('en-US')} lines, ${partitions} partitions of 16 MB; weft --memory-limit ${MEMORY_LIMIT})`,
      columns: LTM_COLUMNS,
      rows,
      notes: [
        `Weft: \`weft run --json --scheduler threads --memory-limit ${MEMORY_LIMIT}\` as a child process; s = its wall time, start-up included (an idle run takes ${idle.run.seconds.toFixed(2)} s).`,
        `Dask: dask_run.py --scheduler threads --repeat 1; s = measured inside Python (interpreter and import excluded).`,
        `Peak MB: the whole process's peak RSS (GNU time %M, worker threads included); MB = 10^6 bytes. One run per engine per pipeline.`,
        `Allowance: the peak of the same weft command and pipeline on ${blocks} blocks (one per worker): the process, its workers and one task's working set in each; the limit target is peak <= ${MEMORY_LIMIT} + allowance. Idle footprints: weft on a tiny from_sequence pipeline ${(idle.run.peakBytes / MB).toFixed(0)} MB; Python with dask.bag imported ${(daskIdle.peakBytes / MB).toFixed(0)} MB.`,
        `Results: Weft equals Dask (groupby as multisets), and both equal the answer worked out in Node from one copy times ${ctx.scale}.`,
        ...spillNotes,
      ],
    };
  } finally {
    ws.dispose();
    small?.dispose();
  }
}

function check(pipeline: LtmPipeline, weft: WeftRun, dask: DaskRun, tallies: KddTallies, scale: number): void {
  checkSameJson(pipeline.name, weft.results, dask.results, pipeline.unordered);
  checkExpected(pipeline.name, weft.results, expectedResults(pipeline.name, tallies, scale));
}

/** Runs `weft run --json` on `file` under GNU time, with its spill folder in `dir`; throws unless it succeeds. */
export async function runWeft(file: string, dir: string, memoryLimit = MEMORY_LIMIT): Promise<WeftRun> {
  const spillDir = path.join(dir, 'spill');
  fs.mkdirSync(spillDir, { recursive: true });
  const args = [path.join(REPO_ROOT, 'bin/weft.js'), 'run', file, '--json', '--scheduler', 'threads', '--memory-limit', memoryLimit, '--spill-dir', spillDir];
  const run = await runMeasured(process.execPath, args, { scratchDir: dir });
  if (run.code !== 0) throw new Error(`weft failed on ${path.basename(file)} (exit ${run.code ?? run.signal}, peak ${(run.peakBytes / MB).toFixed(0)} MB):\n${tail(run.stderr)}`);
  const text = run.stdout.trim();
  const { stats } = JSON.parse(text) as { stats: WeftRun['stats'] };
  const { results } = parseJsonKeepingFloats(text) as { results: Record<string, unknown> };
  return { run, results, stats };
}

/** Runs dask_run.py on `file` under GNU time (threads, one run); throws unless Dask answers. */
export async function runDask(file: string, dir: string): Promise<DaskRun> {
  const args = [path.join(REPO_ROOT, 'test/reference/dask_run.py'), file, '--scheduler', 'threads', '--repeat', '1'];
  const run = await runMeasured(PYTHON, args, { scratchDir: dir, env: { ...process.env, PYTHONHASHSEED: '0' } });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  let parsed: { seconds?: number[]; error?: { type: string; message: string; node?: string } };
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`dask_run.py failed on ${path.basename(file)} (exit ${run.code ?? run.signal}, peak ${(run.peakBytes / MB).toFixed(0)} MB):\n${tail(run.stderr)}`);
  }
  if (parsed.error) throw new Error(`${path.basename(file)}: Dask failed: ${parsed.error.type}: ${parsed.error.message}${parsed.error.node ? ` (node '${parsed.error.node}')` : ''}`);
  const { results } = parseJsonKeepingFloats(line) as { results: Record<string, unknown> };
  return { run, results, seconds: parsed.seconds![0] };
}

/** A pipeline that holds next to nothing but still starts the worker pool: its peak is the CLI's own footprint. */
function writeIdlePipeline(dir: string): string {
  const file = path.join(dir, 'idle.weft.json');
  const pipeline = {
    weft: 1,
    name: 'Bench: idle',
    nodes: [
      { id: 'nums', op: 'bag.from_sequence', params: { seq: 'range(1000)', npartitions: 8 } },
      { id: 'inc', op: 'bag.map', inputs: ['nums'], params: { func: 'lambda x: x + 1' } },
      { id: 'total', op: 'bag.sum', inputs: ['inc'] },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(pipeline));
  return file;
}

function tail(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-20).join('\n');
}
