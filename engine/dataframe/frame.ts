/**
 * A DataFrame partition as Weft holds it: columnar, one typed buffer per column, the shape pandas gives the same
 * data. Every kernel of dask.dataframe in Weft reads and makes these; rows are never materialised unless a user
 * function asks for them.
 *
 * Policy:
 * - `int64` and `float64` columns are Float64Arrays. An int64 value is an integral double; Weft refuses (with an
 *   error naming the file or node) an integer beyond ±(2**53 − 1) rather than round it. In `float64`, NaN is missing.
 * - `bool` columns are Uint8Arrays of 0/1 (pandas' bool has no missing value: a missing bool makes `object`).
 * - `object` columns are dictionary-encoded: `codes[i]` indexes `dictionary`, whose entries are distinct Python values
 *   as the engine holds them (str → string, None → null, NaN → NaN, ...). Equal codes mean equal values, so hashing,
 *   grouping and comparing strings work on the Int32Array; the KDD text columns have 3–70 distinct values.
 * - The index is a RangeIndex (`read_csv` gives each partition one starting at 0) or one or more label columns (a
 *   MultiIndex when several).
 * - Frames are plain data: typed arrays and arrays, no classes, so structured clone and transfer lists move them
 *   between threads (see frame-codec.ts for the bytes the spill store keeps).
 */

/** The pandas dtypes Weft's frames hold, named as pandas names them. */
export type DType = 'int64' | 'float64' | 'bool' | 'object';

/** A column label: pandas allows any hashable; Weft takes strings and integers (`header=None` numbers columns). */
export type Label = string | number;

/** One column's values, `length` long. */
export type Column =
  | { dtype: 'int64'; values: Float64Array }
  | { dtype: 'float64'; values: Float64Array }
  | { dtype: 'bool'; values: Uint8Array }
  | { dtype: 'object'; codes: Int32Array; dictionary: unknown[] };

/** Row labels: pandas' RangeIndex, or label columns (one: an Index; several: a MultiIndex). */
export type Index =
  | { kind: 'range'; start: number; step: number; name: Label | null }
  | { kind: 'labels'; levels: Column[]; names: Array<Label | null> };

/** A pandas DataFrame: named columns of equal length sharing one index. */
export interface Frame {
  kind: 'frame';
  names: Label[];
  columns: Column[];
  index: Index;
  length: number;
  /**
   * Present when the columns are a MultiIndex (`groupby.agg` with a list of functions gives `('x', 'sum')`): one
   * tuple per column; `names[i]` is then the tuple's first element. Absent for the usual flat column labels.
   */
  columnTuples?: Label[][];
}

/** A pandas Series: one column with its index. */
export interface Series {
  kind: 'series';
  name: Label | null;
  column: Column;
  index: Index;
  length: number;
}

/** The schema of an index, as Dask's `_meta` knows it before any data exists. */
export interface IndexMeta {
  /** One entry per level; a RangeIndex is one `int64` level with `range: true`. */
  dtypes: DType[];
  names: Array<Label | null>;
  range?: boolean;
}

/** The schema of a DataFrame collection: Dask's `_meta` without the empty frame. */
export interface FrameMeta {
  kind: 'frame';
  columns: Array<{ name: Label; dtype: DType }>;
  index: IndexMeta;
  /** As {@link Frame.columnTuples}: the columns' MultiIndex tuples, when they have one. */
  columnTuples?: Label[][];
  /**
   * Set when the schema is known only once data exists (`bag.to_dataframe` without `meta`, whose Dask infers it by
   * computing the bag's first element, when the plan was compiled without a way to compute it: see
   * CompileOptions.computeAtPlanTime): `columns` is then empty and says nothing, and ops check nothing at build time.
   */
  unknown?: true;
}

/** The schema of a Series collection. */
export interface SeriesMeta {
  kind: 'series';
  name: Label | null;
  dtype: DType;
  index: IndexMeta;
  /** As {@link FrameMeta.unknown}: `name` and `dtype` then say nothing. */
  unknown?: true;
}

/** The number of values in a column. */
export function columnLength(column: Column): number {
  return column.dtype === 'object' ? column.codes.length : column.values.length;
}

/** Value `i` of a column as the engine's Python value (int and float as numbers, bool as boolean, object as is). */
export function columnValue(column: Column, i: number): unknown {
  switch (column.dtype) {
    case 'int64':
    case 'float64':
      return column.values[i];
    case 'bool':
      return column.values[i] === 1;
    case 'object':
      return column.dictionary[column.codes[i]];
  }
}

/** Whether pandas' `isna` holds for a value of an object column (None or NaN). */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/** The schema of a frame. */
export function frameMeta(frame: Frame): FrameMeta {
  return { kind: 'frame', columns: frame.names.map((name, i) => ({ name, dtype: frame.columns[i].dtype })), index: indexMeta(frame.index) };
}

/** The schema of an index. */
export function indexMeta(index: Index): IndexMeta {
  if (index.kind === 'range') return { dtypes: ['int64'], names: [index.name], range: true };
  return { dtypes: index.levels.map((c) => c.dtype), names: index.names.slice() };
}
