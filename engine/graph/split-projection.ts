/**
 * A graph-to-graph pass for the tutorials' "split each line, then use a column or two", which otherwise makes 42
 * strings per line to keep one or two:
 * - `map(lambda x: x.split(SEP))` directly followed by `pluck(K)` (a constant, non-negative int) becomes one
 *   `split-field` stage that cuts field K out of each line;
 * - a split map whose consumers (maps, filters, a foldby with an initial value, counts, a groupby that shuffles
 *   counts; see field-usage.ts) read only constant fields of the list becomes a `split-sparse` stage that fills only
 *   those fields. Consumers fused as the branches of a tee are asked each, and the union of their fields is made.
 * Results and errors are those of the original stages.
 */
import type { Expr, LambdaExpr } from '../expr/ast.js';
import { parsedLambda } from './parsed-lambda.js';
import type { Sink, Stage, TaskSpec } from './task.js';
import { declaredFieldUses } from './declared-field-use.js';
import type { TaskGraph } from './task-graph.js';

/**
 * `map(lambda x: x.split(sep))` followed by `pluck(index)`: cuts out the one field instead of making every field of
 * every line. `func` is the map's function, used as is for non-strings.
 */
export interface SplitFieldStage {
  kind: 'split-field';
  nodeId: string;
  mapNodeId: string;
  func: string;
  sep: string;
  index: number;
  hasDefault: boolean;
  default: unknown;
  /** A missing field reports the line (a groupby key of one field) rather than its fields (a map then pluck). */
  reportsLine?: boolean;
}

/**
 * `map(lambda x: x.split(sep))` whose consumers read only the constant fields `fields` of each list: makes lists with
 * only those fields filled. A line with too few fields is split in full, so the consumers raise exactly the errors
 * they would have.
 */
export interface SplitSparseStage {
  kind: 'split-sparse';
  nodeId: string;
  func: string;
  sep: string;
  fields: number[];
}

declare module './task.js' {
  interface StageKinds {
    'split-field': SplitFieldStage;
    'split-sparse': SplitSparseStage;
  }
}

/** The separator of a `lambda v: v.split('<sep>')` source, or null when the source is anything else. */
export function splitSeparator(source: string): string | null {
  const expr = parseLambda(source);
  return expr ? separatorOfSplitCall(expr.body, expr.params[0].name) : null;
}

/**
 * The separator and field of a `lambda v: v.split('<sep>')[K]` source (K a constant, non-negative int), or null
 * when the source is anything else.
 */
export function splitFieldOf(source: string): { sep: string; index: number } | null {
  const expr = parseLambda(source);
  const body = expr?.body;
  if (!expr || body?.kind !== 'Subscript' || body.index.kind !== 'Num' || body.index.isFloat || body.index.value < 0) return null;
  const sep = separatorOfSplitCall(body.value, expr.params[0].name);
  return sep === null ? null : { sep, index: body.index.value };
}

function parseLambda(source: string): LambdaExpr | null {
  const expr = parsedLambda(source);
  return expr && expr.params.length === 1 && !expr.params[0].default ? expr : null;
}

/** The separator when `body` is `<param>.split('<sep>')`. */
function separatorOfSplitCall(body: Expr, param: string): string | null {
  if (body.kind !== 'Call' || body.keywords.length !== 0 || body.args.length !== 1) return null;
  const [sep] = body.args;
  const callee = body.func;
  if (callee.kind !== 'Attribute' || callee.attr !== 'split' || callee.value.kind !== 'Name' || callee.value.id !== param) return null;
  return sep.kind === 'Str' && sep.value !== '' ? sep.value : null;
}

/** Union of field sets; null (a consumer needs the whole list) wins. */
function union(a: Set<number> | null, b: Set<number> | null): Set<number> | null {
  return a && b ? new Set([...a, ...b]) : null;
}

/**
 * The fields of a split list read by whatever consumes it from `stages[j]` on, then `sink`; null if unknowable. Each
 * stage says what it reads (a kind that says nothing may read everything); one that passes the lists on (a filter)
 * leaves the rest to read them too.
 */
function fieldsNeeded(stages: Stage[], j: number, sink: Sink): Set<number> | null {
  // Stages that pass the list on are gathered in a loop: thousands of filters must not recurse.
  let read: Set<number> | null = new Set();
  // The sink's fields, found once: a tee's are its branches', and nested tees must not be walked again per level.
  let atSink: { fields: Set<number> | null } | undefined;
  const sinkRead = () => (atSink ??= { fields: sinkFields(sink) }).fields;
  for (; j < stages.length; j++) {
    const use = declaredFieldUses().stages.get(stages[j].kind);
    if (!use) return null;
    const restReadsNothing = j === stages.length - 1 && sinkRead()?.size === 0;
    read = union(read, use.fieldsRead(stages[j], { restReadsNothing }));
    if (read === null || !use.passesListsOn) return read;
  }
  return union(read, sinkRead());
}

/** The fields of each list a sink reads. */
function sinkFields(sink: Sink): Set<number> | null {
  switch (sink.kind) {
    case 'reduce':
      return declaredFieldUses().reducers.get(sink.reducer.kind)?.fieldsRead(sink.reducer) ?? null;
    case 'tee':
      return sink.branches.reduce<Set<number> | null>((acc, b) => union(acc, fieldsNeeded(b.stages, 0, b.sink)), new Set());
    default:
      return declaredFieldUses().sinks.get(sink.kind)?.fieldsRead(sink) ?? null;
  }
}

/** Turns split maps whose lists are read only field by field into sparse splits. */
function sparsify(stages: Stage[], sink: Sink): Stage[] {
  return stages.map((stage, i) => {
    if (stage.kind !== 'map' || stage.spread) return stage;
    const sep = splitSeparator(stage.func);
    const fields = sep === null ? null : fieldsNeeded(stages, i + 1, sink);
    return fields && sep !== null ? { kind: 'split-sparse', nodeId: stage.nodeId, func: stage.func, sep, fields: [...fields].sort((a, b) => a - b) } : stage;
  });
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
  return { stages: sparsify(projectStages(stages), projectedSink), sink: projectedSink };
}

/** Applies the projection to every chain of the graph. */
export function projectSplitFields(graph: TaskGraph): TaskGraph {
  const tasks = new Map<string, TaskSpec>();
  for (const [key, task] of graph.tasks) tasks.set(key, task.work.kind === 'chain' ? projectedTask(task, task.work) : task);
  return { ...graph, tasks };
}

/** The task with its chain projected; the task itself when nothing in it changes (most tasks of a large plan). */
function projectedTask(task: TaskSpec, work: Extract<TaskSpec['work'], { kind: 'chain' }>): TaskSpec {
  // Only a split map can be projected, and a tee's branches may hold one.
  if (work.sink.kind !== 'tee' && !work.stages.some((stage) => stage.kind === 'map')) return task;
  const projected = project(work.stages, work.sink);
  const unchanged = projected.sink === work.sink && projected.stages.length === work.stages.length && projected.stages.every((stage, i) => stage === work.stages[i]);
  return unchanged ? task : { ...task, work: { ...work, ...projected } };
}
