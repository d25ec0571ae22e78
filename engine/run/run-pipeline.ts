/**
 * Running a pipeline end to end: validate, compile, optimize, schedule on the chosen executor, turn the outputs'
 * payloads into values, and make written files appear only if the whole run succeeded.
 */
import fs from 'node:fs';
import os from 'node:os';
import { ResultStore, type SpillStats } from '../store/result-store.js';
import type { PipelineFile } from '../spec/pipeline.js';
import type { RunEvent } from '../schedule/events.js';
import type { Executor } from '../schedule/executor.js';
import type { TaskGraph } from '../graph/task-graph.js';
import type { Sink } from '../graph/task.js';
import { validatePipeline } from '../spec/validate.js';
import { compilePipeline } from '../graph/compile.js';
import { optimize } from '../graph/optimize.js';
import { schedule } from '../schedule/scheduler.js';
import { createSyncExecutor } from '../schedule/sync-executor.js';
import { createThreadExecutor } from '../schedule/thread-executor.js';
import { nodeFileSystem } from '../io/node-file-system.js';
import { partialPathFor } from '../io/partial-path.js';
import { PipelineInvalidError } from './load-pipeline.js';
import { PyTuple } from '../values/py-types.js';
import { StatsCollector, type RunTimings } from './stats-collector.js';

/** How to run a pipeline. */
export interface RunOptions {
  /** Folder that relative paths resolve against: the pipeline file's folder. */
  baseDir: string;
  /** `threads` (default): a pool of worker threads; `sync`: one task at a time on this thread. */
  scheduler?: 'sync' | 'threads';
  /** Worker threads for `threads`; default one per core. */
  workers?: number;
  /** An executor to reuse across runs (the app keeps one); when given, `scheduler` and `workers` are ignored. */
  executor?: Executor<unknown>;
  /** Node ids to compute; default every node that no other node consumes. */
  targets?: string[];
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /**
   * The memory limit in bytes (default half of the machine's memory): results spill to disk past half of it, and
   * new tasks wait while the process uses more than 80% of it (see store/result-store.ts).
   */
  memoryLimit?: number;
  /** Where the spill database goes; default the system temp folder. */
  spillDir?: string;
}

/** Half the machine's memory: room for the operating system, the app and the worker threads' own data. */
export function defaultMemoryLimit(): number {
  return Math.floor(os.totalmem() / 2);
}

/** Numbers about a run. */
export interface RunStats {
  scheduler: string;
  workers: number;
  tasks: number;
  /** Tasks before culling and fusion, for comparison with Dask's graph. */
  tasksBeforeOptimization: number;
  elapsedMs: number;
  npartitions: Record<string, number>;
  /** Busy time per layer and per worker, from the run's lifecycle events. */
  timings: RunTimings;
  memoryLimit: number;
  spill: SpillStats;
}

/** Values of the outputs by node id, stats, and warnings (such as a `take` that found fewer elements than asked). */
export interface RunResult {
  results: Record<string, unknown>;
  stats: RunStats;
  warnings: string[];
}

/** Compiles and optimizes a pipeline into the graph a run executes. */
export function planPipeline(pipeline: PipelineFile, options: { baseDir: string; targets?: string[] }): { full: TaskGraph; optimized: TaskGraph } {
  const full = compilePipeline(pipeline, { baseDir: options.baseDir, fs: nodeFileSystem, targets: options.targets });
  return { full, optimized: optimize(full) };
}

/** Runs a pipeline and returns its outputs' values. */
export async function runPipeline(pipeline: PipelineFile, options: RunOptions): Promise<RunResult> {
  const validation = validatePipeline(pipeline);
  if (!validation.pipeline) throw new PipelineInvalidError('pipeline', validation.errors);
  const { full, optimized } = planPipeline(pipeline, options);
  const ownExecutor = !options.executor;
  const executor = (options.executor ?? (options.scheduler === 'sync' ? createSyncExecutor() : createThreadExecutor({ workers: options.workers }))) as Executor<unknown>;
  const writes = writtenFiles(optimized);
  const memoryLimit = options.memoryLimit ?? defaultMemoryLimit();
  const store = new ResultStore<unknown>(executor, {
    memoryLimit,
    spillDir: options.spillDir ?? os.tmpdir(),
    onSpill: (event) => options.onEvent?.(event),
  });
  try {
    const stats = new StatsCollector();
    const onEvent = (event: RunEvent) => {
      stats.onEvent(event);
      options.onEvent?.(event);
    };
    const { payloads, elapsedMs } = await schedule(optimized, executor, { signal: options.signal, onEvent, store });
    const results: Record<string, unknown> = {};
    for (const output of optimized.outputs) {
      const values = output.keys.map((k) => executor.toValue(payloads.get(k)));
      results[output.nodeId] = output.kind === 'bag' ? (values as unknown[][]).flat() : values[0];
    }
    for (const file of writes) fs.renameSync(partialPathFor(file), file);
    return {
      results,
      stats: {
        scheduler: executor.name,
        workers: executor.capacity,
        tasks: optimized.tasks.size,
        tasksBeforeOptimization: full.tasks.size,
        elapsedMs,
        npartitions: optimized.npartitions,
        timings: stats.timings(),
        memoryLimit,
        spill: { ...store.stats },
      },
      warnings: takeWarnings(pipeline, results),
    };
  } finally {
    store.close();
    for (const file of writes) fs.rmSync(partialPathFor(file), { force: true });
    if (ownExecutor) await executor.close();
  }
}

function writtenFiles(graph: TaskGraph): string[] {
  const files: string[] = [];
  const visit = (sink: Sink) => {
    if (sink.kind === 'write-text') files.push(sink.path);
    if (sink.kind === 'tee') sink.branches.forEach((b) => visit(b.sink));
  };
  for (const task of graph.tasks.values()) if (task.work.kind === 'chain') visit(task.work.sink);
  return files;
}

/** Dask warns when `take` finds fewer elements than asked in the partitions it looked at. */
function takeWarnings(pipeline: PipelineFile, results: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  for (const node of pipeline.nodes) {
    const value = results[node.id];
    if (node.op !== 'bag.take' || !(value instanceof PyTuple)) continue;
    const k = node.params?.k as number;
    if (value.length < k) {
      warnings.push(`node '${node.id}': Insufficient elements for \`take\`. ${k} elements requested, only ${value.length} elements available. Try passing larger \`npartitions\` to \`take\`.`);
    }
  }
  return warnings;
}
