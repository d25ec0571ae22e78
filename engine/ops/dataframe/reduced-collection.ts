/**
 * What a dask.dataframe reduction makes, at plan time: a Series or DataFrame of one partition (Dask's `aca` gives
 * npartitions=1), or an item, and the shared param of every tree reduction.
 */
import type { BuildContext, Collection, ParamSpec } from '../op-definition.js';
import type { FrameMeta, Label, SeriesMeta } from '../../dataframe/frame.js';
import { nodeError } from './read-csv.js';

/** `split_every`, with a Dask default of its own: `false` (one aggregate) or `null` (8, or dask.array's 4). */
export function splitEveryParam(fallback: false | null, doc: string): ParamSpec {
  return { name: 'split_every', type: 'split_every', required: false, default: fallback, nullable: true, min: 2, doc };
}

/** The value of the split_every param: a whole number, false, or undefined for the shape's own default. */
export function splitEveryOf(ctx: BuildContext): number | false | undefined {
  const v = ctx.params.split_every as number | false | null | undefined;
  return v === null ? undefined : v;
}

/** The reduction's result as an item. */
export function itemOf(ctx: BuildContext): Collection {
  return { kind: 'item', nodeId: ctx.node.id, name: ctx.name };
}

/** A one-partition Series made by a reduction; `divisions` as Dask gives them (null when unknown). */
export function seriesOf(ctx: BuildContext, meta: SeriesMeta, divisions: unknown[] | null = null): Collection {
  return { kind: 'series', nodeId: ctx.node.id, name: ctx.name, npartitions: 1, meta, divisions };
}

/** A one-partition DataFrame made by a reduction, its divisions unknown. */
export function frameOf(ctx: BuildContext, meta: FrameMeta): Collection {
  return { kind: 'dataframe', nodeId: ctx.node.id, name: ctx.name, npartitions: 1, meta, divisions: null };
}

/** A per-column result's divisions: Dask's `(min(labels), max(labels))` when the labels compare, else unknown. */
export function labelDivisions(labels: readonly Label[]): unknown[] | null {
  if (labels.length === 0) return null;
  const strings = labels.every((l) => typeof l === 'string');
  const numbers = labels.every((l) => typeof l === 'number');
  if (!strings && !numbers) return null;
  const sorted = labels.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [sorted[0], sorted[sorted.length - 1]];
}

/** A plan-time computation whose errors name the node and the operation. */
export function atPlan<T>(ctx: BuildContext, run: () => T): T {
  try {
    return run();
  } catch (e) {
    nodeError(e, ctx.node.id, ctx.node.op);
  }
}
