/**
 * Runs of the window's documents on one engine Session. Policy:
 * - A run computes its targets (default: every node nothing reads). A bag target is computed as a `take` of its
 *   first elements across all partitions (the preview the result panel shows), never collected whole.
 * - Results are keyed by content: the task keys of a target's output, which hash the op, its params, its inputs and
 *   the data files' sizes and times. A target whose keys match a finished run's is not recomputed: it is `cached`.
 * - One run at a time per session; cancelling aborts the engine's signal and every node goes back to idle.
 */
import { randomUUID } from 'node:crypto';
import { CancelledError, COLLECTIONS, nodeOutputKind, OPERATIONS, type PortKind, planPipeline, Session, WeftError, type PipelineFile, type RunEvent, type SessionOptions } from '../../engine/index.js';
import type { HostEvent, NodeResult, NodeState, Problem } from '../ipc/contract.js';
import { RunProgressBatcher } from './run-progress.js';
import { findProblems, problemOf } from './problems.js';
import { isFrameValue, previewOf, showValue, tableOf } from './show-value.js';
import { HostFailure } from './host-failure.js';
import { executeClusterRun } from './cluster-run.js';

/** How many elements of a bag the result panel previews. */
export const PREVIEW_LIMIT = 10;
/** Results kept for reuse; old ones go first. */
const CACHE_ENTRIES = 500;
/** Ids of the hidden preview nodes: `__preview__<bag node>`, a prefix no user id has (payload.ts refuses user ids starting with `__`). */
export const PREVIEW_PREFIX = '__preview__';

interface ActiveRun {
  runId: string;
  controller: AbortController;
  done: Promise<void>;
}

export class RunManager {
  /** Made at the first run: starting the worker threads is not worth delaying the app's start for. */
  private sessionInstance: Session | null = null;
  private readonly cache = new Map<string, NodeResult>();
  private active: ActiveRun | null = null;

  constructor(
    private readonly sessionOptions: SessionOptions,
    private readonly emit: (event: HostEvent) => void,
    private readonly progressIntervalMs = 110,
  ) {}

  private get session(): Session {
    this.sessionInstance ??= new Session(this.sessionOptions);
    return this.sessionInstance;
  }

  start(pipeline: PipelineFile, baseDir: string, targets: string[] | undefined): { runId: string } {
    return this.begin((runId, signal) => this.execute(runId, pipeline, baseDir, targets, signal));
  }

  /** Starts a run of the whole pipeline on a Dask cluster; it takes the same one slot as a local run. */
  startOnCluster(pipeline: PipelineFile, baseDir: string, address: string, python: string): { runId: string } {
    return this.begin(async (runId, signal) => {
      await executeClusterRun({ runId, pipeline, baseDir, address, python, signal, emit: this.emit, progressIntervalMs: this.progressIntervalMs });
      // The run-end event has gone out: a window that reruns on it must find the slot free, as after a local run.
      if (this.active?.runId === runId) this.active = null;
    });
  }

