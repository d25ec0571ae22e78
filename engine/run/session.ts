/**
 * A session runs pipelines one after another on one executor and one result store, and keeps what they persist:
 * the partitions of a `persist` node stay in memory (or spilled) after the run that computed them, and a later run
 * of a pipeline containing the same node (same op, params, inputs, functions and input files, hence the same task
 * keys) reads them instead of recomputing. `release` lets them go. The app keeps one session per window; the
 * command line's `runPipeline` is a session of one run.
 */
import os from 'node:os';
import v8 from 'node:v8';
import type { PipelineFile } from '../spec/pipeline.js';
import type { RunEvent } from '../schedule/events.js';
import type { Executor } from '../schedule/executor.js';
import type { TaskGraph } from '../graph/task-graph.js';
import { producedKeys, type Sink } from '../graph/task.js';
import { validatePipeline } from '../spec/validate.js';
import { compilePipeline, inspectPipeline, type PipelineInspection } from '../graph/compile.js';
import { optimize } from '../graph/optimize.js';
import { schedule } from '../schedule/scheduler.js';
import { checkWorkers } from '../limits.js';
import { createThreadExecutor } from '../schedule/thread-executor.js';
import type { StartedPool } from '../schedule/thread-pool.js';
import { defaultMemoryLimit, sessionPoolOptions } from './session-executor.js';
import { nodeFileSystem } from '../io/node-file-system.js';
import { checkDistinctOutputs, clearLeftovers, commitOutputs, removePartials, type OutputFile } from '../io/commit-outputs.js';
import { PipelineInvalidError } from './load-pipeline.js';
import { WeftError } from '../errors.js';
import { collectionKind } from '../collections/collections.js';
import { ResultStore, type SpillStats } from '../store/result-store.js';
import { StatsCollector, type RunTimings } from './stats-collector.js';
import { computeAtPlanTime } from './first-partition-probe.js';

/** How a session executes. */
export interface SessionOptions {
  /**
   * `threads` (default): a pool of worker threads; `sync`: one task at a time, in order, on one worker thread of
   * its own, so that this thread stays free to hear a cancel (Ctrl-C, the app's button) whatever user code does.
   */
  scheduler?: 'sync' | 'threads';
  /** Worker threads for `threads`, 1 to MAX_WORKERS (limits.ts); default one per core. */
  workers?: number;
  /** An executor to use (and not close); when given, `scheduler` and `workers` are ignored. */
  executor?: Executor<unknown>;
  /**
   * The threads of this session's own executor, already started with `sessionPoolOptions` of these same options
   * (the `weft` command starts them before the engine loads: cli/early-pool.ts); the session closes them.
   */
  startedPool?: StartedPool;
  /**
   * The memory limit in bytes (default half of the machine's memory): results spill to disk past half of it, and
   * new tasks wait while the process uses more than 80% of it (see store/result-store.ts).
   */
  memoryLimit?: number;
  /** Where the spill database goes; default the system temp folder. */
  spillDir?: string;
  /** The most bytes spilling may take on disk; default no cap but the disk's own size. */
  maxSpillBytes?: number;
}

/** One run of a pipeline. */
export interface RunRequest {
  /** Folder that relative paths resolve against: the pipeline file's folder. */
  baseDir: string;
  /** Node ids to compute; default every node that no other node consumes. */
  targets?: string[];
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

/** Numbers about a run. */
export interface RunStats {
  scheduler: string;
  workers: number;
  tasks: number;
  /** Tasks before culling and fusion, for comparison with Dask's graph. */
  tasksBeforeOptimization: number;
  /** Tasks not run because their results were persisted by an earlier run. */
  tasksReused: number;
  elapsedMs: number;
  npartitions: Record<string, number>;
  /** Busy time per layer and per worker, from the run's lifecycle events. */
  timings: RunTimings;
  memoryLimit: number;
  /** What this run spilled and read back. */
  spill: SpillStats;
}

/**
 * Values of the outputs by node id, stats, and warnings: the plan's (read_csv's about compression) and those the tasks
 * gave as they ran (a `take` or `head` that found fewer elements than asked), each `node '<id>': <message>`.
 */
export interface RunResult {
  results: Record<string, unknown>;
  stats: RunStats;
  warnings: string[];
}

/** Compiles and optimizes a pipeline into the graph a run executes. */
export function planPipeline(pipeline: PipelineFile, options: { baseDir: string; targets?: string[] }): { full: TaskGraph; optimized: TaskGraph } {
  // Plan-time user code may add at most half of the heap room this thread has left (and PLAN_HEAP_BUDGET_BYTES).
  const { used_heap_size: used, heap_size_limit: limit } = v8.getHeapStatistics();
  const heap = { used: () => v8.getHeapStatistics().used_heap_size, allowance: Math.floor((limit - used) / 2) };
  const full = compilePipeline(pipeline, { baseDir: options.baseDir, fs: nodeFileSystem, targets: options.targets, heap, computeAtPlanTime });
  return { full, optimized: optimize(full) };
}

/**
 * Each node's schema, partitions and divisions, node by node: a node that fails is reported and skips only what is
 * downstream of it (see `inspectPipeline` in graph/compile.ts), which is what an editor shows as the user types.
 */
export function inspectPlan(pipeline: PipelineFile, options: { baseDir: string }): PipelineInspection {
  const { used_heap_size: used, heap_size_limit: limit } = v8.getHeapStatistics();
  const heap = { used: () => v8.getHeapStatistics().used_heap_size, allowance: Math.floor((limit - used) / 2) };
  return inspectPipeline(pipeline, { baseDir: options.baseDir, fs: nodeFileSystem, heap, computeAtPlanTime });
}

export class Session {
  private readonly executor: Executor<unknown>;
  private readonly ownExecutor: boolean;
  private readonly store: ResultStore<unknown>;
  private readonly memoryLimit: number;
  /** Persisted result keys, with the node whose partitions they are. */
  private readonly persisted = new Map<string, string>();
  private onEvent: ((event: RunEvent) => void) | undefined;
  private running = false;

