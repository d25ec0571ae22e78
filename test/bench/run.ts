/**
 * `npm run bench`: times the tutorial pipelines, the scheduler's per-task overhead, Bag and DataFrame pipelines on an
 * input larger than Weft's memory limit, and the DataFrame queries (also on DuckDB and Polars) on Weft and on real Dask in the
 * same run, then the spill store's throughput and the app's
 * speed in headless Chromium (test/bench/app.ts), and prints one
 * table per section with the numbers, the Dask/Weft ratio and each row's target.
 *
 * It is a report, not a test: missed targets still exit 0. It exits 1 on an error or when Weft's answer differs
 * from Dask's (the time of a wrong answer means nothing), and 2 on a bad command line. Progress goes to stderr, the
 * tables to stdout.
 */
import { createThreadExecutor, type Executor } from '../../engine/index.js';
import { hasDask } from '../support/environment.js';
import { APP_SECTION, DATAFRAME_SECTION, LARGER_THAN_MEMORY_DF_SECTION, LARGER_THAN_MEMORY_SECTION, OVERHEAD_SECTION, TUTORIAL_PIPELINES } from './catalog.js';
import { runAppSection } from './app.js';
import { runDataframeSection } from './dataframe.js';
import { runLargerThanMemorySection } from './larger-than-memory.js';
import { runLargerThanMemoryDfSection } from './larger-than-memory-df.js';
import { UsageError, parseBenchOptions, usage } from './options.js';
import { runOverheadSection } from './overhead.js';
import { runSpillThroughputSection } from './spill-throughput.js';
import { formatAnyTable, formatSummary, type BenchTable, type CellsTable } from './table.js';
import { runTutorialSection } from './tutorial.js';
import { ResultMismatchError } from './verify.js';
import { makeBenchWorkspace } from './workspace.js';

const NAMES = [...TUTORIAL_PIPELINES.map((p) => p.name), OVERHEAD_SECTION, LARGER_THAN_MEMORY_SECTION, LARGER_THAN_MEMORY_DF_SECTION, DATAFRAME_SECTION, APP_SECTION];
const SECTIONS = [OVERHEAD_SECTION, LARGER_THAN_MEMORY_SECTION, LARGER_THAN_MEMORY_DF_SECTION, DATAFRAME_SECTION, APP_SECTION];

async function main(argv: readonly string[]): Promise<void> {
  const options = parseBenchOptions(argv, NAMES);
  // Every section but the app's compares with Dask.
  if (options.only.some((n) => n !== APP_SECTION) && !hasDask()) throw new Error('the benchmark compares with real Dask: it needs /usr/bin/python3 with Debian python3-dask');
  const workspace = makeBenchWorkspace();
  // One pool for every Weft run, as the app keeps one: pool start-up is paid once, outside any timing.
  const executor = createThreadExecutor() as Executor<unknown>;
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const ctx = { dir: workspace.dir, executor, repeat: options.repeat, log };
  const tables: Array<BenchTable | CellsTable> = [];
  try {
    if (options.only.some((n) => !SECTIONS.includes(n))) tables.push(await runTutorialSection(options.only, ctx));
    if (options.only.includes(OVERHEAD_SECTION)) tables.push(await runOverheadSection(ctx));
    if (options.only.includes(LARGER_THAN_MEMORY_SECTION)) {
      // The spill store first, on a quiet disk: after gigabytes of input and spilling, writeback skews it.
      const spillStore = runSpillThroughputSection(log);
      tables.push(await runLargerThanMemorySection({ scale: options.scale, log }), spillStore);
    }
    if (options.only.includes(LARGER_THAN_MEMORY_DF_SECTION)) tables.push(await runLargerThanMemoryDfSection({ scale: options.scale, log }));
    if (options.only.includes(DATAFRAME_SECTION)) tables.push(await runDataframeSection({ executor, repeat: options.repeat, log }));
    if (options.only.includes(APP_SECTION)) tables.push(await runAppSection(log));
  } finally {
    await executor.close();
    workspace.dispose();
  }
  process.stdout.write('\n' + tables.map(formatAnyTable).join('\n') + '\n' + formatSummary(tables));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`bench: ${error.message}\n${usage(NAMES)}\n`);
    process.exitCode = 2;
    return;
  }
  // A mismatch is a finding, reported by its message; anything else is a bug somewhere, so show where.
  const text = error instanceof ResultMismatchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench: ${text}\n`);
  process.exitCode = 1;
});
