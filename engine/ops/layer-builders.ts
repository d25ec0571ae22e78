/**
 * Shared shapes of layers: element-wise (one task per input partition) and reduction trees. A reduction follows
 * Dask's `Bag.reduction`: a per-partition task for every partition, then aggregate tasks of at most `split_every`
 * inputs each, level after level, until one remains; only the last aggregate is told it is last, so an empty
 * partition contributes nothing to the earlier levels (Dask's `empty_safe_apply`).
 */
import type { ReducerSpec } from '../graph/reducer-spec.js';
import type { Sink, Source, Stage, TaskSpec } from '../graph/task.js';
import type { BuildContext, BuiltLayer, Collection } from './op-definition.js';
import { WeftError } from '../errors.js';
import { collectionKind } from '../collections/collections.js';
import type { TreeShape } from '../dataframe/aggregate/tree.js';

/**
 * The key of partition `i` of a layer. The keys of recent layers are remembered, so that a task's deps are the very
 * strings its producers' keys are: every pass over a graph looks keys up in maps, and a string is hashed once, on
 * its first lookup; with 10,000 partitions, planning spent a fifth of its time hashing copies of the same keys.
 * Bounded by REMEMBERED_KEYS (the oldest layers are forgotten first); a forgotten key is made again, equal.
 */
export function taskKey(layer: string, partition: number): string {
  let keys = rememberedKeys.get(layer);
  if (!keys) {
    rememberedKeys.set(layer, (keys = []));
    forgetOldKeys();
  }
  let key = keys[partition];
  if (key === undefined) {
    key = keys[partition] = `${layer}:${partition}`;
    rememberedCount++;
  }
  return key;
}

const REMEMBERED_KEYS = 200_000;
const rememberedKeys = new Map<string, string[]>();
let rememberedCount = 0;

function forgetOldKeys(): void {
  for (const [layer, keys] of rememberedKeys) {
    if (rememberedCount <= REMEMBERED_KEYS || rememberedKeys.size === 1) return;
    rememberedKeys.delete(layer);
    rememberedCount -= keys.filter((k) => k !== undefined).length;
  }
}

/** Input `index` (the first by default), which must be a collection of `kind`. */
export function inputOf<K extends Collection['kind']>(ctx: BuildContext, kind: K, index = 0): Extract<Collection, { kind: K }> {
  const input = ctx.inputs[index];
  if (!input || input.kind !== kind) {
    throw new WeftError('BAD_INPUT', `node '${ctx.node.id}' (${ctx.node.op}) needs ${collectionKind(kind).article} as input ${index + 1}`, { nodeId: ctx.node.id });
  }
  return input as Extract<Collection, { kind: K }>;
}

/** Input `index` (the first by default), which must be a bag. */
export function inputBag(ctx: BuildContext, index = 0): Extract<Collection, { kind: 'bag' }> {
  return inputOf(ctx, 'bag', index);
}

/** A chain task reading one partition of an input layer. */
export function chainTask(ctx: BuildContext, partition: number, deps: string[], source: Source, stages: Stage[], sink: Sink = { kind: 'collect' }, layer = ctx.name): TaskSpec {
  return { key: taskKey(layer, partition), layer, nodeIds: [ctx.node.id], partition, deps, work: { kind: 'chain', source, stages, sink } };
}

/** A collection with partitions: a bag, a DataFrame or a Series. */
export type Partitioned = Extract<Collection, { npartitions: number }>;

/** One task per partition of the input bag, applying `stages` to its elements. */
export function elementwiseLayer(ctx: BuildContext, stages: Stage[]): BuiltLayer {
  const input = inputBag(ctx);
  return partitionwiseLayer(ctx, input, stages, { kind: 'bag', nodeId: ctx.node.id, name: ctx.name, npartitions: input.npartitions });
}

