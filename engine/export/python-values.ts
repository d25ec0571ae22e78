/**
 * Python values reported by a Python process (engine/run/python/run_exported.py with `"values": "typed"`) turned into
 * Weft's own values, so that results computed by Dask print and serialize exactly as if Weft had computed them.
 * The typed JSON keeps what plain JSON loses: `{"$tuple": [...]}`, `{"$set": [...]}`, `{"$dict": [[k, v], ...]}`,
 * `{"$float": x}` (or "nan", "inf", "-inf"), `{"$repr": "..."}` for anything else.
 */
import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';
import type { DType, Frame, Index, Label, Series } from '../dataframe/frame.js';
import { columnFromValues } from '../dataframe/aggregate/columns.js';
import { inferColumn } from '../dataframe/frame-from-values.js';

/** Decodes one typed-JSON value. */
export function fromTypedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromTypedJson);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('$tuple' in record) return new PyTuple((record.$tuple as unknown[]).map(fromTypedJson));
  if ('$set' in record) return new PySet((record.$set as unknown[]).map(fromTypedJson));
  if ('$dict' in record) return PyDict.fromPairs((record.$dict as Array<[unknown, unknown]>).map(([k, v]) => [fromTypedJson(k), fromTypedJson(v)] as const));
  if ('$float' in record) {
    const x = record.$float;
    const number = x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : (x as number);
    return Number.isInteger(number) || Object.is(number, -0) ? new PyFloat(number) : number;
  }
  if ('$repr' in record) return record.$repr;
  if ('$frame' in record || '$series' in record) return frameFromTypedJson(record);
  throw new Error(`not a typed Python value: ${JSON.stringify(value).slice(0, 200)}`);
}

interface TypedFrame {
  columns?: unknown[];
  name?: unknown;
  index: unknown[];
  index_names: unknown[];
  data: unknown[];
  dtypes?: string[];
  dtype?: string;
}

/**
 * A pandas DataFrame or Series as the runner reports it (`{"$frame": ...}` / `{"$series": ...}`: labels, typed
 * values and dtype names) as Weft's columnar value, so that a cluster's result prints as a local run's would.
 */
function frameFromTypedJson(record: Record<string, unknown>): Frame | Series {
  const typed = (record.$frame ?? record.$series) as TypedFrame;
  const labels = typed.index.map(fromTypedJson);
  const names = typed.index_names.map((n) => fromTypedJson(n) as Label | null);
  const levels =
    names.length > 1
      ? names.map((_, level) => inferColumn(labels.map((l) => (l as PyTuple).items[level])))
      : [inferColumn(labels)];
  const index: Index = { kind: 'labels', levels, names };
  const length = labels.length;
  if (record.$series) {
    const column = columnFromValues(typed.dtype as DType, typed.data.map(fromTypedJson));
    return { kind: 'series', name: fromTypedJson(typed.name) as Label | null, column, index, length };
  }
  const rows = typed.data.map((row) => (row as unknown[]).map(fromTypedJson));
  const columns = typed.dtypes!.map((dtype, j) => columnFromValues(dtype as DType, rows.map((row) => row[j])));
  return { kind: 'frame', names: typed.columns!.map((c) => fromTypedJson(c) as Label), columns, index, length };
}
