/**
 * The task shape of set_index's and sort_values' divisions (dask/dataframe/shuffle.py `_calculate_divisions`), which
 * Dask computes eagerly while it builds the graph and Weft, planning without data, runs as tasks: a stats task per
 * partition (quantile summary, min, max), one divisions task reading them all, then a split task per partition
 * reading its partition and the divisions, making one bucket per output partition; collect tasks gather them
 * (frame-shuffle.ts). The output count is fixed when planning: Dask's `npartitions` (default the input's), an upper
 * bound of what Dask makes, since Dask drops repeated divisions; the buckets past the divisions stay empty.
 *
 * Seed: Dask seeds the sampling with `tokenize` of its graph, which Weft cannot reproduce; Weft seeds with a hash of
 * the layer name, so a run is reproducible, and matches Dask's divisions wherever no random draw happens (partitions
 * short enough that every row is a sample).
 */
import type { TaskSpec } from '../../graph/task.js';
import type { BuildContext, Collection } from '../op-definition.js';
import type { DType, FrameMeta, Label } from '../../dataframe/frame.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { randomStateData } from '../../dataframe/shuffle/numpy-random.js';
import { chainTask, taskKey } from '../layer-builders.js';
import { bucketKey, collectTasks } from './frame-shuffle.js';
import type { Source, Stage } from '../../graph/task.js';

/** Pass 1 on a partition: its summary for `numNew` divisions, min and max, from its own random state. */
export interface PartitionStatsSink {
  kind: 'frame-partition-stats';
  nodeId: string;
  column: Label;
  numOld: number;
  numNew: number;
  upsample: number;
  state: number[];
  op: DivisionsWork['op'];
}

/** The divisions from every partition's stats, and how the rows then move. */
export interface DivisionsWork {
  kind: 'frame-divisions';
  nodeId: string;
  op: 'set_index' | 'sort_values';
  npartitions: number;
  dtype: DType;
  /** sort_values' `ascending` as given (Dask refuses a list of several only once the divisions are known). */
  ascending: boolean | boolean[];
}

/** A partition (deps[0]) split into `npartitions` buckets by the divisions (deps[1]): `set_partitions_pre`. */
export interface DivisionsSplitWork {
  kind: 'frame-divisions-split';
  nodeId: string;
  column: Label;
  partition: number;
  npartitions: number;
  ascending: boolean;
  naPosition: 'first' | 'last';
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    'frame-partition-stats': PartitionStatsSink;
  }
  interface WorkKinds {
    'frame-divisions': DivisionsWork;
    'frame-divisions-split': DivisionsSplitWork;
  }
}

/** Weft's seed for a layer's quantile sampling: a hash of its name, in numpy's seed range. */
export function samplingSeed(layer: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < layer.length; i++) x = Math.imul(x ^ layer.charCodeAt(i), 0x01000193);
  return (x >>> 0) % (2 ** 31 - 1);
}

/** Dask's one boolean of `ascending` (`[True]` counts as True), or null when there is none. */
export function singleAscending(ascending: boolean | boolean[]): boolean | null {
  if (typeof ascending === 'boolean') return ascending;
  return ascending.length === 1 && typeof ascending[0] === 'boolean' ? ascending[0] : null;
}

/** What the divisions shuffle of a set_index or sort_values needs. */
export interface DivisionsShuffle {
  input: Extract<Collection, { kind: 'dataframe' }>;
  column: Label;
  npartitions: number;
  op: DivisionsWork['op'];
  ascending: boolean | boolean[];
  naPosition: 'first' | 'last';
  /** The per-partition work after the rows arrive (sort). */
  finish: Stage[];
  /**
   * The source of each collect task in place of the buckets' concatenation (set_index builds its partition from the
   * buckets column by column); `finish` then follows it.
   */
  collect?: Source;
}

/** The stats, divisions, split and collect tasks; the collect tasks (keys `<ctx.name>:j`) run `finish`. */
export function divisionsShuffleTasks(ctx: BuildContext, shuffle: DivisionsShuffle): TaskSpec[] {
  const { input, column, npartitions } = shuffle;
  const nodeId = ctx.node.id;
  const n = input.npartitions;
  checkLayerBeforeBuild(ctx.node, { partitions: npartitions, tasks: 3 * n + 1 + npartitions, deps: n * npartitions + 3 * n });
  const statsLayer = `${ctx.name}-stats`;
  const divisionsKey = taskKey(`${ctx.name}-divisions`, 0);
  const splitLayer = `${ctx.name}-split`;
  const states = randomStateData(n, samplingSeed(ctx.name));
  const tasks: TaskSpec[] = [];
  for (let i = 0; i < n; i++) {
    const sink: PartitionStatsSink = { kind: 'frame-partition-stats', nodeId, column, numOld: n, numNew: npartitions, upsample: 1, state: Array.from(states[i]), op: shuffle.op };
    tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], sink, statsLayer));
  }
  const dtype = input.meta.columns.find((c) => c.name === column)!.dtype;
  const divisions: DivisionsWork = { kind: 'frame-divisions', nodeId, op: shuffle.op, npartitions, dtype, ascending: shuffle.ascending };
  tasks.push({ key: divisionsKey, layer: `${ctx.name}-divisions`, nodeIds: [nodeId], partition: 0, deps: Array.from({ length: n }, (_, i) => taskKey(statsLayer, i)), work: divisions });
  for (let i = 0; i < n; i++) {
    const work: DivisionsSplitWork = { kind: 'frame-divisions-split', nodeId, column, partition: i, npartitions, ascending: singleAscending(shuffle.ascending) ?? true, naPosition: shuffle.naPosition };
    tasks.push({
      key: taskKey(splitLayer, i),
      layer: splitLayer,
      nodeIds: [nodeId],
      partition: i,
      deps: [taskKey(input.name, i), divisionsKey],
      work,
      produces: Array.from({ length: npartitions }, (_, j) => bucketKey(splitLayer, i, j)),
    });
  }
  for (const task of collectTasks(ctx, splitLayer, n, npartitions, input.meta, ctx.name)) {
    if (task.work.kind === 'chain') {
      task.work.stages = shuffle.finish;
      if (shuffle.collect) task.work.source = shuffle.collect;
    }
    tasks.push(task);
  }
  return tasks;
}