  constructor(options: SessionOptions = {}) {
    checkWorkers(options.workers);
    this.ownExecutor = !options.executor;
    this.memoryLimit = options.memoryLimit ?? defaultMemoryLimit();
    this.executor =
      options.executor ?? (createThreadExecutor({ ...sessionPoolOptions({ ...options, memoryLimit: this.memoryLimit }), started: options.startedPool }) as Executor<unknown>);
    this.store = new ResultStore<unknown>(this.executor, {
      memoryLimit: this.memoryLimit,
      spillDir: options.spillDir ?? os.tmpdir(),
      maxSpillBytes: options.maxSpillBytes,
      onSpill: (event) => this.onEvent?.(event),
    });
  }

  /** The nodes whose partitions are kept for later runs. */
  persistedNodes(): string[] {
    return [...new Set(this.persisted.values())];
  }

  /** Lets go of the persisted partitions of one node, or of all. */
  release(nodeId?: string): void {
    for (const [key, node] of this.persisted) {
      if (nodeId !== undefined && node !== nodeId) continue;
      this.persisted.delete(key);
      this.store.release(key);
    }
  }

  /** Runs a pipeline and returns its outputs' values. */
  async run(pipeline: PipelineFile, request: RunRequest): Promise<RunResult> {
    // Runs share the store and the executor's workers: one at a time (the app cancels before it reruns).
    if (this.running) throw new WeftError('BAD_INPUT', 'a run is already in progress in this session; cancel it or wait for it to end');
    const validation = validatePipeline(pipeline);
    if (!validation.pipeline) throw new PipelineInvalidError('pipeline', validation.errors);
    const { full, optimized } = planPipeline(pipeline, request);
    const persistedNow = new Map<string, string>();
    for (const task of optimized.tasks.values()) {
      if (task.persist) for (const key of producedKeys(task)) persistedNow.set(key, task.nodeIds[task.nodeIds.length - 1]);
    }
    const available = new Set([...this.persisted.keys()].filter((key) => persistedNow.has(key) && this.store.has(key)));
    const writes = writtenFiles(optimized, pipeline);
    checkDistinctOutputs(writes);
    clearLeftovers(writes);
    const spillBefore = { ...this.store.stats };
    this.running = true;
    const stats = new StatsCollector();
    this.onEvent = request.onEvent;
    const onEvent = (event: RunEvent) => {
      stats.onEvent(event);
      request.onEvent?.(event);
    };
    try {
      const { payloads, elapsedMs, tasksRun, warnings } = await schedule(optimized, this.executor, {
        signal: request.signal,
        onEvent,
        store: this.store,
        available,
        keep: (key) => persistedNow.has(key),
      });
      const results: Record<string, unknown> = {};
      for (const output of optimized.outputs) {
        const values = output.keys.map((k) => this.executor.toValue(payloads.get(k)));
        results[output.nodeId] = collectionKind(output.kind).gather(values);
      }
      commitOutputs(writes);
      for (const [key, node] of persistedNow) this.persisted.set(key, node);
      return {
        results,
        stats: {
          scheduler: this.executor.name,
          workers: this.executor.capacity,
          tasks: tasksRun,
          tasksBeforeOptimization: full.tasks.size,
          tasksReused: optimized.tasks.size - tasksRun,
          elapsedMs,
          npartitions: optimized.npartitions,
          timings: stats.timings(),
          memoryLimit: this.memoryLimit,
          spill: spillDelta(spillBefore, this.store.stats),
        },
        warnings: [...(full.warnings ?? []), ...warnings],
      };
    } finally {
      this.running = false;
      this.onEvent = undefined;
      // Whatever the outcome, only persisted partitions outlive the run; those of a failed run were never recorded.
      this.store.retainOnly(new Set(this.persisted.keys()));
      removePartials(writes);
    }
  }

  /** Drops everything, removes the spill folder, and stops the worker threads the session started. */
  async close(): Promise<void> {
    this.persisted.clear();
    this.store.close();
    if (this.ownExecutor) await this.executor.close();
  }
}

function spillDelta(before: SpillStats, after: SpillStats): SpillStats {
  return {
    bytesSpilled: after.bytesSpilled - before.bytesSpilled,
    partitionsSpilled: after.partitionsSpilled - before.partitionsSpilled,
    bytesReadBack: after.bytesReadBack - before.bytesReadBack,
    partitionsReadBack: after.partitionsReadBack - before.partitionsReadBack,
    peakBytesHeld: after.peakBytesHeld,
  };
}

/** The files a graph's tasks write, each with the node (and its op) that writes it. */
function writtenFiles(graph: TaskGraph, pipeline: PipelineFile): OutputFile[] {
  const opOf = new Map(pipeline.nodes.map((n) => [n.id, n.op]));
  const files: OutputFile[] = [];
  for (const task of graph.tasks.values()) {
    const visit = (sink: Sink) => {
      if (sink.kind === 'write-text' || sink.kind === 'write-csv') files.push({ target: sink.path, nodeId: sink.nodeId, op: opOf.get(sink.nodeId) ?? '', taskKey: task.key });
      if (sink.kind === 'tee') sink.branches.forEach((b) => visit(b.sink));
    };
    if (task.work.kind === 'chain') visit(task.work.sink);
  }
  return files;
}
