import type { NodeSpec } from '../spec/pipeline.js';
import type { TaskSpec } from '../graph/task.js';
import type { FileSystemView } from '../io/file-system-view.js';
import type { FieldUseSet } from '../graph/field-usage.js';
import type { ColumnUseSet } from '../graph/column-projection.js';

import type { InputPort, PortKind } from '../spec/port-kind.js';
import type { FrameMeta, SeriesMeta } from '../dataframe/frame.js';

export type { InputPort, PortKind };

/** The value types a parameter can take in a pipeline file. */
export type ParamType =
  | 'callable' // Python source: a lambda, a def's name or a builtin (`len`, `json.loads`)
  | 'key' // Python source: a callable, or a value selecting element[value] (`'name'`, `0`), as Dask's key params
  | 'python' // Python source for a value (`range(100)`)
  | 'int'
  | 'number'
  | 'bool'
  | 'string'
  | 'paths' // a path, a glob, or a list of them, relative to the pipeline file
  | 'json' // any JSON value, taken as the Python value it spells
  | 'bytes' // a byte size: a whole number, or text such as "64MB" (Dask's parse_bytes)
  | 'encoding' // a Python codec name Weft can read and write: 'utf-8', 'latin-1', 'ascii' and their aliases
  | 'split_every'; // a whole number, or false for a single aggregate

/** One parameter of an operation, named as in Dask. */
export interface ParamSpec {
  name: string;
  type: ParamType;
  required: boolean;
  /** Applied when the param is absent. */
  default?: unknown;
  /** Allow null (Dask's None) besides the type. */
  nullable?: boolean;
  /**
   * The smallest value allowed, for 'int', 'number', 'bytes' and split_every's whole numbers: below it Dask fails,
   * hangs or silently drops the data, so validation refuses it, naming the node and the param.
   */
  min?: number;
  /**
   * For a 'json' param: a string value is Python source (a callable, as `series.map`'s arg), any other value JSON.
   * Export writes such a string as code, import reads code back as a string, and the node's identity then includes
   * the functions block, as for 'callable' params.
   */
  stringIsSource?: boolean;
  /** The only texts a 'string' param may be, in Dask's spelling (Weft cannot do the others). */
  choices?: readonly string[];
  /**
   * Set when the param names columns of an input DataFrame (`by`, `subset`, `on`, getitem's `key`): which input's
   * (`input` for a one-input op; `left`/`right` for a merge's). An editor offers those columns' names.
   */
  columns?: 'input' | 'left' | 'right';
  /** Set when the param is an expression in pandas' `query`/`eval` language over the input's columns, in that mode. */
  language?: 'query' | 'eval';
  /**
   * Set on an aggregation spec keyed by column (groupby.agg's `arg`): the functions a column may be given by name,
   * those an object column cannot take (Dask fails to infer their metadata), and the param holding the group keys,
   * whose columns are not aggregated. An editor offers the input's other columns by these functions.
   */
  aggregations?: ColumnAggregations;
  doc: string;
}

/** What an editor of a per-column aggregation spec needs (see {@link ParamSpec.aggregations}). */
export interface ColumnAggregations {
  functions: readonly string[];
  notForObject: readonly string[];
  keysParam: string;
}

/** Whether a param's value is Python source rather than a value (see {@link ParamSpec.stringIsSource}). */
export function isSourceValue(spec: ParamSpec, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return spec.type === 'callable' || spec.type === 'key' || spec.type === 'python' || spec.stringIsSource === true;
}

/** A collection produced by a node, as the compiler tracks it. */
export type Collection =
  | { kind: 'bag'; nodeId: string; name: string; npartitions: number }
  /**
   * A DataFrame or Series: its schema (Dask's `_meta`) known before any data, and its divisions (the index bounds
   * of the partitions, npartitions + 1 of them) or null when unknown, as after `read_csv`.
   */
  | { kind: 'dataframe'; nodeId: string; name: string; npartitions: number; meta: FrameMeta; divisions: unknown[] | null }
  | { kind: 'series'; nodeId: string; name: string; npartitions: number; meta: SeriesMeta; divisions: unknown[] | null }
  | { kind: 'item'; nodeId: string; name: string };

/** Everything an operation needs to build its layer. */
export interface BuildContext {
  node: NodeSpec;
  /** Params after validation, with defaults applied. */
  params: Record<string, unknown>;
  inputs: Collection[];
  /** The layer name, `<op>-<hash of op, params, inputs and functions>`. */
  name: string;
  /** Folder the pipeline's relative paths resolve against. */
  baseDir: string;
  fs: FileSystemView;
  /** Evaluates a `python` param in the pipeline's module (only `from_sequence` needs it at build time). */
  evaluate(source: string): unknown;
  /**
   * Computes `task` now, while planning, on the layers built so far, as Dask computes some data while it builds the
   * graph (`to_dataframe` without meta takes the bag's first element); its value, or undefined when whoever compiles
   * gave no way to run tasks (the schema is then learnt when the pipeline runs). A failure is a WeftError naming
   * this node.
   */
  computeNow(task: TaskSpec, what: string): unknown;
}

