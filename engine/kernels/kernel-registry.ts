/**
 * The code behind every kind of work, source, stage, sink and reducer, looked up by kind. Tasks are plain data (they
 * cross to worker threads); an operation declares the shapes of its kinds in its own file (see graph/task.ts) and
 * their kernels in a `<op>.kernel.ts` beside it, as a {@link KernelSet}; ops/kernels.ts lists every set once, and
 * the inline scheduler and each worker thread run tasks with that one registry.
 *
 * Policy: kernels are looked up while a task's pipeline is put together, once per step of a task, never per
 * element; the consumers they return are closures specialised to their step, so the per-element path is the same
 * monomorphic code it would be without a registry.
 */
import type { ReducerKinds, ReducerSpec } from '../graph/reducer-spec.js';
import type { Sink, SinkKinds, Source, SourceKinds, Stage, StageKinds, TaskSpec, Work, WorkKinds } from '../graph/task.js';
import type { ChainState, Consumer, SinkConsumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';

/** Feeds a chain its elements. */
export interface SourceKernel<S> {
  /** Pushes the source's elements into `head`; gives a promise only when it waits for I/O (reading files). */
  feed(source: S, deps: unknown[], head: Consumer, state: ChainState, signal: AbortSignal | undefined): Promise<void> | undefined;
  /** Whether the source reads input `index` only by streaming its elements: that input may stay encoded until then. */
  streams?(source: S, index: number): boolean;
  /**
   * Whether the source reads input `index`, when spilled, from the spill database itself (a SpilledPartition, see
   * store/spilled-partition.ts), so that it need not be read back whole before the task starts.
   */
  readsSpilled?(source: S, index: number): boolean;
}

/** One element-wise step of a chain. */
export interface StageKernel<S> {
  /** Wraps `next` with the stage: called once per task, and the consumer it gives is called per element. */
  consumer(stage: S, next: Consumer, ctx: KernelContext, functions: string, state: ChainState): Consumer;
}

/** The end of a chain. */
export interface SinkKernel<S> {
  consumer(sink: S, ctx: KernelContext, functions: string, state: ChainState): SinkConsumer;
  /**
   * For a sink whose result is a list of results, one per key the task produces (a shuffle's buckets, pieces): how
   * many. Absent: the sink makes one result.
   */
  outputs?(sink: S, kernels: KernelRegistry): number;
}

/** What a task computes. */
export interface WorkKernel<W> {
  /** The task's result given its dependencies' (or the list of its results, for a task that produces several). */
  run(work: W, deps: unknown[], functions: string, ctx: KernelContext, signal: AbortSignal | undefined): unknown;
  /** Whether the work reads input `index` only by streaming its elements (see {@link SourceKernel.streams}). */
  streams?(work: W, index: number, kernels: KernelRegistry): boolean;
  /** Whether the work reads input `index`, when spilled, in place (see {@link SourceKernel.readsSpilled}). */
  readsSpilled?(work: W, index: number, kernels: KernelRegistry): boolean;
}

/** The two steps of a reduction (see kernels/reducers.ts for the tree that runs them). */
export interface ReducerKernel<R> {
  /** The per-partition step, as the sink of the partition's chain; its result is the partition's partial result. */
  partition(spec: R, isLast: boolean, ctx: KernelContext, functions: string, nodeId: string): SinkConsumer;
  /**
   * Combines partial results (those of empty partitions already left out); the last level (`isLast`) gives the
   * node's value.
   */
  combine(spec: R, parts: unknown[], isLast: boolean, ctx: KernelContext, functions: string, nodeId: string): unknown;
}

/** The kernels one file registers, by kind; each kind's data is the shape declared for it. */
export interface KernelSet {
  works?: { [K in keyof WorkKinds]?: WorkKernel<WorkKinds[K]> };
  sources?: { [K in keyof SourceKinds]?: SourceKernel<SourceKinds[K]> };
  stages?: { [K in keyof StageKinds]?: StageKernel<StageKinds[K]> };
  sinks?: { [K in keyof SinkKinds]?: SinkKernel<SinkKinds[K]> };
  reducers?: { [K in keyof ReducerKinds]?: ReducerKernel<ReducerKinds[K]> };
}

type Table = keyof KernelSet;

/** Every kernel of some kernel sets, by kind. A kind registered twice is a mistake, refused when the registry is made. */
export class KernelRegistry {
  private readonly works = new Map<string, WorkKernel<Work>>();
  private readonly sources = new Map<string, SourceKernel<Source>>();
  private readonly stages = new Map<string, StageKernel<Stage>>();
  private readonly sinks = new Map<string, SinkKernel<Sink>>();
  private readonly reducers = new Map<string, ReducerKernel<ReducerSpec>>();

  constructor(sets: readonly KernelSet[]) {
    for (const set of sets) {
      for (const table of Object.keys(set) as Table[]) {
        const into = this[table] as Map<string, unknown>;
        for (const [kind, kernel] of Object.entries(set[table] ?? {})) {
          if (into.has(kind)) throw new Error(`kernel registry: ${table} kind '${kind}' is registered twice`);
          into.set(kind, kernel);
        }
      }
    }
  }

  work(kind: string): WorkKernel<Work> {
    return found(this.works.get(kind), 'work', kind);
  }

  source(kind: string): SourceKernel<Source> {
    return found(this.sources.get(kind), 'source', kind);
  }

  stage(kind: string): StageKernel<Stage> {
    return found(this.stages.get(kind), 'stage', kind);
  }

  sink(kind: string): SinkKernel<Sink> {
    return found(this.sinks.get(kind), 'sink', kind);
  }

  reducer(kind: string): ReducerKernel<ReducerSpec> {
    return found(this.reducers.get(kind), 'reducer', kind);
  }

  /** How many results a sink makes: one, unless its kernel says otherwise. */
  sinkOutputs(sink: Sink): number {
    return this.sink(sink.kind).outputs?.(sink, this) ?? 1;
  }

  /** Which inputs of `task` it reads only by streaming their elements: those may stay encoded until then. */
  streamsInput(task: Pick<TaskSpec, 'work'>, index: number): boolean {
    return this.work(task.work.kind).streams?.(task.work, index, this) ?? false;
  }

  /** Which inputs of `task`, when spilled, it reads from the spill database itself. */
  readsSpilled(task: TaskSpec, index: number): boolean {
    return this.work(task.work.kind).readsSpilled?.(task.work, index, this) ?? false;
  }
}

function found<T>(kernel: T | undefined, table: string, kind: string): T {
  // A task names a kind that no kernel file registered: ops/kernels.ts lacks a line.
  if (!kernel) throw new Error(`no kernel for ${table} kind '${kind}' (is its kernel set listed in ops/kernels.ts?)`);
  return kernel;
}
