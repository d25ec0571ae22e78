/**
 * Differential testing of DataFrame kernels against real Dask: partitions go to /usr/bin/python3 as JSON, Dask
 * builds a collection with exactly those partitions (`dd.from_delayed`), evaluates an expression on it (`df`, or
 * `s` for the first column as a Series), and sends the computed result back in one JSON shape that Weft's results
 * are converted to as well.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { PyFloat } from '../../engine/values/py-types.js';
import type { Column, Frame, Index, Series } from '../../engine/dataframe/frame.js';
import { columnLength, columnValue } from '../../engine/dataframe/frame.js';
import type { Scalar } from '../../engine/dataframe/aggregate/scalar.js';
import { PYTHON } from './environment.js';

/** A result in the shape both sides are compared in. */
export type Result =
  | { kind: 'frame'; columns: unknown[]; index: unknown[][]; indexNames: unknown[]; data: unknown[][]; dtypes: string[] }
  | { kind: 'series'; name: unknown; index: unknown[][]; indexNames: unknown[]; data: unknown[]; dtype: string }
  | { kind: 'scalar'; value: unknown; dtype: string }
  | { kind: 'error'; type: string; message: string };

/**
 * Python that evaluates expressions (over the globals `df` and `s`) and encodes each result, or its exception, in the
 * compared shape: `evaluate_all(exprs)` returns the list.
 */
export const DASK_RESULTS = String.raw`
def val(v):
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.integer,)): return int(v)
    if isinstance(v, (np.bool_,)): return bool(v)
    if isinstance(v, tuple): return [val(x) for x in v]
    if v is None: return None
    return v
def dtname(d): return 'object' if d == object else str(d)
def index(ix):
    if isinstance(ix, pd.MultiIndex):
        return [[val(x) for x in ix.get_level_values(l)] for l in range(ix.nlevels)], list(ix.names)
    return [[val(x) for x in ix]], [ix.name]
def out(r):
    if isinstance(r, pd.DataFrame):
        ix, names = index(r.index)
        return {'kind': 'frame', 'columns': [val(c) for c in r.columns], 'index': ix, 'indexNames': names,
                'data': [[val(x) for x in r.iloc[:, i]] for i in range(r.shape[1])], 'dtypes': [dtname(d) for d in r.dtypes]}
    if isinstance(r, pd.Series):
        ix, names = index(r.index)
        return {'kind': 'series', 'name': val(r.name), 'index': ix, 'indexNames': names, 'data': [val(x) for x in r], 'dtype': dtname(r.dtype)}
    if isinstance(r, np.ndarray): r = r.tolist()
    dt = 'float64' if isinstance(r, (float, np.floating)) else 'bool' if isinstance(r, (bool, np.bool_)) else 'int64' if isinstance(r, (int, np.integer)) else 'object'
    return {'kind': 'scalar', 'value': val(r), 'dtype': dt}
def evaluate_all(exprs):
    results = []
    for code in exprs:
        try:
            r = eval(code)
            if hasattr(r, 'compute'): r = r.compute()
            results.append(out(r))
        except Exception as e:
            results.append({'kind': 'error', 'type': type(e).__name__, 'message': str(e)})
    return results
`;

const HARNESS = String.raw`
import json, sys, warnings
warnings.simplefilter('ignore')
import numpy as np, pandas as pd, dask, dask.dataframe as dd
from dask import delayed
dask.config.set(scheduler='sync')
req = json.load(sys.stdin)
def column(c):
    vals = [np.nan if v is None and c['dtype'] != 'object' else v for v in c['values']]
    return pd.Series(vals, dtype=c['dtype'])
def part(p):
    return pd.DataFrame({n: column(c) for n, c in zip(p['names'], p['columns'])}, columns=p['names'])
parts = [part(p) for p in req['parts']]
df = dd.from_delayed([delayed(p) for p in parts], meta=parts[0].iloc[:0], verify_meta=False)
s = df[df.columns[0]]
` + DASK_RESULTS + String.raw`
print(json.dumps(evaluate_all(req['exprs'])))
`;

function jsonValue(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  if (value === undefined) return null;
  return value;
}

function columnJson(column: Column): { dtype: string; values: unknown[] } {
  return { dtype: column.dtype, values: Array.from({ length: columnLength(column) }, (_, i) => jsonValue(columnValue(column, i))) };
}

/** Evaluates Python expressions over `df` (and `s`, its first column) made of exactly these partitions. */
export function runDask(parts: readonly Frame[], exprs: readonly string[]): Result[] {
  const request = { parts: parts.map((p) => ({ names: p.names, columns: p.columns.map(columnJson) })), exprs };
  const stdout = execFileSync(PYTHON, ['-c', HARNESS], { input: JSON.stringify(request), maxBuffer: 1 << 28, encoding: 'utf8' });
  return JSON.parse(stdout) as Result[];
}

function indexJson(index: Index, length: number): { index: unknown[][]; indexNames: unknown[] } {
  if (index.kind === 'range') return { index: [Array.from({ length }, (_, i) => index.start + i * index.step)], indexNames: [index.name] };
  return { index: index.levels.map((l) => columnJson(l).values), indexNames: index.names };
}

/** A Weft frame, series or scalar in the compared shape. */
export function weftResult(value: Frame | Series | Scalar): Result {
  if (value.kind === 'scalar') return { kind: 'scalar', value: jsonValue(value.value), dtype: value.dtype };
  if (value.kind === 'series') return { kind: 'series', name: value.name, ...indexJson(value.index, value.length), data: columnJson(value.column).values, dtype: value.column.dtype };
  return {
    kind: 'frame',
    columns: value.columnTuples ?? value.names,
    ...indexJson(value.index, value.length),
    data: value.columns.map((c) => columnJson(c).values),
    dtypes: value.columns.map((c) => c.dtype),
  };
}

function close(a: unknown, b: unknown, path: string): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return;
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    assert.ok(rel <= 1e-12, `${path}: ${a} vs Dask ${b} (relative ${rel})`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${path}: length ${a.length} vs Dask ${b.length}`);
    a.forEach((x, i) => close(x, b[i], `${path}[${i}]`));
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(b as object);
    assert.deepEqual(Object.keys(a as object).sort(), keys.slice().sort(), `${path}: keys`);
    for (const k of keys) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, path);
}

/** Asserts a Weft result equals Dask's: labels, order and dtypes exactly, floats to 1e-12 relative. */
export function assertSameAsDask(weft: Frame | Series | Scalar, dask: Result, what: string): void {
  assert.notEqual(dask.kind, 'error', `${what}: Dask failed: ${JSON.stringify(dask)}`);
  close(weftResult(weft), dask, what);
}
