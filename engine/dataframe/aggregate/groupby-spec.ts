/**
 * `groupby(by).agg(arg)`'s plan: Dask's `_normalize_spec` and `_build_agg_args` (dask/dataframe/groupby.py), which
 * turn the user's `arg` into the intermediate columns every chunk computes, how combine and aggregate reduce them,
 * and the finalizers that make the result columns. Also the result's meta and Dask's plan-time errors.
 *
 * Policy:
 * - `arg` is a name, a list of names, or a dict column → name or list. Result columns are flat labels when no value
 *   of the (normalised) dict is a list, else `(column, func)` tuples (Frame.columnTuples).
 * - Intermediates are shared by name (`sum-x` serves both `sum` and `mean` of x): sum/min/max/first/last/count/size
 *   reduce to themselves (count and size by summing); mean is sum and count; var/std are sum, count and the sum of
 *   squares, finalised as (Σx² − (Σx)²/n) / (n − ddof).
 * - dtypes: count, size → int64; mean, var, std → float64; sum of int/bool → int64; min/max/first/last keep theirs.
 */
import { WeftError } from '../../errors.js';
import type { DType, FrameMeta, Label } from '../frame.js';

/** The aggregations `groupby.agg` takes by name. */
export type AggName = 'sum' | 'mean' | 'count' | 'min' | 'max' | 'std' | 'var' | 'size' | 'first' | 'last';

/**
 * `agg`'s argument: a name, a list of names, or a dict from column to a name or a list. A dict may also come as its
 * entries in order (`{ entries: [[2, 'sum'], ['a', 'mean']] }`): a JS object puts integer-like keys first, a Python
 * dict keeps insertion order, and the order is the result's column order.
 */
export type AggArg = string | string[] | Record<string, string | string[]> | { entries: Array<[Label, string | string[]]> };

/** What one chunk computes per group for one input column. */
export type ChunkFunc = 'sum' | 'count' | 'min' | 'max' | 'first' | 'last' | 'size' | 'sum2';

/** One intermediate column of the chunks' output. */
export interface Intermediate {
  id: string;
  func: ChunkFunc;
  input: Label;
}

/** One result column: its label and how it is made from the intermediates. */
export interface Finalizer {
  label: Label[];
  func: AggName;
  input: Label;
}

/** The normalised plan of one `groupby(by).agg(arg)`. */
export interface GroupbyAggPlan {
  by: Label[];
  intermediates: Intermediate[];
  finalizers: Finalizer[];
  flat: boolean;
  meta: FrameMeta;
}

/** Every aggregation a column may be given by name, in the order an editor offers them. */
export const AGG_NAMES: readonly AggName[] = ['sum', 'mean', 'count', 'size', 'min', 'max', 'std', 'var', 'first', 'last'];

/** The aggregations an object (text) column cannot take: Dask fails to infer their metadata, as the plan below does. */
export const NOT_FOR_OBJECT: readonly AggName[] = ['mean', 'std', 'var'];

const KNOWN: readonly string[] = AGG_NAMES;

function badInput(message: string): WeftError {
  return new WeftError('BAD_INPUT', message);
}

function pyStrLabel(label: Label): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}