  private begin(work: (runId: string, signal: AbortSignal) => Promise<void>): { runId: string } {
    if (this.active) throw new HostFailure('RUN_IN_PROGRESS', 'a run is already in progress; cancel it or wait for it to end');
    const runId = randomUUID();
    const controller = new AbortController();
    const run: ActiveRun = { runId, controller, done: Promise.resolve() };
    this.active = run;
    // The reply (the run id) goes out first; everything about the run follows as events.
    run.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(runId, controller.signal))
      .finally(() => {
        if (this.active === run) this.active = null;
      });
    return { runId };
  }

  cancel(runId: string): void {
    if (this.active?.runId === runId) this.active.controller.abort();
  }

  /** Cancels any run, waits for it to end, and stops the engine's workers. */
  async close(): Promise<void> {
    const active = this.active;
    active?.controller.abort();
    await active?.done;
    await this.sessionInstance?.close();
  }

  private async execute(runId: string, pipeline: PipelineFile, baseDir: string, requested: string[] | undefined, signal: AbortSignal): Promise<void> {
    const started = Date.now();
    const end = (fields: Omit<Extract<HostEvent, { kind: 'run-end' }>, 'kind' | 'runId' | 'elapsedMs'>) => {
      // The session is free once the engine's run is over: a window that reruns on this event must be able to.
      if (this.active?.runId === runId) this.active = null;
      this.emit({ kind: 'run-end', runId, elapsedMs: Date.now() - started, ...fields });
    };
    const problems = findProblems(pipeline, baseDir);
    if (problems.length > 0) {
      end({ status: 'invalid', nodes: {}, results: {}, tasks: {}, problems, warnings: [], spilledBytes: 0 });
      return;
    }
    const ids = new Set(pipeline.nodes.map((n) => n.id));
    const unknown = (requested ?? []).filter((t) => !ids.has(t));
    if (unknown.length > 0) {
      end({ status: 'invalid', nodes: {}, results: {}, tasks: {}, problems: unknown.map((t): Problem => ({ code: 'BAD_INPUT', message: `no node '${t}' to run up to` })), warnings: [], spilledBytes: 0 });
      return;
    }
    const { targets, withPreviews, previewTargets } = runPlan(pipeline, requested);
    const { optimized } = planPipeline(withPreviews.pipeline, { baseDir, targets: previewTargets });
    const cacheKeyOf = new Map(optimized.outputs.map((o) => [o.nodeId, o.keys.join('|')]));
    const results: Record<string, NodeResult> = {};
    const cachedStates: Record<string, NodeState> = {};
    const toRun: string[] = [];
    targets.forEach((target, i) => {
      const cached = this.cache.get(cacheKeyOf.get(previewTargets[i]) ?? '');
      if (cached) {
        results[target] = cached;
        cachedStates[target] = { kind: 'cached' };
      } else {
        toRun.push(previewTargets[i]);
      }
    });
    // The nodes upstream of a cached target gave their part of its cached result: they show cached too, unless
    // this run computes them for another target (the run's own states come after and win).
    const cachedTargets = targets.filter((t) => cachedStates[t]);
    for (const id of upstreamOf(pipeline, cachedTargets)) cachedStates[id] ??= { kind: 'cached' };
    const withCached = (states: Record<string, NodeState>) => {
      const merged: Record<string, NodeState> = { ...cachedStates, ...states };
      for (const t of cachedTargets) merged[t] = { kind: 'cached' };
      return merged;
    };
    if (toRun.length === 0) {
      this.emit({ kind: 'run-start', runId, tasks: 0, scheduler: '', workers: 0, nodes: cachedStates });
      end({ status: 'done', nodes: cachedStates, results, tasks: {}, warnings: [], spilledBytes: 0 });
      return;
    }

    const batcher = new RunProgressBatcher(runId, (progress) => this.emit({ ...progress, nodes: withCached(progress.nodes) }), this.progressIntervalMs);
    const onEvent = (event: RunEvent) => {
      batcher.onEvent(event);
      if (event.kind === 'run-start') {
        this.emit({ kind: 'run-start', runId, tasks: event.tasks, scheduler: event.scheduler, workers: event.workers, nodes: withCached(batcher.nodeStates()) });
      }
    };
    try {
      const result = await this.session.run(withPreviews.pipeline, { baseDir, targets: toRun, signal, onEvent });
      const tasks = batcher.close();
      targets.forEach((target, i) => {
        const key = previewTargets[i];
        if (!(key in result.results)) return;
        const value = result.results[key];
        const isPreview = withPreviews.targetFor.has(target);
        const npartitions = result.stats.npartitions[target] ?? 0;
        const shown: NodeResult = isFrameValue(value)
          ? tableOf(value, outputKind(pipeline, target), { npartitions, divisionsKnown: optimized.divisionsKnown[target] ?? false, limit: PREVIEW_LIMIT, isWhole: !isPreview })
          : isPreview
            ? previewOf(value, outputKind(pipeline, target), npartitions, PREVIEW_LIMIT)
            : { kind: 'item', value: showValue(value) };
        results[target] = shown;
        this.remember(cacheKeyOf.get(key) ?? '', shown);
      });
      const nodes = withCached(batcher.nodeStates());
      for (const id of Object.keys(nodes)) if (id.startsWith(PREVIEW_PREFIX)) delete nodes[id];
      const warnings = result.warnings.filter((w) => !w.includes(PREVIEW_PREFIX));
      end({ status: 'done', nodes, results, tasks, warnings, spilledBytes: batcher.spilled });
    } catch (e) {
      const tasks = batcher.close();
      if (e instanceof CancelledError || signal.aborted) {
        end({ status: 'cancelled', nodes: {}, results: {}, tasks, warnings: [], spilledBytes: batcher.spilled });
        return;
      }
      const error = e instanceof WeftError ? problemOf(e) : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e) };
      const nodeId = error.nodeId?.startsWith(PREVIEW_PREFIX) ? error.nodeId.slice(PREVIEW_PREFIX.length) : error.nodeId;
      const nodes = batcher.nodeStates();
      for (const [id, state] of Object.entries(nodes)) if (state.kind !== 'done') nodes[id] = { kind: 'idle' };
      if (nodeId) nodes[nodeId] = { kind: 'failed', message: error.message };
      end({ status: 'failed', nodes, results, tasks, error: { code: error.code, message: error.message, nodeId }, warnings: [], spilledBytes: batcher.spilled });
    }
  }

  private remember(key: string, result: NodeResult): void {
    if (!key) return;
    this.cache.delete(key);
    this.cache.set(key, result);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
  }
}

