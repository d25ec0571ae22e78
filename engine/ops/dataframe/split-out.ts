/**
 * The task shapes of `split_out` (dataframe/aggregate/split-out.ts has the policy): Dask's shuffle-based grouped
 * aggregation and its apply-concat-apply tree with hash-split chunks, over the partials of a groupby or value-counting
 * reduction (groupby.ts, series-value-counts.ts), moved as frames.
 */
import type { TaskSpec } from '../../graph/task.js';
import type { BuildContext, BuiltLayer, Collection } from '../op-definition.js';
import type { Label } from '../../dataframe/frame.js';
import type { ShardKeys, ShuffleAggregatePlan } from '../../dataframe/aggregate/split-out.js';
import type { TreeReductionPlan } from '../../dataframe/shuffle/drop-duplicates.js';
import { treeChildren } from '../../dataframe/shuffle/drop-duplicates.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { chainTask, taskKey, type Partitioned } from '../layer-builders.js';
import { bucketKey } from './frame-shuffle.js';
import type { GroupbySpec } from './groupby.js';
import type { ValueCountsSpec } from './series-value-counts.js';

/** The reductions that split their output: a groupby's, or a value-counting one. */
export type SplitOutSpec = GroupbySpec | ValueCountsSpec;

/** What every split-out step knows: the node, its reduction, and (for a Series partial) the Series' name. */
interface SplitOutStep {
  nodeId: string;
  spec: SplitOutSpec;
  seriesName: Label | null;
}

/** The chunk of the reduction on the partition streaming by, its partial as a frame. */
export interface SplitOutChunkStage extends SplitOutStep {
  kind: 'split-out-chunk';
}

/**
 * A partial split into `npartitions` pieces by its keys' hash; with `withTotal`, one more result: the partial's
 * count of values (value_counts' `total_length` for normalize).
 */
export interface SplitOutShardSink {
  kind: 'split-out-shard';
  nodeId: string;
  keys: ShardKeys;
  npartitions: number;
  withTotal: boolean;
}

/**
 * A tree node or a shuffle's output: its partials concatenated (Dask's `_concat`), then combined or aggregated;
 * `totals` trailing deps are chunk counts summed into value_counts' total.
 */
export interface SplitOutReduceSource extends SplitOutStep {
  kind: 'split-out-reduce';
  step: 'combine' | 'aggregate';
  totals: number;
}

/** Aggregated output partitions (frames or Series) concatenated in order (`repartition` to fewer). */
export interface SplitOutConcatSource {
  kind: 'split-out-concat';
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'split-out-chunk': SplitOutChunkStage;
  }
  interface SinkKinds {
    'split-out-shard': SplitOutShardSink;
  }
  interface SourceKinds {
    'split-out-reduce': SplitOutReduceSource;
    'split-out-concat': SplitOutConcatSource;
  }
}

/** The key of the count result of chunk `i` (after its pieces). */
function totalKey(chunkLayer: string, i: number): string {
  return `${chunkLayer}:${i}.total`;
}

function step(ctx: BuildContext, spec: SplitOutSpec, seriesName: Label | null): SplitOutStep {
  return { nodeId: ctx.node.id, spec, seriesName };
}

/**
 * Dask's `_shuffle_aggregate`: chunk tasks (each also splitting its partial, unless runs of chunks are concatenated
 * first), S output tasks each aggregating bucket j of every split, and, when split_out < S, concat tasks.
 */