/** One task per partition of `input`, streaming it through `stages`; `collection` is what the layer makes. */
export function partitionwiseLayer(ctx: BuildContext, input: Partitioned, stages: Stage[], collection: Collection): BuiltLayer {
  const tasks: TaskSpec[] = [];
  for (let i = 0; i < input.npartitions; i++) {
    tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, stages));
  }
  return { collection, tasks };
}

/** A reduction tree over the input bag, ending in an item or a one-partition bag. */
export function reductionLayer(ctx: BuildContext, reducer: ReducerSpec, splitEvery: number | false, outType: 'item' | 'bag'): BuiltLayer {
  const nodeId = ctx.node.id;
  const collection: Collection = outType === 'item' ? { kind: 'item', nodeId, name: ctx.name } : { kind: 'bag', nodeId, name: ctx.name, npartitions: 1 };
  return treeReductionLayer(ctx, inputBag(ctx), reducer, splitEvery, collection);
}

/**
 * A reduction tree over any partitioned input (Dask's `reduction` and `aca`): a per-partition step, then aggregates
 * of at most `splitEvery` partials, level after level; `collection` is what the last aggregate makes.
 */
export function treeReductionLayer(ctx: BuildContext, input: Partitioned, reducer: ReducerSpec, splitEvery: number | false, collection: Collection): BuiltLayer {
  const nodeId = ctx.node.id;
  const fanIn = splitEvery === false ? Math.max(input.npartitions, 1) : splitEvery;
  const tasks: TaskSpec[] = [];
  const partLayer = `${ctx.name}-part`;
  let level: string[] = [];
  for (let i = 0; i < input.npartitions; i++) {
    const isLast = input.npartitions === 1;
    tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], { kind: 'reduce', nodeId, reducer, isLast }, partLayer));
    level.push(taskKey(partLayer, i));
  }
  let depth = 0;
  while (level.length > fanIn) {
    const layer = `${ctx.name}-agg${depth}`;
    const next: string[] = [];
    for (let start = 0, i = 0; start < level.length; start += fanIn, i++) {
      const key = taskKey(layer, i);
      tasks.push({ key, layer, nodeIds: [nodeId], partition: i, deps: level.slice(start, start + fanIn), work: { kind: 'aggregate', nodeId, reducer, isLast: false } });
      next.push(key);
    }
    level = next;
    depth++;
  }
  tasks.push({ key: taskKey(ctx.name, 0), layer: ctx.name, nodeIds: [nodeId], partition: 0, deps: level, work: { kind: 'aggregate', nodeId, reducer, isLast: true } });
  return { collection, tasks };
}

/**
 * A reduction laid out exactly along a tree shape (dataframe/aggregate/tree.ts: dask.dataframe's `aca` tree or
 * dask.array's): one chunk task per partition, then each level's tasks reading the consecutive ranges of the level
 * below that the shape gives; the last level is the one aggregate. A single partition reduced by a one-level tree
 * is chunked and aggregated in one task.
 */
export function treeShapeLayer(ctx: BuildContext, input: Partitioned, reducer: ReducerSpec, shape: TreeShape, collection: Collection): BuiltLayer {
  const nodeId = ctx.node.id;
  const tasks: TaskSpec[] = [];
  const partLayer = `${ctx.name}-part`;
  const fused = input.npartitions === 1 && shape.levels.length === 1;
  let level: string[] = [];
  for (let i = 0; i < input.npartitions; i++) {
    const layer = fused ? ctx.name : partLayer;
    tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], { kind: 'reduce', nodeId, reducer, isLast: fused }, layer));
    level.push(taskKey(layer, i));
  }
  if (fused) return { collection, tasks };
  shape.levels.forEach((ranges, depth) => {
    const isLast = depth === shape.levels.length - 1;
    const layer = isLast ? ctx.name : `${ctx.name}-agg${depth}`;
    level = ranges.map(([start, stop], i) => {
      const key = taskKey(layer, i);
      tasks.push({ key, layer, nodeIds: [nodeId], partition: i, deps: level.slice(start, stop), work: { kind: 'aggregate', nodeId, reducer, isLast } });
      return key;
    });
  });
  return { collection, tasks };
}
