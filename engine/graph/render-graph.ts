/**
 * The task graph as text, like Dask's `visualize()`: Graphviz dot (tasks as nodes grouped and colored by layer) or
 * JSON (layers and tasks with their dependencies).
 */
import type { TaskGraph } from './task-graph.js';
import type { Work } from './task.js';
import { producerIndex } from './optimize.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Graphviz source of the graph. */
export function graphToDot(graph: TaskGraph): string {
  const lines = ['digraph weft {', '  rankdir=BT;', '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];'];
  graph.layers.forEach((layer, i) => {
    const color = PALETTE[i % PALETTE.length];
    lines.push(`  subgraph "cluster_${layer.name}" {`, `    label=${JSON.stringify(`${layer.nodeIds.join(' + ')} (${layer.tasks} task${layer.tasks === 1 ? '' : 's'})`)};`, `    color="${color}";`);
    for (const task of graph.tasks.values()) {
      if (task.layer === layer.name) lines.push(`    ${JSON.stringify(task.key)} [label=${JSON.stringify(String(task.partition))}, fillcolor="${color}33"];`);
    }
    lines.push('  }');
  });
  const producer = producerIndex(graph.tasks.values());
  for (const task of graph.tasks.values()) for (const dep of new Set(task.deps)) lines.push(`  ${JSON.stringify(producer.get(dep))} -> ${JSON.stringify(task.key)};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A JSON-ready description of the graph: layers, tasks (key, layer, nodes, partition, work kind, deps) and outputs. */
export function graphToJson(graph: TaskGraph): object {
  return {
    layers: graph.layers,
    tasks: [...graph.tasks.values()].map((t) => ({ key: t.key, layer: t.layer, nodeIds: t.nodeIds, partition: t.partition, work: describeWork(t.work), deps: t.deps, ...(t.produces ? { produces: t.produces } : {}) })),
    outputs: graph.outputs,
  };
}

function describeWork(work: Work): string {
  if (work.kind !== 'chain') return work.kind;
  return [work.source.kind, ...work.stages.map((s) => s.kind), describeSink(work.sink)].join(' -> ');
}

function describeSink(sink: Extract<Work, { kind: 'chain' }>['sink']): string {
  if (sink.kind !== 'tee') return sink.kind;
  return 'tee(' + sink.branches.map((b) => [...b.stages.map((s) => s.kind), describeSink(b.sink)].join(' -> ')).join(' | ') + ')';
}
