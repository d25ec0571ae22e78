/**
 * Dask's shuffle (dask/dataframe/shuffle.py, 2022.12) as two pure stages, the task shape Dask builds:
 * `split` each input partition into `npartitions` buckets by the row's target partition, then `collect` output
 * partition j as bucket j of every input, in input order.
 *
 * Policy:
 * - A row's target is `partitioning_index` of its key columns (hash shuffles: merge, `shuffle(on=)`) or the
 *   `_partitions` value set_index/sort_values computed (`set_partitions_pre`). Splitting is a stable counting sort,
 *   as `groupsort_indexer` (tasks) and `groupby(...).get_group` (disk) both are, so rows keep their input order
 *   within a bucket and keep their index labels (a RangeIndex becomes labels, as pandas' `take` makes it).
 * - An output partition with no rows is Dask's meta (`collect` returns `meta` when partd holds nothing), so its
 *   index is the meta's, not the buckets'.
 * - Dask shrinks first: `rearrange_by_column` repartitions the input to `npartitions` when that is fewer than the
 *   input has (`shufflePlan` says so; repartition.ts does it).
 * - Row order within an output partition is that of Dask's one-stage task shuffle (`shuffle='tasks'`, up to 32
 *   partitions): inputs in order. Dask's default on one machine, the disk shuffle, holds the same rows per
 *   partition but appends them in task completion order, which its scheduler decides; and its staged task shuffle
 *   (more than 32 partitions) is not reproduced.
 */

import { WeftError } from '../../errors.js';
import type { Frame, Label } from '../frame.js';
import { concatFrames } from './concat-frames.js';
import { hashFrameColumns, partitioningIndex } from './hash-pandas.js';
import { sliceRows } from '../frame-slice.js';
import { takeAllRows, takeFrameRows } from '../take-rows.js';

/** How a shuffle of `inputs` partitions into `outputs` runs: every output reads one bucket of every input. */
export interface ShufflePlan {
  kind: 'shuffle';
  /** Input partitions after Dask's shrinking repartition. */
  inputs: number;
  outputs: number;
  /** When Dask repartitions the input down to `outputs` before shuffling. */
  repartitionFirst: boolean;
}

/** The plan of shuffling `inputPartitions` partitions into `npartitions` (Dask: `npartitions or df.npartitions`). */
export function shufflePlan(inputPartitions: number, npartitions?: number): ShufflePlan {
  const outputs = npartitions ?? inputPartitions;
  const repartitionFirst = outputs < inputPartitions;
  return { kind: 'shuffle', inputs: repartitionFirst ? outputs : inputPartitions, outputs, repartitionFirst };
}

/** Where each row goes: `hash_pandas_object(df[on], index=False) % npartitions`. */
export function hashTargets(frame: Frame, on: Label[], npartitions: number, nodeId?: string): Int32Array {
  const columns = on.map((name) => {
    const at = frame.names.indexOf(name);
    if (at < 0) throw new WeftError('BAD_INPUT', `"None of [Index(['${String(name)}'], dtype='object')] are in the [columns]"`, { nodeId });
    return frame.columns[at];
  });
  return partitioningIndex(hashFrameColumns(columns, frame.length), npartitions);
}

/** Splits a partition into `npartitions` buckets by `targets` (a stable counting sort, like groupsort_indexer). */
export function splitByTargets(frame: Frame, targets: Int32Array, npartitions: number): Frame[] {
  const counts = new Int32Array(npartitions + 1);
  for (let i = 0; i < targets.length; i++) counts[targets[i] + 1]++;
  for (let j = 0; j < npartitions; j++) counts[j + 1] += counts[j];
  let sorted: Frame;
  if (targets.length > 0 && counts[targets[0] + 1] - counts[targets[0]] === targets.length) {
    // Every row goes to one bucket: the counting sort keeps the frame's order, so only the index changes (as take).
    sorted = takeAllRows(frame);
  } else {
    const order = new Int32Array(targets.length);
    const cursor = counts.slice(0, npartitions);
    for (let i = 0; i < targets.length; i++) order[cursor[targets[i]]++] = i;
    sorted = takeFrameRows(frame, order);
  }
  const buckets: Frame[] = [];
  for (let j = 0; j < npartitions; j++) buckets.push(sliceRows(sorted, counts[j], counts[j + 1]));
  return buckets;
}

/** The split stage of a hash shuffle on columns `on`. */
export function hashSplit(frame: Frame, on: Label[], npartitions: number, nodeId?: string): Frame[] {
  return splitByTargets(frame, hashTargets(frame, on, npartitions, nodeId), npartitions);
}

/**
 * The collect stage: output partition j from bucket j of every input, in input order; `meta` (Dask's empty meta
 * frame) when no rows arrived.
 */
export function collectBuckets(buckets: Frame[], meta: Frame): Frame {
  const nonEmpty = buckets.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) return meta;
  return concatFrames(nonEmpty);
}
