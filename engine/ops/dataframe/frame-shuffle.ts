/**
 * The task shape of dask.dataframe's one-stage task shuffle (dask/dataframe/shuffle.py `rearrange_by_column_tasks`
 * with one stage), shared by the ops that move rows between partitions: a split task per input partition making one
 * bucket per output partition (each bucket a result of its own, so it spills and travels alone), then a collect task
 * per output partition concatenating bucket j of every split, in input order (dataframe/shuffle/shuffle.ts).
 * A bucket is a one-element list holding its frame, as a partition is, so every frame source reads both alike.
 */
import type { TaskSpec } from '../../graph/task.js';
import type { BuildContext, Collection } from '../op-definition.js';
import type { FrameMeta, Label } from '../../dataframe/frame.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { chainTask, taskKey } from '../layer-builders.js';

/** Splits a partition into `npartitions` buckets by `hash_pandas_object(df[on], index=False) % npartitions`. */
export interface FrameHashSplitSink {
  kind: 'frame-hash-split';
  nodeId: string;
  on: Label[];
  npartitions: number;
}

/** An output partition of a shuffle: its bucket of every split (the deps), concatenated; `meta` when all are empty. */
export interface FrameBucketsSource {
  kind: 'frame-buckets';
  meta: FrameMeta;
}

/** The frames of several partitions concatenated into one (`methods.concat`), as repartition combines them. */
export interface FrameConcatSource {
  kind: 'frame-concat';
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    'frame-hash-split': FrameHashSplitSink;
  }
  interface SourceKinds {
    'frame-buckets': FrameBucketsSource;
    'frame-concat': FrameConcatSource;
  }
}

/** The key of bucket `j` of split task `i`. */
export function bucketKey(splitLayer: string, i: number, j: number): string {
  return `${splitLayer}:${i}.${j}`;
}

/**
 * The collect tasks of a shuffle whose split tasks (in `splitLayer`, `inputs` of them) are already built: output
 * partition j in `layer` reads bucket j of every split.
 */
export function collectTasks(ctx: BuildContext, splitLayer: string, inputs: number, outputs: number, meta: FrameMeta, layer: string): TaskSpec[] {
  return Array.from({ length: outputs }, (_, j) =>
    chainTask(ctx, j, Array.from({ length: inputs }, (_, i) => bucketKey(splitLayer, i, j)), { kind: 'frame-buckets', meta }, [], { kind: 'collect' }, layer),
  );
}

/**
 * A hash shuffle of `input` on columns `on` into `outputs` partitions: split tasks in `<layer>-split`, collect tasks
 * in `layer` (keys `<layer>:j`).
 */
export function hashShuffleTasks(ctx: BuildContext, input: Extract<Collection, { kind: 'dataframe' }>, on: Label[], outputs: number, layer: string): TaskSpec[] {
  checkLayerBeforeBuild(ctx.node, { partitions: outputs, tasks: input.npartitions + outputs, deps: input.npartitions * outputs });
  const splitLayer = `${layer}-split`;
  const tasks: TaskSpec[] = [];
  for (let i = 0; i < input.npartitions; i++) {
    const sink: FrameHashSplitSink = { kind: 'frame-hash-split', nodeId: ctx.node.id, on, npartitions: outputs };
    const split = chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], sink, splitLayer);
    split.produces = Array.from({ length: outputs }, (_, j) => bucketKey(splitLayer, i, j));
    tasks.push(split);
  }
  tasks.push(...collectTasks(ctx, splitLayer, input.npartitions, outputs, input.meta, layer));
  return tasks;
}

/** The divisions of a collection as a list (unknown ones as null), as the plans of dataframe/shuffle take them. */
export function divisionsList(input: { npartitions: number; divisions: unknown[] | null }): Array<number | string | null> {
  return (input.divisions ?? new Array(input.npartitions + 1).fill(null)) as Array<number | string | null>;
}

/** Known divisions as the collection records them; all-unknown ones as null. */
export function recordedDivisions(divisions: Array<number | string | null>): unknown[] | null {
  return divisions.every((d) => d === null) ? null : divisions;
}
