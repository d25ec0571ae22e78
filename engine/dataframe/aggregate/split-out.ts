/**
 * `split_out > 1` for dask.dataframe's grouped and value-counting reductions, as Dask 2022.12 lays it out: the
 * partials of a reduction (a frame per chunk: a groupby's intermediate frame, a value_counts or unique Series as a
 * one-column frame) are dealt to output partitions by a hash of their keys, and each output reduces its own.
 *
 * Policy — two graph shapes, chosen by the op as Dask chooses them:
 * - The shuffle (groupby.py `_shuffle_aggregate`, groupby's default when split_out > 1, `shuffle=None` meaning
 *   'tasks'): a chunk per input partition; `S = max(npartitions // split_every, split_out)` shuffle partitions
 *   (split_every: None → 8, False → npartitions); when S is below the chunk count the chunks are first
 *   concatenated in consecutive runs (`repartition(npartitions=S)`, `int(i * n / S)` boundaries); each run is split
 *   by `hash_pandas_object(partial.index.to_frame(), index=False) % S` (the key levels as a frame: combined even for
 *   one key), output j concatenates bucket j of every run in order (Dask's `_concat`: the non-empty buckets, or the
 *   first when all are empty) and aggregates it once; when split_out is below S the aggregated partitions are
 *   concatenated again in consecutive runs down to split_out.
 * - The tree (core.py `aca` with split_out: groupby with `shuffle=False`, value_counts, unique): each chunk's
 *   partial is split by `hash_shard` — `split_out_on_index` hashes the index (one level alone, several as a frame),
 *   unique hashes the values — and each of the split_out outputs runs its own `DataFrameTreeReduction`: levels of
 *   `split_every` consecutive nodes (8 by default), each concatenating its children (`_concat`) and combining,
 *   the last aggregating.
 * - Splitting is a stable counting sort (pandas' `groupsort_indexer`): rows keep their order within a bucket.
 * The output has split_out partitions and unknown divisions.
 */
import { WeftError } from '../../errors.js';
import type { Column, Frame, Label, Series } from '../frame.js';
import { hashColumn, hashFrameColumns, partitioningIndex } from '../shuffle/hash-pandas.js';
import { splitByTargets } from '../shuffle/shuffle.js';
import { repartitionPlan } from '../shuffle/repartition.js';
import { treeChildren, treeConcat, type TreeReductionPlan } from '../shuffle/drop-duplicates.js';
import { concatFrames } from '../shuffle/concat-frames.js';

/** Consecutive runs of partitions concatenated into one (`repartition` to fewer partitions). */
export type Runs = Array<{ start: number; end: number }>;

/** The layout of Dask's `_shuffle_aggregate`. */
export interface ShuffleAggregatePlan {
  kind: 'shuffle-aggregate';
  splitOut: number;
  /** S: the partitions the shuffle makes, each aggregated once. */
  shufflePartitions: number;
  /** The runs of chunks concatenated before the shuffle, when S is fewer than the chunks; null otherwise. */
  before: Runs | null;
  /** The runs of aggregated partitions concatenated after it, when split_out is fewer than S; null otherwise. */
  after: Runs | null;
}

function runsOf(from: number, to: number): Runs {
  const plan = repartitionPlan(new Array(from + 1).fill(null), to);
  if (plan.kind !== 'combine') throw new Error('runs shrink a collection');
  return plan.groups;
}

/** Dask's `_shuffle_aggregate` layout for `npartitions` inputs (split_every: undefined → 8, false → all). */
export function shuffleAggregatePlan(npartitions: number, splitOut: number, splitEvery?: number | false, nodeId?: string): ShuffleAggregatePlan {
  let every: number;
  if (splitEvery === undefined) every = 8;
  else if (splitEvery === false) every = npartitions;
  else if (!Number.isInteger(splitEvery) || splitEvery < 1) throw new WeftError('BAD_PARAM', 'ValueError: split_every must be an integer >= 1', { nodeId });
  else every = splitEvery;
  const shufflePartitions = Math.max(Math.floor(npartitions / every), splitOut);
  return {
    kind: 'shuffle-aggregate',
    splitOut,
    shufflePartitions,
    before: shufflePartitions < npartitions ? runsOf(npartitions, shufflePartitions) : null,
    after: splitOut < shufflePartitions ? runsOf(shufflePartitions, splitOut) : null,
  };
}

