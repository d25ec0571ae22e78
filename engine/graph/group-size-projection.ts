/**
 * A graph-to-graph pass: when everything that reads a groupby's output starts with a stage that declares it reads
 * only each group's key and size (a map of `lambda g: (g[0], len(g[1]))`, the per-group sizes of the tutorials and
 * of issue 3; see OpDefinition.fieldUse), the shuffle moves counts instead of elements and each group's list
 * arrives with its length but no elements. Such a groupby then needs memory for its keys, not for its data: a group
 * holding most of a 750 MB file no longer has to fit in one worker. When the key is one field of a split line
 * (`lambda l: l.split(',')[3]`), the splitting tasks cut out just that field (a `split-field` stage) and group by
 * it, rather than making every field of every line for a key: the element itself is no longer needed. The results
 * are those of the original graph. A split fused into a branch of a tee (a parse shared with other consumers) is
 * projected the same way, and what the other branches read is theirs to decide.
 */
import type { Pipe, Stage, TaskSpec } from './task.js';
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
  // Per groupby node: the tasks holding its split (at the end of a chain, or of a branch of a tee after fusion) and
  // its gathering tasks (each gather starts with that node's id).
  const gathers = new Map<string, TaskSpec[]>();
  const splitters = new Set<string>();
  for (const task of graph.tasks.values()) {
    if (task.work.kind !== 'chain') continue;
    for (const nodeId of splitNodeIds(task.work)) splitters.add(nodeId);
    if (task.work.source.kind === 'groups') push(gathers, task.nodeIds[0], task);
  }
  const projected = new Set<string>();
  for (const [nodeId, tasks] of gathers) {
    if (splitters.has(nodeId) && tasks.every((t) => t.work.kind === 'chain' && readsSizesOnly(t.work))) projected.add(nodeId);
  }
  if (projected.size === 0) return graph;
  const tasks = new Map<string, TaskSpec>();
  for (const [key, task] of graph.tasks) {
    const work = task.work;
    if (work.kind !== 'chain') {
      tasks.set(key, task);
      continue;
    }
    const isGather = work.source.kind === 'groups' && projected.has(task.nodeIds[0]);
    const source = isGather ? { ...work.source, sizesOnly: true } : work.source;
    const pipe = countSplits(work, projected);
    tasks.set(key, pipe === work && !isGather ? task : { ...task, work: { ...work, source, stages: pipe.stages, sink: pipe.sink } });
  }
  return { ...graph, tasks };
}

/**
 * Whether a pipe given groupby's pairs reads only keys and sizes: its first stage says so, its sink is a reduction
 * that reads nothing of its elements (a count of the groups), or each branch of its tee reads only those.
 */
function readsSizesOnly(pipe: Pipe): boolean {
  const first = pipe.stages[0];
  if (first) return declaredFieldUses().stages.get(first.kind)?.readsOnlyGroupSizes?.(first) === true;
  const sink = pipe.sink;
  if (sink.kind === 'reduce') return declaredFieldUses().reducers.get(sink.reducer.kind)?.fieldsRead(sink.reducer)?.size === 0;
  return sink.kind === 'tee' && sink.branches.every(readsSizesOnly);
}

/** The groupby nodes whose splits end `pipe` or one of its branches. */
function splitNodeIds(pipe: Pipe): string[] {
  if (pipe.sink.kind === 'split') return [pipe.sink.nodeId];
  return pipe.sink.kind === 'tee' ? pipe.sink.branches.flatMap(splitNodeIds) : [];
}

/**
 * `pipe` with the splits of the `projected` groupbys moving counts, keyed by the one field a split-line grouper
 * cuts out; the same object when it holds none of them.
 */
function countSplits(pipe: Pipe, projected: Set<string>): Pipe {
  const sink = pipe.sink;
  if (sink.kind === 'tee') {
    const branches = sink.branches.map((b) => countSplits(b, projected));
    return branches.every((b, i) => b === sink.branches[i]) ? pipe : { stages: pipe.stages, sink: { kind: 'tee', branches } };
  }
  if (sink.kind !== 'split' || !projected.has(sink.nodeId)) return pipe;
  const field = splitFieldOf(sink.grouper);
  const nodeId = sink.nodeId;
  const stages: Stage[] = field
    ? [...pipe.stages, { kind: 'split-field', nodeId, mapNodeId: nodeId, func: `lambda line: line.split(${pyRepr(field.sep)})`, sep: field.sep, index: field.index, hasDefault: false, default: null, reportsLine: true }]
    : pipe.stages;
  return { stages, sink: { ...sink, sizesOnly: true, ...(field && { grouper: 'lambda key: key' }) } };
}

function push(map: Map<string, TaskSpec[]>, key: string, task: TaskSpec): void {
  const list = map.get(key);
  if (list) list.push(task);
  else map.set(key, [task]);
}
