/**
 * The low-level task graph: what a pipeline compiles into and what the schedulers run. Every task is plain data
 * (so it can cross to a worker thread): a key, the keys it depends on, and a {@link Work} saying what to compute.
 */
import type { ReducerSpec } from './reducer-spec.js';
import type { CodecName } from '../io/text-codecs.js';

/** Where a partition pipeline gets its elements. `input` indexes the task's `deps`. */
export type Source =
  | {
      kind: 'text-file';
      /** The read_text node, which read errors name. */
      nodeId: string;
      path: string;
      compression: 'gzip' | null;
      /** Byte range of a block of a plain file (Dask's blocksize); null end reads to the end. */
      start: number;
      end: number | null;
      encoding: string;
      /** null: universal newlines (Python's text mode); otherwise split on this exact string. */
      linedelimiter: string | null;
      includePath: boolean;
    }
  | { kind: 'text-files'; nodeId: string; files: Array<{ path: string; compression: 'gzip' | null }>; encoding: string; linedelimiter: string | null; includePath: boolean }
  | { kind: 'literal'; items: Uint8Array }
  | { kind: 'input'; index: number }
  | { kind: 'product'; left: number; right: number }
  /** Element i of every input partition together, as the arguments of a `map` over several bags. */
  | { kind: 'zip'; inputs: number[]; nodeId: string }
  | { kind: 'concat'; inputs: number[] }
  /**
   * An output partition of a groupby: the buckets in `deps` merged group by group, as (key, [elements]) pairs.
   * `sizesOnly`: the buckets hold counts, and each group's list has the right length but no elements.
   */
  | { kind: 'groups'; sizesOnly?: boolean };

/** A step applied to the elements of one partition as they stream by. */
export type Stage =
  /** `spread`: the element is a tuple of arguments (a map over several bags). */
  | { kind: 'map'; nodeId: string; func: string; spread?: boolean }
  | { kind: 'filter'; nodeId: string; predicate: string; keep: boolean }
  | { kind: 'flatten'; nodeId: string }
  | { kind: 'pluck'; nodeId: string; key: unknown; hasDefault: boolean; default: unknown }
  | { kind: 'map_partitions'; nodeId: string; func: string }
  | { kind: 'take'; nodeId: string; k: number }
  /**
   * `map(lambda x: x.split(sep))` followed by `pluck(index)`, found by split-projection.ts: cuts out the one field
   * instead of making every field of every line. `func` is the map's function, used as is for non-strings.
   */
  | {
      kind: 'split-field';
      nodeId: string;
      mapNodeId: string;
      func: string;
      sep: string;
      index: number;
      hasDefault: boolean;
      default: unknown;
      /** A missing field reports the line (a groupby key of one field) rather than its fields (a map then pluck). */
      reportsLine?: boolean;
    }
  /**
   * `map(lambda x: x.split(sep))` whose consumers read only the constant fields `fields` of each list (found by
   * split-projection.ts): makes lists with only those fields filled. A line with too few fields is split in full,
   * so the consumers raise exactly the errors they would have.
   */
  | { kind: 'split-sparse'; nodeId: string; func: string; sep: string; fields: number[] };

/** What a partition pipeline does with its elements at the end. */
export type Sink =
  | { kind: 'collect' }
  | { kind: 'reduce'; nodeId: string; reducer: ReducerSpec; isLast: boolean }
  /** `sizesOnly`: the groups' consumers read only keys and sizes (group-size-projection.ts): ship counts. */
  | { kind: 'split'; nodeId: string; grouper: string; npartitions: number; sizesOnly?: boolean }
  | { kind: 'write-text'; nodeId: string; path: string; encoding: CodecName; compression: 'gzip' | null; lastEndline: boolean }
  /** Every element goes down each branch: one pass over a partition feeds several consumers (see optimize.ts). */
  | { kind: 'tee'; branches: Pipe[] }
  /** Cut the partition into `n` near-equal pieces, each a result of its own (Dask's `split`, repartitioning up). */
  | { kind: 'pieces'; n: number };

/** How many results a sink makes: one, except for pieces and tees. */
export function sinkOutputs(sink: Sink): number {
  if (sink.kind === 'pieces') return sink.n;
  if (sink.kind === 'split') return sink.npartitions;
  if (sink.kind === 'tee') return sink.branches.reduce((n, b) => n + sinkOutputs(b.sink), 0);
  return 1;
}

/** Stages followed by a sink: the part of a chain after its source. */
export interface Pipe {
  stages: Stage[];
  sink: Sink;
}

/** What one task computes. */
export type Work =
  | { kind: 'chain'; source: Source; stages: Stage[]; sink: Sink }
  | { kind: 'aggregate'; nodeId: string; reducer: ReducerSpec; isLast: boolean }
  | { kind: 'take-final'; nodeId: string; k: number }
  /** The list of the dependencies' results, in order (the paths `to_textfiles` wrote). */
  | { kind: 'gather'; nodeId: string };

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
