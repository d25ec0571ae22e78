import type { FrameMeta, SeriesMeta } from '../dataframe/frame.js';
import type { LayerInfo } from '../schedule/events.js';
import type { PortKind } from '../spec/port-kind.js';
import type { TaskSpec } from './task.js';

/** What a pipeline node gives back when the graph has run. */
export interface OutputSpec {
  nodeId: string;
  /** How its partitions' results make its value (a bag's: their concatenation), by the kind's descriptor. */
  kind: PortKind;
  keys: string[];
}

/** A compiled pipeline: tasks by key, the outputs to compute, and how tasks group into layers. */
export interface TaskGraph {
  tasks: Map<string, TaskSpec>;
  outputs: OutputSpec[];
  layers: LayerInfo[];
  /** Python source of the pipeline's `def`s, needed by every task that runs an expression. */
  functions: string;
  /** Partition counts of every partitioned node (bags, DataFrames, Series), as Dask would report `npartitions`. */
  npartitions: Record<string, number>;
  /** What Dask would warn while building the graph, each naming its node. */
  warnings?: string[];
  /** Each DataFrame and Series node's schema (Dask's `_meta`), known before anything runs. */
  schemas: Record<string, FrameMeta | SeriesMeta>;
  /** Whether each DataFrame and Series node knows its divisions (Dask's `known_divisions`). */
  divisionsKnown: Record<string, boolean>;
}

/** The layer table of a set of tasks, in the order their layers first appear. */
export function layersOf(tasks: Iterable<TaskSpec>): LayerInfo[] {
  const layers = new Map<string, LayerInfo>();
  for (const task of tasks) {
    const layer = layers.get(task.layer);
    if (layer) {
      layer.tasks++;
      for (const id of task.nodeIds) if (!layer.nodeIds.includes(id)) layer.nodeIds.push(id);
    } else {
      layers.set(task.layer, { name: task.layer, nodeIds: [...task.nodeIds], tasks: 1 });
    }
  }
  return [...layers.values()];
}
