/**
 * `df.drop_duplicates(subset=, split_out=, split_every=)` as Dask 2022.12 runs it: an apply-concat-apply
 * (dask/dataframe/core.py `aca`) with pandas' `drop_duplicates` as chunk, combine and aggregate.
 *
 * Policy:
 * - chunk: each partition drops its own duplicates (keep='first': the first row of each key, rows in order, index
 *   labels kept; a RangeIndex becomes labels because pandas selects with `take`; an empty partition is returned
 *   as it is).
 * - split_out > 1: each chunk result is split by `hash_pandas_object(df[subset], index=False) % split_out` — a
 *   single-name subset hashes a Series, a list a frame (combined), no subset the whole frame — and each output
 *   split reduces its own pieces.
 * - The tree (`DataFrameTreeReduction`): level widths `n, ceil(n/split_every), ... 1`; each node concatenates up
 *   to `split_every` consecutive nodes of the level below, skipping empty ones (the first is kept when all are
 *   empty), and drops duplicates again. split_every defaults to 8. The output has `split_out` partitions and
 *   unknown divisions; its meta is the input's.
 */

import { WeftError } from '../../errors.js';
import type { Frame, FrameMeta, Label } from '../frame.js';
import { concatFrames } from './concat-frames.js';
import { hashColumn, hashFrameColumns, partitioningIndex } from './hash-pandas.js';
import { factorizeRows } from './row-keys.js';
import { takeFrameRows } from '../take-rows.js';
import { splitByTargets } from './shuffle.js';

/** The parameters Dask's `drop_duplicates` takes that Weft supports. */
export interface DropDuplicatesOptions {
  subset?: Label | Label[];
  split_out?: number;
  split_every?: number | false;
}

/** The graph: `widths[d]` nodes at level d (level 0 = the chunks), `splitOut` trees side by side. */
export interface TreeReductionPlan {
  kind: 'tree-reduction';
  splitOut: number;
  splitEvery: number;
  widths: number[];
}

/** Dask's tree shape for `npartitions` inputs. */
export function dropDuplicatesPlan(npartitions: number, options: DropDuplicatesOptions = {}, nodeId?: string): TreeReductionPlan {
  const splitOut = options.split_out ?? 1;
  let splitEvery: number;
  if (options.split_every === undefined) splitEvery = 8;
  else if (options.split_every === false) splitEvery = npartitions;
  else if (!Number.isInteger(options.split_every) || options.split_every < 2) throw new WeftError('BAD_PARAM', 'split_every must be an integer >= 2', { nodeId });
  else splitEvery = options.split_every;
  const widths = [npartitions];
  let parts = npartitions;
  while (parts > 1) {
    parts = Math.ceil(parts / splitEvery);
    widths.push(parts);
  }
  return { kind: 'tree-reduction', splitOut, splitEvery, widths };
}

/** The children (indices into level `depth - 1`) of node `group` at level `depth`. */
export function treeChildren(plan: TreeReductionPlan, depth: number, group: number): number[] {
  const start = plan.splitEvery * group;
  const stop = Math.min(start + plan.splitEvery, plan.widths[depth - 1]);
  return Array.from({ length: stop - start }, (_, i) => start + i);
}

function subsetNames(frame: Frame, subset: Label | Label[] | undefined, nodeId?: string): Label[] {
  const names = subset === undefined ? frame.names : Array.isArray(subset) ? subset : [subset];
  const missing = names.filter((n) => !frame.names.includes(n));
  if (missing.length) throw new WeftError('BAD_INPUT', `KeyError: Index([${missing.map((n) => (typeof n === 'string' ? `'${n}'` : String(n))).join(', ')}], dtype='object')`, { nodeId });
  return names;
}

/** pandas' `df.drop_duplicates(subset, keep='first')`. */
export function dropDuplicatesFrame(frame: Frame, subset?: Label | Label[], nodeId?: string): Frame {
  // pandas returns an empty frame before it looks at the subset.
  if (frame.length === 0) return frame;
  const names = subsetNames(frame, subset, nodeId);
  const columns = names.map((n) => frame.columns[frame.names.indexOf(n)]);
  // One column goes through `Series.duplicated` (None and NaN distinct); several through factorize (alike).
  const { labels } = factorizeRows([{ columns, length: frame.length }], columns.length > 1);
  const seen = new Uint8Array(frame.length);
  const keep: number[] = [];
  labels[0].forEach((g, i) => {
    if (!seen[g]) {
      seen[g] = 1;
      keep.push(i);
    }
  });
  return takeFrameRows(frame, keep);
}

/** Dask's meta: the input's, after checking the subset names columns (pandas' KeyError on the non-empty meta). */
export function dropDuplicatesMeta(meta: FrameMeta, options: DropDuplicatesOptions = {}, nodeId?: string): FrameMeta {
  const names = meta.columns.map((c) => c.name);
  const subset = options.subset === undefined ? [] : Array.isArray(options.subset) ? options.subset : [options.subset];
  const missing = subset.filter((n) => !names.includes(n));
  if (missing.length) throw new WeftError('BAD_INPUT', `KeyError: Index([${missing.map((n) => (typeof n === 'string' ? `'${n}'` : String(n))).join(', ')}], dtype='object')`, { nodeId });
  return meta;
}

/** `hash_shard`: splits a chunk result into `splitOut` pieces by the hash of its subset. */
export function hashShard(frame: Frame, subset: Label | Label[] | undefined, splitOut: number, nodeId?: string): Frame[] {
  const names = subsetNames(frame, subset, nodeId);
  const columns = names.map((n) => frame.columns[frame.names.indexOf(n)]);
  // `df['a']` is a Series, hashed alone; `df[['a']]` and the whole frame are combined over their columns.
  const hashes = typeof subset === 'string' || typeof subset === 'number' ? hashColumn(columns[0]) : hashFrameColumns(columns, frame.length);
  return splitByTargets(frame, partitioningIndex(hashes, splitOut), splitOut);
}

/** Dask's `_concat` in a tree node: the non-empty inputs concatenated, or the first when all are empty. */
export function treeConcat(frames: Frame[]): Frame {
  const nonEmpty = frames.filter((f) => f.length > 0);
  return nonEmpty.length === 0 ? frames[0] : concatFrames(nonEmpty);
}

/** The whole reduction over partitions, stage by stage as Dask's graph runs it (tests, in-process runs). */
export function dropDuplicatesPartitions(parts: Frame[], options: DropDuplicatesOptions = {}, nodeId?: string): Frame[] {
  const plan = dropDuplicatesPlan(parts.length, options, nodeId);
  const chunks = parts.map((p) => dropDuplicatesFrame(p, options.subset, nodeId));
  const splits: Frame[][] = plan.splitOut > 1 ? chunks.map((c) => hashShard(c, options.subset, plan.splitOut, nodeId)) : chunks.map((c) => [c]);
  return Array.from({ length: plan.splitOut }, (_, s) => {
    let level = splits.map((pieces) => pieces[s]);
    if (plan.widths.length === 1) return dropDuplicatesFrame(treeConcat(level), options.subset, nodeId);
    for (let depth = 1; depth < plan.widths.length; depth++) {
      const below = level;
      level = Array.from({ length: plan.widths[depth] }, (_, group) => dropDuplicatesFrame(treeConcat(treeChildren(plan, depth, group).map((i) => below[i])), options.subset, nodeId));
    }
    return level[0];
  });
}
