import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import type { FrameMeta, Label } from '../../dataframe/frame.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { dropDuplicatesMeta, dropDuplicatesPlan, treeChildren, type DropDuplicatesOptions } from '../../dataframe/shuffle/drop-duplicates.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { nodeError } from './read-csv.js';
import { WeftError } from '../../errors.js';
import { pyRepr } from '../../values/repr.js';

/** pandas' `drop_duplicates(subset, keep='first')` of the partition streaming by. */
export interface DropDuplicatesStage {
  kind: 'dataframe-drop-duplicates';
  nodeId: string;
  subset?: Label | Label[];
}

/** Splits a chunk's result into `splitOut` pieces by the hash of its subset (Dask's `hash_shard`). */
export interface HashShardSink {
  kind: 'frame-hash-shard';
  nodeId: string;
  subset?: Label | Label[];
  splitOut: number;
}

/** A tree node of the reduction: its children's frames concatenated, the empty ones left out (`_concat`). */
export interface TreeConcatSource {
  kind: 'frame-tree-concat';
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-drop-duplicates': DropDuplicatesStage;
  }
  interface SinkKinds {
    'frame-hash-shard': HashShardSink;
  }
  interface SourceKinds {
    'frame-tree-concat': TreeConcatSource;
  }
}

/**
 * `df.drop_duplicates(subset=, split_every=, split_out=)`: Dask's apply-concat-apply (core.py `aca`). A chunk task
 * per partition drops its own duplicates (and, with split_out > 1, shards the rest by the subset's hash); then per
 * output partition a tree of tasks, each concatenating up to split_every results of the level below and dropping
 * duplicates again, down to one. The result has split_out partitions, unknown divisions and the input's meta.
 */
export const dropDuplicates: OpDefinition = {
  collection: 'dataframe',
  name: 'drop_duplicates',
  group: 'shuffle',
  doc: 'Drop repeated rows, keeping the first of each: all columns compared, or only those in subset. split_out > 1 spreads the result over that many partitions by the hash of the subset.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [
    { name: 'subset', type: 'json', columns: 'input', required: false, default: null, nullable: true, doc: 'The column name(s) that make rows duplicates; None: all columns.' },
    { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, min: 2, doc: 'Results combined per task of the tree (default 8); false for one task.' },
    { name: 'split_out', type: 'int', required: false, default: 1, min: 1, doc: 'Partitions of the result.' },
  ],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const options: DropDuplicatesOptions = { split_out: ctx.params.split_out as number };
    const subset = ctx.params.subset;
    if (subset !== null && subset !== undefined) {
      const isLabel = (k: unknown): boolean => typeof k === 'string' || typeof k === 'number';
      if (!isLabel(subset) && !(Array.isArray(subset) && subset.every(isLabel))) {
        throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.drop_duplicates): subset must be a column name or a list of them, not ${pyRepr(subset)}`, { nodeId });
      }
      options.subset = subset as Label | Label[];
    }
    if (ctx.params.split_every !== null && ctx.params.split_every !== undefined) options.split_every = ctx.params.split_every as number | false;
    let meta: FrameMeta;
    let plan;
    try {
      meta = dropDuplicatesMeta(input.meta, options, nodeId);
      plan = dropDuplicatesPlan(input.npartitions, options, nodeId);
    } catch (e) {
      nodeError(e, nodeId, 'dataframe.drop_duplicates');
    }
    const { splitOut, widths } = plan;
    checkLayerBeforeBuild(ctx.node, { partitions: splitOut, tasks: input.npartitions + splitOut * widths.reduce((a, b) => a + b, 0), deps: input.npartitions * splitOut * 2 });
    const stage: DropDuplicatesStage = { kind: 'dataframe-drop-duplicates', nodeId, ...(options.subset !== undefined ? { subset: options.subset } : {}) };
    const chunkLayer = `${ctx.name}-chunk`;
    const tasks: TaskSpec[] = [];
    // The key of split s of node `group` at level `depth` (level 0: the chunks).
    const keyOf = (depth: number, group: number, s: number): string => {
      if (depth > 0) return depth === widths.length - 1 || widths.length === 1 ? taskKey(ctx.name, s) : `${ctx.name}-agg${depth}:${group}.${s}`;
      return splitOut > 1 ? `${chunkLayer}:${group}.${s}` : taskKey(chunkLayer, group);
    };
    for (let i = 0; i < input.npartitions; i++) {
      const sink: HashShardSink | { kind: 'collect' } = splitOut > 1 ? { kind: 'frame-hash-shard', nodeId, splitOut, ...(options.subset !== undefined ? { subset: options.subset } : {}) } : { kind: 'collect' };
      const chunk = chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [stage], sink, chunkLayer);
      if (splitOut > 1) chunk.produces = Array.from({ length: splitOut }, (_, s) => keyOf(0, i, s));
      tasks.push(chunk);
    }
    for (let s = 0; s < splitOut; s++) {
      if (widths.length === 1) {
        tasks.push(chainTask(ctx, s, [keyOf(0, 0, s)], { kind: 'frame-tree-concat' }, [stage]));
        continue;
      }
      for (let depth = 1; depth < widths.length; depth++) {
        const last = depth === widths.length - 1;
        for (let group = 0; group < widths[depth]; group++) {
          const deps = treeChildren(plan, depth, group).map((child) => keyOf(depth - 1, child, s));
          const layer = last ? ctx.name : `${ctx.name}-agg${depth}`;
          const task = chainTask(ctx, last ? s : group, deps, { kind: 'frame-tree-concat' }, [stage], { kind: 'collect' }, layer);
          task.key = keyOf(depth, group, s);
          tasks.push(task);
        }
      }
    }
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: splitOut, meta, divisions: null }, tasks };
  },
};