/** Dask's plan for `df.groupby(by).agg(arg)`, with its errors at plan time. */
export function planGroupbyAgg(meta: FrameMeta, byArg: Label | Label[], arg: AggArg): GroupbyAggPlan {
  const by = Array.isArray(byArg) ? byArg : [byArg];
  const names = meta.columns.map((c) => c.name);
  for (const key of by) if (!names.includes(key)) throw badInput(`KeyError: ${pyStrLabel(key)}`);
  // No keys: pandas groups nothing ("No group keys passed!"), which Dask's meta inference reports as its own failure
  if (by.length === 0) throw badInput('ValueError: Metadata inference failed in `_groupby_apply_funcs`.');
  if (arg === 'size') {
    // Dask's agg('size') over every column returns a Series, not a frame; groupby(by).size() is that operation
    throw new WeftError('BAD_PARAM', "agg('size') is not supported by Weft: use groupby(by).size(), or name the columns ({'x': 'size'})");
  }
  const nonGroup = names.filter((n) => !by.includes(n));
  const spec: Array<[Label, string | string[]]> = isEntries(arg)
    ? arg.entries
    : typeof arg === 'object' && !Array.isArray(arg)
      ? Object.entries(arg)
      : nonGroup.map((n) => [n, arg as string | string[]]);
  const flat = !spec.some(([, sub]) => Array.isArray(sub));
  const finalizers: Finalizer[] = [];
  for (const [input, sub] of spec) {
    for (const func of Array.isArray(sub) ? sub : [sub]) finalizers.push({ label: flat ? [input] : [input, func], func: func as AggName, input });
  }
  const seen = new Map<string, Finalizer[]>();
  for (const f of finalizers) {
    const key = `${f.func}\u0000${f.input}`;
    seen.set(key, [...(seen.get(key) ?? []), f]);
  }
  for (const list of seen.values()) {
    if (list.length > 1) throw badInput(`ValueError: conflicting aggregation functions: [${list.map((f) => `('${f.func}', ${pyStrLabel(f.input)})`).join(', ')}]`);
  }
  if (finalizers.some((f) => f.func === ('median' as AggName))) {
    throw badInput("ValueError: In order to aggregate with 'median', you must use shuffling-based aggregation (e.g., shuffle='tasks')");
  }
  for (const f of finalizers) if (!KNOWN.includes(f.func)) throw badInput(`ValueError: unknown aggregate ${f.func}`);
  const dtypeOf = new Map(meta.columns.map((c) => [c.name, c.dtype]));
  const intermediates = new Map<string, Intermediate>();
  const need = (func: ChunkFunc, input: Label) => {
    const id = `${func}-${String(input)}`;
    if (!intermediates.has(id)) intermediates.set(id, { id, func, input });
  };
  for (const f of finalizers) {
    if (!dtypeOf.has(f.input)) throw badInput('ValueError: Metadata inference failed in `_groupby_apply_funcs`.');
    const dtype = dtypeOf.get(f.input)!;
    switch (f.func) {
      case 'mean':
        need('sum', f.input);
        need('count', f.input);
        break;
      case 'var':
      case 'std':
        if (dtype === 'object') throw badInput('ValueError: Metadata inference failed in `_groupby_apply_funcs`.');
        need('sum', f.input);
        need('count', f.input);
        need('sum2', f.input);
        break;
      default:
        need(f.func, f.input);
    }
  }
  if (finalizers.some((f) => f.func === 'mean' && dtypeOf.get(f.input) === 'object')) {
    throw badInput('ValueError: Metadata inference failed in `_agg_finalize`.');
  }
  const columns = finalizers.map((f) => ({ name: f.label[0], dtype: resultDType(f.func, dtypeOf.get(f.input)!) }));
  const resultMeta: FrameMeta = { kind: 'frame', columns, index: { dtypes: by.map((k) => dtypeOf.get(k)!), names: by.slice() } };
  if (!flat) resultMeta.columnTuples = finalizers.map((f) => f.label.slice());
  return { by, intermediates: [...intermediates.values()], finalizers, flat, meta: resultMeta };
}

/**
 * The columns a dict aggregation reads: Dask's groupby `aggregate` selects the keys and the dict's columns
 * (`column_projection`, those of the frame) before its chunks, a getitem its optimizer pushes into the reader. Any
 * other arg reads the whole frame, as there: null.
 */
export function aggColumnProjection(names: readonly Label[], by: readonly Label[], arg: AggArg): Label[] | null {
  if (typeof arg !== 'object' || Array.isArray(arg)) return null;
  const keys = isEntries(arg) ? arg.entries.map(([k]) => k) : Object.keys(arg);
  const wanted = new Set([...by, ...keys].map(String));
  return names.filter((n) => wanted.has(String(n)));
}

function isEntries(arg: AggArg): arg is { entries: Array<[Label, string | string[]]> } {
  const entries = typeof arg === 'object' && !Array.isArray(arg) ? (arg as { entries?: unknown }).entries : undefined;
  return Array.isArray(entries) && entries.every((e) => Array.isArray(e) && e.length === 2);
}

/** The dtype of one aggregation of a column of `dtype`. */
export function resultDType(func: AggName, dtype: DType): DType {
  switch (func) {
    case 'count':
    case 'size':
      return 'int64';
    case 'mean':
    case 'var':
    case 'std':
      return 'float64';
    case 'sum':
      return dtype === 'bool' ? 'int64' : dtype;
    default:
      return dtype;
  }
}
