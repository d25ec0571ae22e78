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
import { producedKeys, type Pipe, type Sink, type Stage, type TaskSpec } from './task.js';
import { layersOf, type TaskGraph } from './task-graph.js';
import { projectSplitFields } from './split-projection.js';
import { projectGroupSizes } from './group-size-projection.js';
import { projectColumns } from './column-projection.js';

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
    for (const dep of task.deps.length > 1 ? new Set(task.deps) : task.deps) {
      let list = dependents.get(dep);
      if (!list) dependents.set(dep, (list = []));
      list.push(task);
    }
  }
  const outputKeys = new Set(graph.outputs.flatMap((o) => o.keys));
  const readsOnly = (task: TaskSpec, key: string) => task.work.kind === 'chain' && task.work.source.kind === 'input' && task.deps.length === 1 && task.deps[0] === key;
  const inlinableCache = new Map<string, boolean>();
  const canInline = (task: TaskSpec): boolean => {
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

  const cut = deepTees(graph, dependents, canInline);
  const inlinable = (task: TaskSpec): boolean => canInline(task) && !cut.has(task.key);

  /**
   * A task's fused pipe, built bottom-up from its consumers. Stages and node ids are kept in reverse (a consumer's
   * lists are extended by its producer in place), so a linear chain of n nodes fuses in O(n), not O(n²).
   */
  interface Expanded {
    reversedStages: Stage[];
    sink: Sink;
    leaves: TaskSpec[];
    reversedNodeIds: string[];
  }
  const pipeOf = (e: Expanded): Pipe => ({ stages: [...e.reversedStages].reverse(), sink: e.sink });
  const nodeIdsOf = (e: Expanded): string[] => unique([...e.reversedNodeIds].reverse());
  // Post-order with an explicit stack: a chain of thousands of fused nodes would overflow recursion. Each consumer
  // reads only its producer, so the consumers form a tree and each is expanded once.
  const expand = (root: TaskSpec): Expanded => linearChain(root) ?? expandTree(root);
  /**
   * The common case without a tee: each inlined task has exactly one consumer, down to a task that stays. Walked
   * directly; planning 10,000 three-node chains spent a third of fusion in the general walk's bookkeeping.
   */
  const linearChain = (root: TaskSpec): Expanded | null => {
    const reversedStages: Stage[] = [];
    const reversedNodeIds: string[] = [];
    const path: TaskSpec[] = [];
    let task = root;
    while (inlinable(task)) {
      const consumers = dependents.get(task.key)!;
      if (consumers.length !== 1) return null;
      path.push(task);
      task = consumers[0];
    }
    const leaf = task.work as Extract<TaskSpec['work'], { kind: 'chain' }>;
    for (let i = leaf.stages.length - 1; i >= 0; i--) reversedStages.push(leaf.stages[i]);
    for (let i = task.nodeIds.length - 1; i >= 0; i--) reversedNodeIds.push(task.nodeIds[i]);
    for (let k = path.length - 1; k >= 0; k--) {
      const { work, nodeIds } = path[k] as TaskSpec & { work: Extract<TaskSpec['work'], { kind: 'chain' }> };
      for (let i = work.stages.length - 1; i >= 0; i--) reversedStages.push(work.stages[i]);
      for (let i = nodeIds.length - 1; i >= 0; i--) reversedNodeIds.push(nodeIds[i]);
    }
    return { reversedStages, sink: leaf.sink, leaves: [task], reversedNodeIds };
  };
  const expandTree = (root: TaskSpec): Expanded => {
    const done = new Map<string, Expanded>();
    const stack: Array<{ task: TaskSpec; isReady: boolean }> = [{ task: root, isReady: false }];
    while (stack.length) {
      const { task, isReady } = stack.pop()!;
      const work = task.work as Extract<TaskSpec['work'], { kind: 'chain' }>;
      if (!inlinable(task)) {
        done.set(task.key, { reversedStages: [...work.stages].reverse(), sink: work.sink, leaves: [task], reversedNodeIds: [...task.nodeIds].reverse() });
        continue;
      }
      const consumers = dependents.get(task.key)!;
      if (!isReady) {
        stack.push({ task, isReady: true });
        for (let i = consumers.length - 1; i >= 0; i--) stack.push({ task: consumers[i], isReady: false });
        continue;
      }
      const branches = consumers.map((c) => done.get(c.key)!);
      for (const c of consumers) done.delete(c.key);
      if (branches.length === 1) {
        const only = branches[0];
        for (let i = work.stages.length - 1; i >= 0; i--) only.reversedStages.push(work.stages[i]);
        for (let i = task.nodeIds.length - 1; i >= 0; i--) only.reversedNodeIds.push(task.nodeIds[i]);
        done.set(task.key, only);
        continue;
      }
      const nodeIds = [...task.nodeIds, ...branches.flatMap(nodeIdsOf)];
      done.set(task.key, {
        reversedStages: [...work.stages].reverse(),
        sink: { kind: 'tee', branches: branches.map(pipeOf) },
        leaves: branches.flatMap((b) => b.leaves),
        reversedNodeIds: nodeIds.reverse(),
      });
    }
    return done.get(root.key)!;
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
    const expanded = expand(task);
    const pipe = pipeOf(expanded);
    const leaves = expanded.leaves;
    const nodeIds = nodeIdsOf(expanded);
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

/**
 * Tees nest no deeper than this: every walk over a fused task's sink (split projection, the kernels, rendering)
 * recurses into its branches, so a pipeline where each of thousands of nodes feeds a second consumer would
 * otherwise overflow the stack. Past it a task stays a task of its own (its result materialized, as in Dask).
 */
const MAX_TEE_DEPTH = 64;

/** The inlinable tasks whose fused tee would nest deeper than MAX_TEE_DEPTH, and so must not be inlined. */
function deepTees(graph: TaskGraph, dependents: Map<string, TaskSpec[]>, canInline: (task: TaskSpec) => boolean): Set<string> {
  const cut = new Set<string>();
  // Without a task feeding several consumers there is no tee at all (the common case: linear chains).
  let tees = 0;
  for (const [key, consumers] of dependents) {
    // A key that is no task's own is one of a multi-output task's, which is never inlined.
    const producer = consumers.length > 1 ? graph.tasks.get(key) : undefined;
    if (producer && canInline(producer)) tees++;
  }
  if (tees <= MAX_TEE_DEPTH) return cut;
  const depth = new Map<string, number>();
  // Post-order over consumers with an explicit stack: a consumer's depth is known before its producer's.
  for (const start of graph.tasks.values()) {
    const stack: Array<{ task: TaskSpec; isReady: boolean }> = [{ task: start, isReady: false }];
    while (stack.length) {
      const { task, isReady } = stack.pop()!;
      if (depth.has(task.key)) continue;
      if (!canInline(task)) {
        depth.set(task.key, 0);
        continue;
      }
      const consumers = dependents.get(task.key)!;
      if (!isReady) {
        stack.push({ task, isReady: true });
        for (const c of consumers) if (!depth.has(c.key)) stack.push({ task: c, isReady: false });
        continue;
      }
      let d = consumers.reduce((m, c) => Math.max(m, depth.get(c.key)!), 0) + (consumers.length > 1 ? 1 : 0);
      if (d > MAX_TEE_DEPTH) {
        cut.add(task.key);
        d = 0;
      }
      depth.set(task.key, d);
    }
  }
  return cut;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/**
 * The standard optimization: cull, fuse, cut groups down to their sizes, and splits down to the fields read. Groups
 * first: a shuffle that moves counts reads of each element only its key, so a split shared by it and other
 * consumers (a tee) is cut to the fields they all read, where a shuffle of the elements needs every field.
 */
export function optimize(graph: TaskGraph): TaskGraph {
  return projectColumns(projectSplitFields(projectGroupSizes(fuse(cull(graph)))));
}
