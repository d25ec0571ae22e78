/**
 * Section 2: scheduler overhead, in microseconds per task, on a graph of 10,000 tiny tasks where the work itself is
 * negligible. Weft runs `from_sequence(range(N), npartitions=N) → map(x + 1) → sum` and divides the scheduler's own
 * elapsed time (`stats.elapsedMs`, which leaves out compiling, as Dask's graph here is prebuilt) by the tasks it
 * ran; Dask runs N `(inc, i)` tasks plus a sum (dask-overhead.py) with get_sync and with threaded.get.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { runPipeline, toJsonText, type Executor, type PipelineFile, type RunOptions } from '../../engine/index.js';
import { PYTHON, REPO_ROOT } from '../support/environment.js';
import { median, timeOnce } from './measure.js';
import type { BenchRow, BenchTable } from './table.js';
import { judge, type Target } from './targets.js';
import { ResultMismatchError } from './verify.js';

const TASKS = 10_000;
// `sync` runs its tasks one at a time on one worker thread (so that Ctrl-C stops any user code, and a task that runs
// out of heap fails alone), so each batch makes a round trip to the thread: the inline executor's 10 us became the
// thread pool's 40.
const SYNC_TARGET: Target = { kind: 'max-us-per-task', max: 40 };
const THREADS_TARGET: Target = { kind: 'max-us-per-task', max: 40 };

export interface OverheadContext {
  /** Any folder; the pipeline reads no files. */
  dir: string;
  executor: Executor<unknown>;
  repeat: number;
  log: (line: string) => void;
}

interface DaskOverhead {
  tasks: number;
  result: number;
  seconds: { sync: number[]; threads: number[] };
}

export async function runOverheadSection(ctx: OverheadContext): Promise<BenchTable> {
  const expected = (TASKS * (TASKS + 1)) / 2;
  ctx.log('overhead: weft sync');
  const sync = await weftMicrosPerTask({ baseDir: ctx.dir, scheduler: 'sync' }, ctx.repeat, expected);
  ctx.log('overhead: weft threads');
  const threads = await weftMicrosPerTask({ baseDir: ctx.dir, executor: ctx.executor }, ctx.repeat, expected);
  ctx.log('overhead: dask');
  const dask = await daskOverhead(ctx.repeat);
  if (dask.result !== expected) throw new ResultMismatchError(`overhead: Dask summed to ${dask.result}, expected ${expected}`);
  const daskMicros = (seconds: number[]) => (median(seconds) * 1e6) / dask.tasks;

  const row = (name: string, weft: number, daskUs: number, target: Target): BenchRow => ({ name, weft, dask: daskUs, ...judge(target, { weft, dask: daskUs }) });
  return {
    title: `Scheduler overhead (${TASKS.toLocaleString('en-US')} tiny tasks)`,
    unit: 'us/task',
    rows: [
      row(`${TASKS / 1000}k tasks sync`, sync.micros, daskMicros(dask.seconds.sync), SYNC_TARGET),
      row(`${TASKS / 1000}k tasks threads`, threads.micros, daskMicros(dask.seconds.threads), THREADS_TARGET),
    ],
    notes: [
      `Weft: scheduler elapsed / tasks run (${sync.tasks} tasks sync, ${threads.tasks} threads); whole runPipeline incl. compile: ${sync.wallMicros.toFixed(1)} / ${threads.wallMicros.toFixed(1)} us/task.`,
      `Dask: ${dask.tasks} tasks (dask.local.get_sync / dask.threaded.get on a prebuilt dict); timed runs: ${ctx.repeat} each, after one untimed.`,
    ],
  };
}

function tasksPipeline(n: number): PipelineFile {
  return {
    weft: 1,
    name: 'Bench: scheduler overhead',
    nodes: [
      { id: 'nums', op: 'bag.from_sequence', params: { seq: `range(${n})`, npartitions: n } },
      { id: 'inc', op: 'bag.map', inputs: ['nums'], params: { func: 'lambda x: x + 1' } },
      { id: 'total', op: 'bag.sum', inputs: ['inc'] },
    ],
  };
}

/** Median microseconds per task over `repeat` runs after one untimed run, checking every run's sum. */
async function weftMicrosPerTask(options: RunOptions, repeat: number, expected: number): Promise<{ micros: number; wallMicros: number; tasks: number }> {
  const pipeline = tasksPipeline(TASKS);
  const micros: number[] = [];
  const wallMicros: number[] = [];
  let tasks = 0;
  for (let i = 0; i <= repeat; i++) {
    const { seconds, value: result } = await timeOnce(() => runPipeline(pipeline, options));
    // Compared as printed JSON, so an int that came back as a float (`50005000.0`) counts as wrong, as in Dask.
    if (toJsonText(result.results.total) !== String(expected)) throw new ResultMismatchError(`overhead (${result.stats.scheduler}): Weft summed to ${toJsonText(result.results.total)}, expected ${expected}`);
    tasks = result.stats.tasks;
    if (i === 0) continue; // the warm-up
    micros.push((result.stats.elapsedMs * 1000) / tasks);
    wallMicros.push((seconds * 1e6) / tasks);
  }
  return { micros: median(micros), wallMicros: median(wallMicros), tasks };
}

function daskOverhead(repeat: number): Promise<DaskOverhead> {
  const script = path.join(REPO_ROOT, 'test/bench/dask-overhead.py');
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [script, '--tasks', String(TASKS), '--repeat', String(repeat)], (error, stdout, stderr) => {
      if (error) reject(new Error(`dask-overhead.py failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as DaskOverhead);
    });
  });
}
