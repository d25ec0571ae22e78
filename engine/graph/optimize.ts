/**
 * Graph-to-graph passes, each returning a new graph (Dask's `cull` and `fuse_linear`, plus fan-out fusion).
 *
 * cull: keep only the tasks that the outputs need.
 * fuse: a partition pipeline whose every consumer is a partition pipeline reading only it is merged into them. With
 * one consumer this is Dask's linear fusion (`read_text -> map -> filter -> count` runs as one task per partition and
 * only counts cross between threads). With several, the consumers become branches of a tee, so one pass over the
 * partition feeds them all and the shared intermediate is never materialized, serialized or sent between threads
 * (the tutorials' `parse -> {normal, attacks, tags}`). Persisted and output partitions are never merged away.
 */
import { producedKeys, type Pipe, type Sink, type TaskSpec } from './task.js';
import { layersOf, type TaskGraph } from './task-graph.js';
import { projectSplitFields } from './split-projection.js';
import { projectGroupSizes } from './group-size-projection.js';

/** Drops the tasks that no output depends on. */
export function cull(graph: TaskGraph): TaskGraph {
  const producer = producerIndex(graph.tasks.values());
  const keep = new Set<string>();
  const stack = graph.outputs.flatMap((o) => o.keys.map((k) => producer.get(k)!));
  while (stack.length) {
    const key = stack.pop()!;
    if (keep.has(key)) continue;
    keep.add(key);
    for (const dep of graph.tasks.get(key)!.deps) stack.push(producer.get(dep)!);
  }
  const tasks = new Map<string, TaskSpec>();
  for (const [key, task] of graph.tasks) if (keep.has(key)) tasks.set(key, task);
  return { ...graph, tasks, layers: layersOf(tasks.values()) };
}

/** Maps every result key to the key of the task that makes it. */
export function producerIndex(tasks: Iterable<TaskSpec>): Map<string, string> {
  const producer = new Map<string, string>();
  for (const task of tasks) for (const key of task.produces ?? [task.key]) producer.set(key, task.key);
  return producer;
}

/** Fuses partition pipelines into their consumers, linearly or as tees. */
export function fuse(graph: TaskGraph): TaskGraph {
  const dependents = new Map<string, TaskSpec[]>();
  for (const task of graph.tasks.values()) {
    for (const dep of new Set(task.deps)) {
      let list = dependents.get(dep);
      if (!list) dependents.set(dep, (list = []));
      list.push(task);
    }
  }
  const outputKeys = new Set(graph.outputs.flatMap((o) => o.keys));
  const readsOnly = (task: TaskSpec, key: string) => task.work.kind === 'chain' && task.work.source.kind === 'input' && task.deps.length === 1 && task.deps[0] === key;
  const inlinableCache = new Map<string, boolean>();
  const inlinable = (task: TaskSpec): boolean => {
    let answer = inlinableCache.get(task.key);
    if (answer === undefined) inlinableCache.set(task.key, (answer = isInlinable(task)));
    return answer;
  };
  const isInlinable = (task: TaskSpec): boolean =>
    task.work.kind === 'chain' &&
    task.work.sink.kind === 'collect' &&
    !task.persist &&
    !task.produces &&
    !outputKeys.has(task.key) &&
    (dependents.get(task.key)?.length ?? 0) > 0 &&
    dependents.get(task.key)!.every((d) => readsOnly(d, task.key));

  interface Expanded {
    pipe: Pipe;
    leaves: TaskSpec[];
    nodeIds: string[];
  }
  const expand = (task: TaskSpec): Expanded => {
    const work = task.work as Extract<TaskSpec['work'], { kind: 'chain' }>;
    if (!inlinable(task)) return { pipe: { stages: work.stages, sink: work.sink }, leaves: [task], nodeIds: task.nodeIds };
    const branches = dependents.get(task.key)!.map(expand);
    const nodeIds = unique([...task.nodeIds, ...branches.flatMap((b) => b.nodeIds)]);
    const leaves = branches.flatMap((b) => b.leaves);
    if (branches.length === 1) {
      const only = branches[0].pipe;
      return { pipe: { stages: [...work.stages, ...only.stages], sink: only.sink }, leaves, nodeIds };
    }
    const sink: Sink = { kind: 'tee', branches: branches.map((b) => b.pipe) };
    return { pipe: { stages: work.stages, sink }, leaves, nodeIds };
  };

  const absorbed = new Set<string>();
  for (const task of graph.tasks.values()) {
    if (inlinable(task)) for (const d of dependents.get(task.key)!) absorbed.add(d.key);
  }
  const fused = new Map<string, TaskSpec>();
  for (const task of graph.tasks.values()) {
    if (absorbed.has(task.key)) continue;
    if (task.work.kind !== 'chain' || !inlinable(task)) {
      fused.set(task.key, task);
      continue;
    }
    const { pipe, leaves, nodeIds } = expand(task);
    const single = leaves.length === 1 ? leaves[0] : null;
    const key = single ? single.key : `${task.layer}-tee:${task.partition}`;
    const produced = leaves.flatMap((l) => producedKeys(l));
    fused.set(key, {
      key,
      layer: single ? single.layer : `${task.layer}-tee`,
      nodeIds,
      partition: task.partition,
      deps: task.deps,
      work: { kind: 'chain', source: task.work.source, stages: pipe.stages, sink: pipe.sink },
      ...(produced.length === 1 && produced[0] === key ? {} : { produces: produced }),
      ...(leaves.some((l) => l.persist) ? { persist: true } : {}),
    });
  }
  return { ...graph, tasks: fused, layers: layersOf(fused.values()) };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The standard optimization: cull, fuse, cut splits down to the fields read, and groups down to their sizes. */
export function optimize(graph: TaskGraph): TaskGraph {
  return projectGroupSizes(projectSplitFields(fuse(cull(graph))));
}
