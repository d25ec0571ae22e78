/**
 * The DataFrame larger than memory (`--only larger-than-memory-dataframe`): N copies of the KDD Cup 10% file as one
 * headerless CSV (750 MB at the default --scale 10, 16 MB blocks) through four pipelines that each hold more than
 * the limit somewhere: a tree aggregation (read_csv -> groupby.agg), a sort of every row (set_index -> len), a
 * broadcast merge with a small lookup (merge -> groupby.size) and a persisted frame read twice (persist -> len and
 * groupby.agg). Each runs on Weft as a fresh `weft run --memory-limit` child process at 512 MB and at 256 MB, and
 * once on Dask's threaded scheduler, all under GNU time, so a peak is the whole process's.
 *
 * The allowance is the Bag section's (larger-than-memory.ts): the peak of the same command (same limit) on an input of
 * one block per worker, which is the process, its worker threads and one task's working set in each, none of which a
 * limit on held results can remove. Targets per row: peak <= limit + allowance, a lower peak than Dask's, and at
 * least 3x faster. A pipeline whose peak must grow with the data whatever the limit says why
 * (`unboundedBecause`) and is reported, not judged, on the limit.
 */
import os from 'node:os';
import path from 'node:path';
import { KDD_FILE } from '../support/environment.js';
import { requireGnuTime } from '../support/measured-process.js';
import { LTM_BLOCK_BYTES, LTM_DF_PIPELINES_DIR, makeBigInputWorkspace, type BigInputWorkspace } from './big-input.js';
import { LTM_DF_PIPELINES, type LtmDfPipeline } from './catalog.js';
import { runDask, runWeft, type DaskRun, type WeftRun } from './larger-than-memory.js';
import { checkExpectedDf, expectedDfResults, tallyKddFrame } from './ltm-df-expected.js';
import type { CellsRow, CellsTable } from './table.js';
import { LTM_COLUMNS, ltmRow, spillNote } from './ltm-row.js';
import { checkSameJson } from './verify.js';

/** The limits each pipeline runs under, largest first, as the CLI takes them and in bytes. */
const LIMITS: ReadonlyArray<{ flag: string; bytes: number }> = [
  { flag: '512MB', bytes: 512e6 },
  { flag: '256MB', bytes: 256e6 },
];
const MB = 1e6;

export interface LtmDfContext {
  /** Copies of the KDD Cup 10% file in the input. */
  scale: number;
  log: (line: string) => void;
}

export async function runLargerThanMemoryDfSection(ctx: LtmDfContext): Promise<CellsTable> {
  requireGnuTime();
  const log = (line: string) => ctx.log(`larger-than-memory-dataframe: ${line}`);
  log(`writing ${ctx.scale} cop${ctx.scale === 1 ? 'y' : 'ies'} of the KDD Cup 10% file as CSV to a temp folder`);
  const ws = makeBigInputWorkspace(ctx.scale, { pipelinesDir: LTM_DF_PIPELINES_DIR });
  // One block per worker (one worker per core), which Dask's block rule cuts into exactly that many partitions.
  const blocks = os.availableParallelism();
  let small: BigInputWorkspace | undefined;
  try {
    small = makeBigInputWorkspace(1, { bytes: blocks * LTM_BLOCK_BYTES + 2 * MB, pipelinesDir: LTM_DF_PIPELINES_DIR });
    const tallies = tallyKddFrame(KDD_FILE);
    const rows: CellsRow[] = [];
    const notes: string[] = [];
    let partitions = 0;
    for (const pipeline of LTM_DF_PIPELINES) {
      const file = `${pipeline.name}.weft.json`;
      const expected = expectedDfResults(pipeline.name, tallies, ctx.scale);
      log(`${pipeline.name}: dask`);
      const dask = await runDask(path.join(ws.dir, file), ws.dir);
      checkExpectedDf(`${pipeline.name} (dask)`, dask.results, expected);
      for (const limit of LIMITS) {
        log(`${pipeline.name}: weft --memory-limit ${limit.flag} on ${blocks} blocks (the allowance)`);
        const allowance = (await runWeft(path.join(small.dir, file), small.dir, limit.flag)).run.peakBytes;
        log(`${pipeline.name}: weft --memory-limit ${limit.flag}`);
        const weft = await runWeft(path.join(ws.dir, file), ws.dir, limit.flag);
        checkSameJson(`${pipeline.name} (${limit.flag})`, weft.results, dask.results);
        checkExpectedDf(`${pipeline.name} (${limit.flag})`, weft.results, expected);
        partitions = weft.stats.npartitions.kdd ?? partitions;
        rows.push(ltmRow({ name: pipeline.name, limitBytes: limit.bytes, weft, dask, allowance, unboundedBecause: pipeline.unboundedBecause, leadingCells: [limit.flag] }));
        notes.push(spillNote(`${pipeline.name} at ${limit.flag}`, weft));
      }
    }
    return {
      title: `DataFrame larger than memory (${ctx.scale} x KDD Cup 10% as CSV: ${(ws.bytes / MB).toFixed(0)} MB, ${(tallies.rows * ctx.scale).toLocaleString('en-US')} rows x 42 columns, ${partitions} partitions of 16 MB)`,
      columns: [{ header: 'limit', isNumeric: true }, ...LTM_COLUMNS],
      rows,
      notes: [
        'Weft: `weft run --json --scheduler threads --memory-limit LIMIT` as a fresh child process per run; s = its wall time, start-up included.',
        'Dask: dask_run.py --scheduler threads --repeat 1 (no memory limit; one run per pipeline, shown on both rows); s = measured inside Python (interpreter and import excluded).',
        'Peak MB: the whole process\'s peak RSS (GNU time %M, worker threads included); MB = 10^6 bytes. One run per engine, pipeline and limit.',
        `Allowance: the peak of the same weft command (same limit) on ${blocks} blocks of the file (one per worker): the process, its workers and one task's working set in each; the limit target is peak <= limit + allowance.`,
        `Results: Weft equals Dask (same JSON, order included), and both equal the answer worked out in Node from one copy times ${ctx.scale}.`,
        ...notes,
      ],
    };
  } finally {
    ws.dispose();
    small?.dispose();
  }
}
