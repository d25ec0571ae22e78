/**
 * A graph-to-graph pass: `map(lambda x: x.split(SEP))` directly followed by `pluck(K)` (a constant, non-negative
 * int) becomes one `split-field` stage that cuts field K out of each line. The tutorials' "split then pick a
 * column" makes 42 strings per line to keep one; this makes one. Results and errors are those of the two stages.
 */
import type { Expr } from '../expr/ast.js';
import { parseExpression } from '../expr/parser.js';
import type { Sink, Stage, TaskSpec } from './task.js';
import type { TaskGraph } from './task-graph.js';

/** The separator of a `lambda v: v.split('<sep>')` source, or null when the source is anything else. */
export function splitSeparator(source: string): string | null {
  let expr: Expr;
  try {
    expr = parseExpression(source);
  } catch {
    return null;
  }
  if (expr.kind !== 'Lambda' || expr.params.length !== 1 || expr.params[0].default) return null;
  const body = expr.body;
  if (body.kind !== 'Call' || body.keywords.length !== 0 || body.args.length !== 1) return null;
  const [sep] = body.args;
  const callee = body.func;
  if (callee.kind !== 'Attribute' || callee.attr !== 'split' || callee.value.kind !== 'Name' || callee.value.id !== expr.params[0].name) return null;
  return sep.kind === 'Str' && sep.value !== '' ? sep.value : null;
}

function projectStages(stages: Stage[]): Stage[] {
  const out: Stage[] = [];
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    const next = stages[i + 1];
    if (stage.kind === 'map' && !stage.spread && next?.kind === 'pluck' && Number.isInteger(next.key) && (next.key as number) >= 0) {
      const sep = splitSeparator(stage.func);
      if (sep !== null) {
        out.push({ kind: 'split-field', nodeId: next.nodeId, mapNodeId: stage.nodeId, func: stage.func, sep, index: next.key as number, hasDefault: next.hasDefault, default: next.default });
        i++;
        continue;
      }
    }
    out.push(stage);
  }
  return out;
}

/**
 * A split map right before a tee whose every branch starts by plucking a field moves into the branches, where each
 * becomes a split-field: two branches cutting one field each beat one split making every field for both.
 */
function project(stages: Stage[], sink: Sink): { stages: Stage[]; sink: Sink } {
  const last = stages[stages.length - 1];
  if (sink.kind === 'tee' && last?.kind === 'map' && !last.spread && splitSeparator(last.func) !== null) {
    const plucksField = (s: Stage | undefined) => s?.kind === 'pluck' && Number.isInteger(s.key) && (s.key as number) >= 0;
    if (sink.branches.every((b) => plucksField(b.stages[0]))) {
      sink = { kind: 'tee', branches: sink.branches.map((b) => ({ stages: [last, ...b.stages], sink: b.sink })) };
      stages = stages.slice(0, -1);
    }
  }
  const projectedSink: Sink = sink.kind === 'tee' ? { kind: 'tee', branches: sink.branches.map((b) => project(b.stages, b.sink)) } : sink;
  return { stages: projectStages(stages), sink: projectedSink };
}

/** Applies the projection to every chain of the graph. */
export function projectSplitFields(graph: TaskGraph): TaskGraph {
  const tasks = new Map<string, TaskSpec>();
  for (const [key, task] of graph.tasks) {
    const work = task.work;
    tasks.set(key, work.kind === 'chain' ? { ...task, work: { ...work, ...project(work.stages, work.sink) } } : task);
  }
  return { ...graph, tasks };
}
