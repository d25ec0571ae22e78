/**
 * The engine's hard limits: what no pipeline, option or expression may exceed, so that a typo (`npartitions: 10**9`,
 * `--workers 1000000`, `while True:` in `functions`) ends in an error that names it instead of exhausting the machine.
 *
 * Policy: each limit sits far above what the tutorials and benchmarks need and well below what a desktop survives,
 * and each is refused where it is first known: options at the public entry points (Session, createThreadExecutor,
 * the CLI, the app host), plan sizes while compiling (before the tasks are built), user code at plan time by the
 * budget check in the generated code (expr/budget.ts), and user code in tasks by the worker threads' heap limit.
 */
import { WeftError } from './errors.js';

/**
 * Worker threads of one pool. More threads than cores only adds contention to CPU-bound tasks, and each idle
 * thread costs about 10 MB (a V8 isolate and its young generation); 128 covers the largest workstations.
 */
export const MAX_WORKERS = 128;

/**
 * Tasks of one compiled graph, before fusion. Planning 400,000 tasks takes about 2 s and 360 MB on the main
 * thread (measured), so a plan past half a million is a typo, not a job: 20 nodes of 25,000 partitions still fit.
 */
export const MAX_PLAN_TASKS = 500_000;

/**
 * Dependency edges of one compiled graph (a shuffle of N into M partitions has N×M): the other way a plan grows
 * without bound while its task count stays small. 1,000,000 edges plan in about 1.5 s and 340 MB (measured).
 */
export const MAX_PLAN_DEPENDENCIES = 2_000_000;

/** Elements of a `from_sequence` seq: they are materialized and encoded into the plan itself. */
export const MAX_SEQUENCE_LENGTH = 10_000_000;

/**
 * Time user code may run at plan time (the `functions` block's top level, a `from_sequence` seq), on the thread
 * that also serves the app and hears Ctrl-C: plan-time code makes constants and small sequences, which take
 * milliseconds, and a cancel must be heard within a second.
 */
export const PLAN_TIME_BUDGET_MS = 1_000;

/**
 * Time the tasks computed while planning may take (`bag.to_dataframe` without meta computes its bag's first element,
 * as Dask does while building the graph): they run on a thread of their own, which is terminated past this. Longer
 * than PLAN_TIME_BUDGET_MS, since they may read a file and run a chain of user functions, but short enough that an
 * editor that plans on every change is not frozen for long.
 */
export const PROBE_TIME_BUDGET_MS = 10_000;

/** The heap of the thread that computes tasks while planning, in MB. */
export const PROBE_HEAP_MB = 512;

/** Heap that user code may add at plan time, at most (less when the thread's heap has less room left). */
export const PLAN_HEAP_BUDGET_BYTES = 512 * 1024 * 1024;

/**
 * A worker thread's old-generation heap (where a task's partitions and user data live): the run's memory limit less
 * the share results keep in the main thread, split among the workers, within [MIN, MAX]. The floor keeps ordinary
 * tasks (one 16 MB block of input and what it expands to) runnable under small limits; the cap keeps a runaway task
 * from taking the machine. Past it the worker dies with ERR_WORKER_OUT_OF_MEMORY and its task fails with MemoryError.
 */
export const MIN_WORKER_HEAP_MB = 256;
export const MAX_WORKER_HEAP_MB = 4096;

/** Checks a worker count given to an entry point; throws BAD_OPTION naming the bound. */
export function checkWorkers(workers: number | undefined, what = 'workers'): void {
  if (workers === undefined) return;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new WeftError('BAD_OPTION', `${what} must be a whole number from 1 to ${MAX_WORKERS}, not ${String(workers)}`);
  }
}
