/**
 * A graph-to-graph pass: when everything that reads a groupby's output starts with a stage that declares it reads
 * only each group's key and size (a map of `lambda g: (g[0], len(g[1]))`, the per-group sizes of the tutorials and
 * of issue 3; see OpDefinition.fieldUse), the shuffle moves counts instead of elements and each group's list
 * arrives with its length but no elements. Such a groupby then needs memory for its keys, not for its data: a group
 * holding most of a 750 MB file no longer has to fit in one worker. When the key is one field of a split line
 * (`lambda l: l.split(',')[3]`), the splitting tasks cut out just that field (a `split-field` stage) and group by
 * it, rather than making every field of every line for a key: the element itself is no longer needed. The results
 * are those of the original graph.
 */
import type { Sink, Stage, TaskSpec } from './task.js';
import { splitFieldOf } from './split-projection.js';
import { pyRepr } from '../values/repr.js';
import type { TaskGraph } from './task-graph.js';
import { declaredFieldUses } from './declared-field-use.js';

/** Whether the pipeline's own functions redefine `len`, which would make `len(g[1])` mean something else. */
function redefinesLen(functions: string): boolean {
  return /\bdef\s+len\b|\blen\s*=(?!=)/.test(functions);
}

export function projectGroupSizes(graph: TaskGraph): TaskGraph {
  if (redefinesLen(graph.functions)) return graph;
  // Per groupby node: its splitting tasks and its gathering tasks (each gather starts with that node's id).
  const gathers = new Map<string, TaskSpec[]>();
  const splitters = new Map<string, TaskSpec[]>();
  for (const task of graph.tasks.values()) {
    if (task.work.kind !== 'chain') continue;
    if (task.work.sink.kind === 'split') push(splitters, task.work.sink.nodeId, task);
    if (task.work.source.kind === 'groups') push(gathers, task.nodeIds[0], task);
  }
  const readsSizesOnly = (task: TaskSpec) => {
    const work = task.work;
    if (work.kind !== 'chain') return false;
    const first = work.stages[0];
    return first !== undefined && declaredFieldUses().stages.get(first.kind)?.readsOnlyGroupSizes?.(first) === true;
  };
  const rewrite = new Set<string>();
  for (const [nodeId, tasks] of gathers) {
    if (!tasks.every(readsSizesOnly) || !splitters.has(nodeId)) continue;
    for (const task of [...tasks, ...splitters.get(nodeId)!]) rewrite.add(task.key);
  }
  if (rewrite.size === 0) return graph;
  const tasks = new Map<string, TaskSpec>();
  for (const [key, task] of graph.tasks) {
    const work = task.work;
    if (!rewrite.has(key) || work.kind !== 'chain') {
      tasks.set(key, task);
      continue;
    }
    const source = work.source.kind === 'groups' ? { ...work.source, sizesOnly: true } : work.source;
    if (work.sink.kind !== 'split') {
      tasks.set(key, { ...task, work: { ...work, source } });
      continue;
    }
    const field = splitFieldOf(work.sink.grouper);
    const sink: Sink = { ...work.sink, sizesOnly: true, ...(field && { grouper: 'lambda key: key' }) };
    const nodeId = work.sink.nodeId;
    const stages: Stage[] = field
      ? [...work.stages, { kind: 'split-field', nodeId, mapNodeId: nodeId, func: `lambda line: line.split(${pyRepr(field.sep)})`, sep: field.sep, index: field.index, hasDefault: false, default: null, reportsLine: true }]
      : work.stages;
    tasks.set(key, { ...task, work: { ...work, source, stages, sink } });
  }
  return { ...graph, tasks };
}

function push(map: Map<string, TaskSpec[]>, key: string, task: TaskSpec): void {
  const list = map.get(key);
  if (list) list.push(task);
  else map.set(key, [task]);
}
