/**
 * The low-level task graph: what a pipeline compiles into and what the schedulers run. Every task is plain data
 * (so it can cross to a worker thread): a key, the keys it depends on, and a {@link Work} saying what to compute.
 *
 * The kinds of work, sources, stages and sinks are open: this file declares the generic ones (a chain, its input and
 * concatenated sources, the collect, reduce and tee sinks, the aggregate step of a reduction), and each operation
 * declares the shapes of its own kinds in its file by augmenting the `*Kinds` interfaces below
 * (`declare module '../../graph/task.js' { interface StageKinds { map: MapStage } }`). Each union is then the union
 * of every declared kind, so code that matches on `kind` still narrows. The code that runs a kind is its kernel,
 * found by kind in kernels/kernel-registry.ts.
 */
import type { ReducerSpec } from './reducer-spec.js';

/** Where a partition pipeline gets its elements, by kind. `input` and the like index the task's `deps`. */
export interface SourceKinds {
  /** The elements of one input partition. */
  input: { kind: 'input'; index: number };
  /** The elements of several input partitions, one after the other. */
  concat: { kind: 'concat'; inputs: number[] };
}

/** A step applied to the elements of one partition as they stream by, by kind; each names the node it computes. */
// Every stage is an operation's: the operations declare them all.
export interface StageKinds {}

/** What a partition pipeline does with its elements at the end, by kind. */
export interface SinkKinds {
  collect: { kind: 'collect' };
  /** The per-partition step of a reduction (see layer-builders.ts). */
  reduce: { kind: 'reduce'; nodeId: string; reducer: ReducerSpec; isLast: boolean };
  /** Every element goes down each branch: one pass over a partition feeds several consumers (see optimize.ts). */
  tee: { kind: 'tee'; branches: Pipe[] };
}

/** What one task computes, by kind. */
export interface WorkKinds {
  chain: { kind: 'chain'; source: Source; stages: Stage[]; sink: Sink };
  /** A level of a reduction tree: combines the partial results of the tasks it depends on. */
  aggregate: { kind: 'aggregate'; nodeId: string; reducer: ReducerSpec; isLast: boolean };
}

export type Source = SourceKinds[keyof SourceKinds];
export type Stage = StageKinds[keyof StageKinds];
export type Sink = SinkKinds[keyof SinkKinds];
export type Work = WorkKinds[keyof WorkKinds];

/** Stages followed by a sink: the part of a chain after its source. */
export interface Pipe {
  stages: Stage[];
  sink: Sink;
}

/** The keys of the results a task makes. */
export function producedKeys(task: TaskSpec): string[] {
  return task.produces ?? [task.key];
}

/** One task of the graph. */
export interface TaskSpec {
  /** `<layer>:<partition>`, deterministic for the same pipeline and data. */
  key: string;
  /** The layer (`<op>-<hash>`) the task belongs to; fused tasks name the last layer they compute. */
  layer: string;
  /** Pipeline nodes whose work the task does, upstream first. */
  nodeIds: string[];
  partition: number;
  deps: string[];
  work: Work;
  /**
   * The keys of the results this task makes, when it makes several (a chain ending in a tee makes one per leaf
   * sink, depth-first); dependents name these keys in their `deps`. Absent: the task makes one result, `key`.
   */
  produces?: string[];
  /** Kept whole for every consumer (`persist`): never fused into the tasks that read it. */
  persist?: boolean;
}