/** Every node some target reads, directly or through others (the targets themselves excluded). */
function upstreamOf(pipeline: PipelineFile, targets: string[]): Set<string> {
  const inputs = new Map(pipeline.nodes.map((n) => [n.id, n.inputs ?? []]));
  const seen = new Set<string>();
  const stack = targets.flatMap((t) => inputs.get(t) ?? []);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(inputs.get(id) ?? []));
  }
  return seen;
}

/** Nodes that no other node reads: what a run computes by default, as on the command line. */
export function outputsOf(pipeline: PipelineFile): string[] {
  const read = new Set(pipeline.nodes.flatMap((n) => n.inputs ?? []));
  return pipeline.nodes.filter((n) => !read.has(n.id)).map((n) => n.id);
}

/** The kind of collection a node makes. */
export function outputKind(pipeline: PipelineFile, nodeId: string): PortKind {
  return nodeOutputKind(pipeline.nodes.find((n) => n.id === nodeId)) ?? 'item';
}

/**
 * What a run computes: its targets, and the pipeline with a preview step (a bag's `take`) after each target whose
 * collection previews itself rather than being collected whole. The task graph
 * view plans the same pipeline, so its task keys are the ones the run reports.
 */
export function runPlan(pipeline: PipelineFile, requested: string[] | undefined): { targets: string[]; withPreviews: { pipeline: PipelineFile; targetFor: Map<string, string> }; previewTargets: string[] } {
  const targets = requested ?? outputsOf(pipeline);
  const withPreviews = addPreviews(pipeline, targets);
  return { targets, withPreviews, previewTargets: targets.map((t) => withPreviews.targetFor.get(t) ?? t) };
}

/** Adds a hidden preview step after every target whose kind has one, so a run previews a bag instead of collecting it. */
function addPreviews(pipeline: PipelineFile, targets: string[]): { pipeline: PipelineFile; targetFor: Map<string, string> } {
  const targetFor = new Map<string, string>();
  const nodes = [...pipeline.nodes];
  for (const target of targets) {
    const node = pipeline.nodes.find((n) => n.id === target);
    const step = node && COLLECTIONS.get(outputKind(pipeline, target))?.preview?.(PREVIEW_LIMIT);
    // A preview step whose op this engine lacks cannot run: the target is then collected whole (its table still
    // shows only the first rows), which is slower but right.
    if (!step || !OPERATIONS.has(step.op)) continue;
    const id = PREVIEW_PREFIX + target;
    nodes.push({ id, op: step.op, inputs: [target], params: step.params });
    targetFor.set(target, id);
  }
  return { pipeline: { ...pipeline, nodes }, targetFor };
}