export function shuffleAggregateLayer(ctx: BuildContext, input: Partitioned, spec: SplitOutSpec, keys: ShardKeys, plan: ShuffleAggregatePlan, collection: Collection, seriesName: Label | null = null): BuiltLayer {
  const n = input.npartitions;
  const S = plan.shufflePartitions;
  const splits = plan.before ? plan.before.length : n;
  checkLayerBeforeBuild(ctx.node, { partitions: plan.splitOut, tasks: n + splits + S + plan.splitOut, deps: n + splits * S + S });
  const base = step(ctx, spec, seriesName);
  const chunk: SplitOutChunkStage = { kind: 'split-out-chunk', ...base };
  const shard = (): SplitOutShardSink => ({ kind: 'split-out-shard', nodeId: ctx.node.id, keys, npartitions: S, withTotal: false });
  const chunkLayer = `${ctx.name}-chunk`;
  const splitLayer = `${ctx.name}-split`;
  const outLayer = plan.after ? `${ctx.name}-shuffled` : ctx.name;
  const tasks: TaskSpec[] = [];
  const withBuckets = (task: TaskSpec, i: number): TaskSpec => ({ ...task, produces: Array.from({ length: S }, (_, j) => bucketKey(splitLayer, i, j)) });
  for (let i = 0; i < n; i++) {
    const deps = [taskKey(input.name, i)];
    if (plan.before) tasks.push(chainTask(ctx, i, deps, { kind: 'input', index: 0 }, [chunk], { kind: 'collect' }, chunkLayer));
    else tasks.push(withBuckets(chainTask(ctx, i, deps, { kind: 'input', index: 0 }, [chunk], shard(), splitLayer), i));
  }
  plan.before?.forEach(({ start, end }, i) => {
    const deps = Array.from({ length: end - start }, (_, k) => taskKey(chunkLayer, start + k));
    tasks.push(withBuckets(chainTask(ctx, i, deps, { kind: 'frame-concat' }, [], shard(), splitLayer), i));
  });
  for (let j = 0; j < S; j++) {
    const deps = Array.from({ length: splits }, (_, i) => bucketKey(splitLayer, i, j));
    tasks.push(chainTask(ctx, j, deps, { kind: 'split-out-reduce', ...base, step: 'aggregate', totals: 0 }, [], { kind: 'collect' }, outLayer));
  }
  plan.after?.forEach(({ start, end }, s) => {
    const deps = Array.from({ length: end - start }, (_, k) => taskKey(outLayer, start + k));
    tasks.push(chainTask(ctx, s, deps, { kind: 'split-out-concat' }, []));
  });
  return { collection, tasks };
}

/**
 * `aca` with split_out: a chunk task per partition splitting its partial into split_out pieces (and, with
 * `withTotal`, its count), then per output partition a tree of `split_every` consecutive nodes down to one.
 */
export function splitOutTreeLayer(ctx: BuildContext, input: Partitioned, spec: SplitOutSpec, keys: ShardKeys, plan: TreeReductionPlan, collection: Collection, options: { seriesName?: Label | null; withTotal?: boolean } = {}): BuiltLayer {
  const { splitOut, widths } = plan;
  const n = input.npartitions;
  const withTotal = options.withTotal ?? false;
  checkLayerBeforeBuild(ctx.node, { partitions: splitOut, tasks: n + splitOut * Math.max(1, widths.slice(1).reduce((a, b) => a + b, 0)), deps: n * splitOut * 2 + (withTotal ? n * splitOut : 0) });
  const base = step(ctx, spec, options.seriesName ?? null);
  const chunkLayer = `${ctx.name}-chunk`;
  const tasks: TaskSpec[] = [];
  // The key of split s of node `group` at level `depth` (level 0: the chunks' pieces; the last level: the output).
  const last = Math.max(widths.length - 1, 1);
  const keyOf = (depth: number, group: number, s: number): string => {
    if (depth === 0) return `${chunkLayer}:${group}.${s}`;
    return depth === last ? taskKey(ctx.name, s) : `${ctx.name}-combine${depth}:${group}.${s}`;
  };
  for (let i = 0; i < n; i++) {
    const sink: SplitOutShardSink = { kind: 'split-out-shard', nodeId: ctx.node.id, keys, npartitions: splitOut, withTotal };
    const chunk = chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [{ kind: 'split-out-chunk', ...base }], sink, chunkLayer);
    chunk.produces = [...Array.from({ length: splitOut }, (_, s) => keyOf(0, i, s)), ...(withTotal ? [totalKey(chunkLayer, i)] : [])];
    tasks.push(chunk);
  }
  const totals = withTotal ? Array.from({ length: n }, (_, i) => totalKey(chunkLayer, i)) : [];
  for (let s = 0; s < splitOut; s++) {
    for (let depth = 1; depth <= last; depth++) {
      const isLast = depth === last;
      const width = isLast ? 1 : widths[depth];
      for (let group = 0; group < width; group++) {
        const children = widths.length === 1 ? [0] : treeChildren(plan, depth, group);
        const deps = children.map((child) => keyOf(depth - 1, child, s));
        const source: SplitOutReduceSource = { kind: 'split-out-reduce', ...base, step: isLast ? 'aggregate' : 'combine', totals: isLast ? totals.length : 0 };
        const layer = isLast ? ctx.name : `${ctx.name}-combine${depth}`;
        const task = chainTask(ctx, isLast ? s : group, isLast ? [...deps, ...totals] : deps, source, [], { kind: 'collect' }, layer);
        task.key = keyOf(depth, group, s);
        tasks.push(task);
      }
    }
  }
  return { collection, tasks };
}
