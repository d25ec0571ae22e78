/**
 * The shapes of Dask's tree reductions, so a plan can lay out chunk → combine → aggregate tasks exactly as Dask
 * does, and the kernels' contract for the three stages.
 *
 * Policy:
 * - dask.dataframe (`aca`, layers.py `DataFrameTreeReduction`): `split_every` defaults to 8, `False` means one
 *   aggregate over all partitions, below 2 is an error. Level widths are n, ⌈n/s⌉, ... down to 1; each task of a
 *   level takes `s` consecutive tasks of the level below; the last level is the aggregate, the others combine.
 * - dask.array (`_tree_reduce`, used by DataFrame.var/std through `da.nanvar`): `split_every` falsy means 4; the
 *   depth is max(1, ⌈log n / log s⌉) computed in floating point as Python does; depth − 1 combine levels, then one
 *   aggregate, each grouping `s` consecutive blocks.
 */
import { WeftError } from '../../errors.js';

/** A kernel split into Dask's three graph stages; every stage is a pure function of plain data. */
export interface TreeReduction<Input, Partial, Output> {
  /** Runs on one partition. */
  chunk(input: Input): Partial;
  /** Runs on consecutive partials of the level below (Dask concatenates them first). */
  combine(parts: Partial[]): Partial;
  /** Runs once, on the last level's partials, and gives the result. */
  aggregate(parts: Partial[]): Output;
}

/** One level of a tree: its tasks, each the half-open range of the previous level's tasks it reads. */
export type TreeLevel = Array<[start: number, stop: number]>;

/** The levels above the chunks: all but the last are combines, the last (one task) is the aggregate. */
export interface TreeShape {
  splitEvery: number;
  levels: TreeLevel[];
}

function groups(width: number, size: number): TreeLevel {
  const level: TreeLevel = [];
  for (let start = 0; start < width; start += size) level.push([start, Math.min(start + size, width)]);
  return level;
}

/** dask.dataframe's tree for `npartitions` chunks (`aca`'s `split_every`: undefined → 8, false → all at once). */
export function dataframeTreeShape(npartitions: number, splitEvery?: number | false | null): TreeShape {
  let s: number;
  if (splitEvery === undefined || splitEvery === null) s = 8;
  else if (splitEvery === false) s = npartitions;
  else if (!Number.isInteger(splitEvery) || splitEvery < 2) throw new WeftError('BAD_PARAM', 'split_every must be an integer >= 2');
  else s = splitEvery;
  const levels: TreeLevel[] = [];
  let width = npartitions;
  while (width > 1) {
    const level = groups(width, s);
    levels.push(level);
    width = level.length;
  }
  if (levels.length === 0) levels.push([[0, 1]]);
  return { splitEvery: s, levels };
}

/** dask.array's tree for `nblocks` chunks along the reduced axis (`split_every`: falsy → 4). */
export function arrayTreeShape(nblocks: number, splitEvery?: number | false | null): TreeShape {
  const s = splitEvery ? Math.max(Math.trunc(splitEvery), 2) : 4;
  const depth = Math.max(1, Math.ceil(Math.log(nblocks) / Math.log(s)));
  const levels: TreeLevel[] = [];
  let width = nblocks;
  for (let d = 0; d < depth; d++) {
    const level = groups(width, s);
    levels.push(level);
    width = level.length;
  }
  return { splitEvery: s, levels };
}

/** Runs a reduction over in-memory partitions along a shape: what the scheduler does with the tasks, for tests. */
export function runTree<I, P, O>(kernel: TreeReduction<I, P, O>, partitions: readonly I[], shape: TreeShape): O {
  let parts = partitions.map((p) => kernel.chunk(p));
  for (let l = 0; l < shape.levels.length - 1; l++) {
    parts = shape.levels[l].map(([a, b]) => kernel.combine(parts.slice(a, b)));
  }
  const last = shape.levels[shape.levels.length - 1];
  if (last.length !== 1) throw new Error('a tree ends in one aggregate');
  return kernel.aggregate(parts.slice(last[0][0], last[0][1]));
}
