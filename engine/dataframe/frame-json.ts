import { makeFloat } from '../values/py-types.js';
import type { Frame, Index, Label, Series } from './frame.js';
import { pythonValues } from './python-values.js';
import { multiIndexLevelValues } from './multi-index-labels.js';

/**
 * What `weft run --json` prints for a DataFrame or Series, as a value engine/values/json.ts prints.
 *
 * Policy: a DataFrame is `{"columns", "index", "data", "dtypes"}` — pandas' `to_json(orient="split")` plus the dtype
 * names in column order — and a Series `{"name", "index", "data", "dtype"}`. Values are typed by their column's
 * dtype, as pandas' `to_json` types them: an `int64` value prints as an int (`3`), a `float64` value as a float even
 * when integral (`3.0`, through a PyFloat box), `bool` as `true`/`false`, and an `object` value as the Python value it
 * is (a str, an int, a float, None). NaN (and None) print as `null`; a MultiIndex label is an array of its levels.
 * Floats print with Python's shortest round-trip digits (`repr(float)`), not pandas' `double_precision=10` rounding:
 * the JSON is for comparing and piping results, so it keeps every digit.
 */

/** The JSON-ready value of a DataFrame: `{columns, index, data, dtypes}`. */
export interface FrameJson {
  columns: Array<Label | Label[]>;
  index: unknown[];
  data: unknown[][];
  dtypes: string[];
}

/** The JSON-ready value of a Series: `{name, index, data, dtype}`. */
export interface SeriesJson {
  name: Label | null;
  index: unknown[];
  data: unknown[];
  dtype: string;
}

/** A DataFrame or Series as the plain value `weft run --json` prints. */
export function frameToJson(value: Frame): FrameJson;
export function frameToJson(value: Series): SeriesJson;
export function frameToJson(value: Frame | Series): FrameJson | SeriesJson;
export function frameToJson(value: Frame | Series): FrameJson | SeriesJson {
  const index = indexLabels(value.index, value.length);
  if (value.kind === 'series') {
    return { name: value.name, index, data: pythonValues(value.column, value.length), dtype: value.column.dtype };
  }
  const columns = value.columns.map((c) => pythonValues(c, value.length));
  const data = new Array<unknown[]>(value.length);
  for (let i = 0; i < value.length; i++) data[i] = columns.map((c) => c[i]);
  // a MultiIndex of columns prints as its tuples, which JSON writes as arrays (as pandas' to_json does)
  return { columns: value.columnTuples ? value.columnTuples.map((t) => t.slice()) : value.names.slice(), index, data, dtypes: value.columns.map((c) => c.dtype) };
}

/** Row labels: ints for a RangeIndex, values for one level, an array per row for a MultiIndex. */
function indexLabels(index: Index, length: number): unknown[] {
  if (index.kind === 'range') return Array.from({ length }, (_, i) => index.start + i * index.step);
  if (index.levels.length === 1) return pythonValues(index.levels[0], length);
  const rows = Array.from({ length }, (_, i) => i);
  const levels = index.levels.map((level) => multiIndexLevelValues(level, rows).map((v) => (level.dtype === 'float64' ? makeFloat(v as number) : v)));
  return rows.map((i) => levels.map((level) => level[i]));
}
