/**
 * The reductions of Dask's `Bag.reduction` family as plain data: each names a per-partition step and an aggregate
 * step, run as a tree of `split_every` fan-in (Dask's policy; see `reduction` in dask/bag/core.py).
 * Callable fields hold Python source, compiled in the worker that runs the task.
 */
export type ReducerSpec =
  | { kind: 'count' }
  | { kind: 'python'; perpartition: string; aggregate: string }
  | { kind: 'frequencies'; sort: boolean }
  | { kind: 'distinct'; key: string | null }
  | { kind: 'topk'; k: number; key: string | null }
  | {
      kind: 'foldby';
      key: string;
      binop: string;
      initial: PyLiteral | null;
      combine: string | null;
      combineInitial: PyLiteral | null;
    }
  | { kind: 'mean' }
  | { kind: 'var'; ddof: number; sqrt: boolean };

/** A param given as a JSON value (foldby's `initial`), wrapped so that a given None differs from none given. */
export interface PyLiteral {
  value: unknown;
}
