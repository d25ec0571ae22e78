/**
 * The reductions of Dask's `Bag.reduction` family as plain data: each names a per-partition step and an aggregate
 * step, run as a tree of `split_every` fan-in (Dask's policy; see `reduction` in dask/bag/core.py).
 * Callable fields hold Python source, compiled in the worker that runs the task.
 *
 * The kinds are open, as those of graph/task.ts: each operation declares its reducer's shape in its own file by
 * augmenting {@link ReducerKinds}, and its kernel (kernels/kernel-registry.ts) beside it.
 */
// Every reducer is an operation's: the operations declare them all.
export interface ReducerKinds {}

export type ReducerSpec = ReducerKinds[keyof ReducerKinds];

/** A param given as a JSON value (foldby's `initial`), wrapped so that a given None differs from none given. */
export interface PyLiteral {
  value: unknown;
}