/** The tasks of one layer, and the collection they make. */
export interface BuiltLayer {
  collection: Collection;
  tasks: TaskSpec[];
  /** Whether this layer's results must be kept whole rather than fused into consumers (`persist`). */
  materialize?: boolean;
  /** What Dask warns while building the same collection (read_csv ignoring blocksize on a gzip file), without the node. */
  warnings?: string[];
}

/**
 * How an operation is written in Dask's Python: what `weft export` writes and `weft import` reads back. Dask's own
 * signature, so that a hand-written call maps onto the same params.
 */
export interface PythonForm {
  /**
   * `<alias>.<name>(...)`, a function of the collection's Dask module (`db.read_text`), or `<first input>.<name>(...)`,
   * a method of the collection (`b.map`), or `<name>(<input>)`, a Python builtin applied to it (`len(df)`, which
   * Dask computes at once).
   */
  call: 'function' | 'method' | 'builtin' | 'subscript';
  /**
   * A method reached through an intermediate call that takes some of the params: `df.groupby(by, sort=...)
   * .agg(arg, ...)` is `{ method: 'groupby', params: ['by', 'sort', 'dropna'], positional: ['by'] }`; the op's own
   * method is the last part of its name.
   */
  via?: { method: string; params: string[]; positional: string[] };
  /** The params Dask also takes by position, in its order; export writes the leading required ones positionally. */
  positional: string[];
  /**
   * Where the input bags (other than a method's own bag) go: after the positional params (`a.map(func, b)`), or all
   * of them as one list (`db.concat([a, b])`). Default: after the positional params.
   */
  inputs?: 'after-positional' | 'list';
  /** A keyword Dask needs for the call to stay lazy, so that every output is computed by one `dask.compute`. */
  lazyKeyword?: string;
  /**
   * Dask runs it with Python's `hash()` of the keys in every worker (a Bag's groupby), so on a cluster every worker
   * must hash alike: exported scripts check that the workers share a fixed PYTHONHASHSEED.
   */
  hashesInWorkers?: boolean;
}

/**
 * An operation of the palette as its file declares it: its collection and Dask name, its contract (ports, params,
 * docs), how it becomes tasks and how it reads in Python. The registry gives it its `op` name (see {@link Operation}).
 */
export interface OpDefinition {
  /** The collection whose Dask API it belongs to: `bag` for dask.bag's functions and Bag's methods. */
  collection: Exclude<PortKind, 'item'>;
  /** Dask's method or function name: `map`, `read_text`. */
  name: string;
  /** Palette group. */
  group: 'create' | 'transform' | 'combine' | 'aggregate' | 'shuffle' | 'output';
  doc: string;
  /** The input ports in Dask's argument order; `bag*` takes a list of one or more bags. */
  inputs: InputPort[];
  /** What it makes with its default params. */
  output: PortKind;
  /**
   * What it makes, for an op whose output kind depends on its params (`df[key]`: a name gives a Series, a list of
   * names a DataFrame, as in Dask); `outputKinds` lists every kind it can make.
   */
  outputFor?(params: Record<string, unknown>): PortKind;
  outputKinds?: PortKind[];
  params: ParamSpec[];
  /** How the operation reads in Dask's Python (for export and import). */
  python: PythonForm;
  build(ctx: BuildContext): BuiltLayer;
  /**
   * For operations that read files: what identifies the data they would read now (paths, sizes, modification
   * times), so that a result kept from an earlier run is not reused after its files changed.
   */
  dataVersion?(ctx: Pick<BuildContext, 'params' | 'baseDir' | 'fs'>): string;
  /**
   * Which fields of list elements this operation's stages and reducers read, for split projection
   * (graph/split-projection.ts). Its kernels are registered apart, in ops/kernels.ts, since the worker threads need
   * them and the planner does not.
   */
  fieldUse?: FieldUseSet;
  /** Which columns of a DataFrame this operation's steps read, and which of its sources can read fewer (graph/column-projection.ts). */
  columnUse?: ColumnUseSet;
  /**
   * The result as Dask's own call returns it, from what the exported script computed lazily (`take(k,
   * compute=False)` gives a list; `take` itself, and Weft, a tuple).
   */
  fromLazyResult?(value: unknown): unknown;
}

/** A registered operation: its definition and its node's `op` name, `<collection>.<name>` (`bag.map`). */
export interface Operation extends OpDefinition {
  readonly op: string;
}
