/**
 * Column projection of DataFrame readers: Dask's `optimize_dataframe_getitem`, on fused chains.
 *
 * Policy: a reader's partition task (a chain whose source declares it can read fewer columns, `read_csv`'s) reads
 * only the columns its consumers select when every branch of its pipe begins with a step that declares the columns it
 * reads: a column selection (`df[['a', 'b']]`), or `len`, which Dask computes from the first column. The union of
 * those columns is read, in the file's order; the reader's meta, and so every schema downstream, is unchanged. Any
 * other first step (a query, a shuffle's split, the collection itself as an output or persisted) reads every
 * column, as in Dask, which projects only when a getitem follows the IO layer. What is read matters beyond speed:
 * a block's dtypes are checked (and fail) only for the columns read, as in Dask.
 */
import type { Label } from '../dataframe/frame.js';
import type { ReducerSpec } from './reducer-spec.js';
import type { Pipe, Source, Stage, TaskSpec } from './task.js';
import type { TaskGraph } from './task-graph.js';
import { OPERATIONS } from '../ops/registry.js';

/** The columns a step reads of the frame it is given: names, or the first column whatever its name. */
export type ColumnsRead = Label[] | 'first';

/** What an operation declares of its stages and reducers (by kind) for column projection. */
export interface ColumnUseSet {
  stages?: Record<string, (stage: never) => ColumnsRead | null>;
  reducers?: Record<string, (reducer: never) => ColumnsRead | null>;
  /** Sources that can read only some columns: the columns they have, and the source reading only `columns`. */
  sources?: Record<string, { columns(source: never): Label[]; project(source: never, columns: Label[]): Source }>;
}

interface Gathered {
  stages: Map<string, (stage: Stage) => ColumnsRead | null>;
  reducers: Map<string, (reducer: ReducerSpec) => ColumnsRead | null>;
  sources: Map<string, { columns(source: Source): Label[]; project(source: Source, columns: Label[]): Source }>;
}

let gathered: Gathered | undefined;

function declared(): Gathered {
  if (gathered) return gathered;
  const uses: Gathered = { stages: new Map(), reducers: new Map(), sources: new Map() };
  for (const def of OPERATIONS.values()) {
    for (const [kind, use] of Object.entries(def.columnUse?.stages ?? {})) uses.stages.set(kind, use as never);
    for (const [kind, use] of Object.entries(def.columnUse?.reducers ?? {})) uses.reducers.set(kind, use as never);
    for (const [kind, use] of Object.entries(def.columnUse?.sources ?? {})) uses.sources.set(kind, use as never);
  }
  return (gathered = uses);
}

/** The columns a pipe reads of each element, or null when it may read any. */
function pipeColumns(pipe: Pipe, uses: Gathered): ColumnsRead[] | null {
  const first = pipe.stages[0];
  if (first) {
    const read = uses.stages.get(first.kind)?.(first) ?? null;
    return read === null ? null : [read];
  }
  const sink = pipe.sink;
  if (sink.kind === 'tee') {
    const all: ColumnsRead[] = [];
    for (const branch of sink.branches) {
      const read = pipeColumns(branch, uses);
      if (read === null) return null;
      all.push(...read);
    }
    return all;
  }
  if (sink.kind === 'reduce') {
    const read = uses.reducers.get(sink.reducer.kind)?.(sink.reducer) ?? null;
    return read === null ? null : [read];
  }
  return null;
}

/** The graph with each projectable reader reading only the columns its consumers select. */
export function projectColumns(graph: TaskGraph): TaskGraph {
  const uses = declared();
  let changed = false;
  const tasks = new Map<string, TaskSpec>();
  for (const [key, task] of graph.tasks) {
    const work = task.work;
    const source = work.kind === 'chain' ? work.source : undefined;
    const reader = source && uses.sources.get(source.kind);
    // The task's own key may be an output (a chain fused down to its result, as one partition's whole pipeline is):
    // what matters, as in Dask, is that the reader's frame is not, and then the pipe begins with a bare collect.
    const reads = reader && work.kind === 'chain' && !task.persist ? pipeColumns(work, uses) : null;
    if (!reader || !reads || work.kind !== 'chain') {
      tasks.set(key, task);
      continue;
    }
    const available = reader.columns(source!);
    const wanted = new Set<Label>(reads.flatMap((r) => (r === 'first' ? available.slice(0, 1) : r)));
    // Selecting a column the file lacks fails in the step that selects it, which needs the columns it has.
    if ([...wanted].some((c) => !available.includes(c))) {
      tasks.set(key, task);
      continue;
    }
    changed = true;
    tasks.set(key, { ...task, work: { ...work, source: reader.project(source!, available.filter((c) => wanted.has(c))) } });
  }
  return changed ? { ...graph, tasks } : graph;
}