/**
 * What a partial is hashed by: some of its columns (a group partial's key columns), or its index; `combined`
 * hashes them as a frame (pandas' `combine_hash_arrays`, even over one column), otherwise the one column alone.
 */
export type ShardKeys = { from: 'columns'; names: Label[]; combined: boolean } | { from: 'index'; combined: boolean };

function keyColumns(frame: Frame, keys: ShardKeys): Column[] {
  if (keys.from === 'index') {
    if (frame.index.kind !== 'labels') throw new Error('an index shard needs index labels');
    return frame.index.levels;
  }
  return keys.names.map((name) => {
    const at = frame.names.indexOf(name);
    if (at < 0) throw new Error(`a partial lacks its key column ${String(name)}`);
    return frame.columns[at];
  });
}

/** The output partition of each row of a partial: its keys' hash modulo `npartitions`. */
export function shardTargets(frame: Frame, keys: ShardKeys, npartitions: number): Int32Array {
  const columns = keyColumns(frame, keys);
  if (!keys.combined && columns.length !== 1) throw new Error('one key column is hashed alone');
  const hashes = keys.combined ? hashFrameColumns(columns, frame.length) : hashColumn(columns[0]);
  return partitioningIndex(hashes, npartitions);
}

/** A partial split into `npartitions` pieces by its keys' hash, rows in order within each piece. */
export function shardPartial(frame: Frame, keys: ShardKeys, npartitions: number): Frame[] {
  return splitByTargets(frame, shardTargets(frame, keys, npartitions), npartitions);
}

/** The column a Series partial travels in as a frame. */
export const SERIES_COLUMN = '__series__';

/** A Series as a one-column frame with its index (Dask's `to_frame('__series__')` before a shuffle). */
export function seriesAsFrame(series: Series): Frame {
  return { kind: 'frame', names: [SERIES_COLUMN], columns: [series.column], index: series.index, length: series.length };
}

/** The Series a one-column frame holds, named `name`. */
export function frameAsSeries(frame: Frame, name: Label | null): Series {
  return { kind: 'series', name, column: frame.columns[0], index: frame.index, length: frame.length };
}

/** Output partitions concatenated (`methods.concat`), a Series through its one-column frame. */
export function concatResults(parts: Array<Frame | Series>): Frame | Series {
  if (parts[0].kind === 'frame') return concatFrames(parts as Frame[]);
  const series = parts as Series[];
  return frameAsSeries(concatFrames(series.map(seriesAsFrame)), series[0].name);
}

/** A reduction whose partials are frames: what both shapes run. */
export interface FramePartialReduction<I, O> {
  chunk(input: I): Frame;
  /** Combines one concatenated frame of partials. */
  combine(partials: Frame): Frame;
  aggregate(partials: Frame): O;
}

/** The shuffle shape over in-memory partitions, stage by stage as its tasks run (tests, in-process runs). */
export function runShuffleAggregate<I, O extends Frame | Series>(kernel: FramePartialReduction<I, O>, parts: readonly I[], keys: ShardKeys, plan: ShuffleAggregatePlan): Array<Frame | Series> {
  let chunks = parts.map((p) => kernel.chunk(p));
  if (plan.before) chunks = plan.before.map(({ start, end }) => concatFrames(chunks.slice(start, end)));
  const buckets = chunks.map((c) => shardPartial(c, keys, plan.shufflePartitions));
  const outputs: Array<Frame | Series> = Array.from({ length: plan.shufflePartitions }, (_, j) => kernel.aggregate(treeConcat(buckets.map((b) => b[j]))));
  return plan.after ? plan.after.map(({ start, end }) => concatResults(outputs.slice(start, end))) : outputs;
}

/** The tree shape over in-memory partitions: `split_out` trees over the chunks' pieces (tests, in-process runs). */
export function runSplitOutTree<I, O>(kernel: FramePartialReduction<I, O>, parts: readonly I[], keys: ShardKeys, plan: TreeReductionPlan): O[] {
  const pieces = parts.map((p) => shardPartial(kernel.chunk(p), keys, plan.splitOut));
  return Array.from({ length: plan.splitOut }, (_, s) => {
    let level = pieces.map((p) => p[s]);
    for (let depth = 1; depth < plan.widths.length - 1; depth++) {
      const below = level;
      level = Array.from({ length: plan.widths[depth] }, (_, group) => kernel.combine(treeConcat(treeChildren(plan, depth, group).map((i) => below[i]))));
    }
    return kernel.aggregate(treeConcat(level));
  });
}
