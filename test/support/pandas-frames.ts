/**
 * Frames for differential tests against pandas: a Weft Frame written as the Python that builds the same pandas
 * object, and a way to run a script on Debian's Python (pandas 1.5.3, Dask 2022.12) and read its JSON answer.
 * The script runs with stdout a pipe and without COLUMNS, as `print(df)` in a script does.
 */
import { execFileSync } from 'node:child_process';
import { PYTHON } from './environment.js';
import { columnValue, type Column, type Frame, type Index, type Series } from '../../engine/dataframe/frame.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from '../../engine/values/py-types.js';
import { pyRepr } from '../../engine/values/repr.js';

/** Runs a Python script (on stdin) and parses the JSON it prints last. */
export function runPythonJson(script: string): unknown {
  const env = { ...process.env };
  delete env.COLUMNS;
  delete env.LINES;
  const out = execFileSync(PYTHON, ['-'], { input: script, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out);
}

/**
 * Evaluates named Python expressions in one interpreter (importing pandas and Dask once per test file, not once per
 * test) and returns their JSON values by name. `attempt(f)` in an expression gives `failure(e)` if `f()` raises.
 */
export function runPythonExpressions(prelude: string, expressions: Record<string, string>): Record<string, unknown> {
  const body = Object.entries(expressions)
    .map(([name, expr]) => `results[${JSON.stringify(name)}] = ${expr}`)
    .join('\n');
  return runPythonJson(`${PANDAS_PRELUDE}\n${prelude}\nresults = {}\n${body}\nprint(json.dumps(results))\n`) as Record<string, unknown>;
}

/** Runs once, when first asked: the expectations a test file shares. */
export function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

/** A Python literal for an engine value (None, bools, ints, floats with nan/inf, str, list, tuple, dict, set). */
export function pythonLiteral(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // JSON's escapes are Python's, except that Python reads a surrogate pair escape as two characters.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
      if (Number.isNaN(value)) return "float('nan')";
      if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "float('-inf')";
      return Object.is(value, -0) ? '-0.0' : String(value);
    case 'object':
      if (value === null) return 'None';
      if (value instanceof PyFloat) return `float(${Object.is(value.value, -0) ? '-0.0' : value.value.toFixed(1)})`;
      if (Array.isArray(value)) return '[' + value.map(pythonLiteral).join(', ') + ']';
      if (value instanceof PyTuple) return '(' + value.items.map(pythonLiteral).join(', ') + (value.items.length === 1 ? ',)' : ')');
      if (value instanceof PyDict) return '{' + [...value.items()].map(([k, v]) => pythonLiteral(k) + ': ' + pythonLiteral(v)).join(', ') + '}';
      if (value instanceof PyFrozenSet) return 'frozenset([' + [...value].map(pythonLiteral).join(', ') + '])';
      if (value instanceof PySet) return 'set([' + [...value].map(pythonLiteral).join(', ') + '])';
  }
  throw new Error(`no Python literal for ${String(value)}`);
}

function columnLiteral(column: Column, length: number): string {
  const values = Array.from({ length }, (_, i) => {
    const v = columnValue(column, i);
    return column.dtype === 'float64' && Number.isInteger(v) ? new PyFloat(v as number) : v;
  });
  if (column.dtype === 'object') return `obj_array(${pythonLiteral(values)})`;
  return `np.array(${pythonLiteral(values)}, dtype=${JSON.stringify(column.dtype)})`;
}

function indexLiteral(index: Index, length: number): string {
  if (index.kind === 'range') return `pd.RangeIndex(${index.start}, ${index.start + index.step * length}, ${index.step}, name=${pythonLiteral(index.name)})`;
  const levels = index.levels.map((level, i) => `pd.Index(${columnLiteral(level, length)}, dtype=${JSON.stringify(level.dtype)}, name=${pythonLiteral(index.names[i])})`);
  if (levels.length === 1) return levels[0];
  return `pd.MultiIndex.from_arrays([${levels.join(', ')}], names=${pythonLiteral(index.names)})`;
}

/** Python that evaluates to the pandas DataFrame or Series equal to a Weft one (needs `pd` and `np`). */
export function pandasLiteral(value: Frame | Series): string {
  const index = indexLiteral(value.index, value.length);
  if (value.kind === 'series') return `pd.Series(${columnLiteral(value.column, value.length)}, index=${index}, name=${pythonLiteral(value.name)}, dtype=${JSON.stringify(value.column.dtype)})`;
  const columns = value.columns.map((c) => `(${columnLiteral(c, value.length)})`);
  return `frame_of([${columns.join(', ')}], ${pythonLiteral(value.names)}, ${index})`;
}

/** The Python prelude {@link pandasLiteral} needs. */
export const PANDAS_PRELUDE = `
import json, sys
import numpy as np
import pandas as pd

def frame_of(columns, names, index):
    df = pd.DataFrame({i: c for i, c in enumerate(columns)}, index=index)
    if len(columns) == 0:
        df = pd.DataFrame(index=index)
    df.columns = pd.Index(names) if names else pd.Index([], dtype=object)
    return df

def describe(df):
    return {
        'names': [repr(n) for n in df.columns],
        'dtypes': [str(t) for t in df.dtypes],
        'index': [repr(x) for x in df.index.tolist()],
        'columns': [[repr(x) for x in df.iloc[:, j].tolist()] for j in range(df.shape[1])],
    }

def failure(e):
    return {'error': type(e).__name__, 'message': str(e)}

def attempt(f):
    try:
        return f()
    except Exception as e:
        return failure(e)

def obj_array(values):
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out
`;

/** What a test compares of a frame with pandas: labels, dtypes, index and values, each as its Python repr. */
export interface FrameDescription {
  names: string[];
  dtypes: string[];
  index: string[];
  columns: string[][];
}

/** {@link FrameDescription} of a Weft frame (the Python side is `describe(df)` in {@link PANDAS_PRELUDE}). */
export function describeFrame(frame: Frame): FrameDescription {
  const rows = Array.from({ length: frame.length }, (_, i) => i);
  const pyValue = (column: Column, i: number): unknown => {
    const v = columnValue(column, i);
    return column.dtype === 'float64' && Number.isInteger(v) ? new PyFloat(v as number) : v;
  };
  const index = frame.index;
  const labels =
    index.kind === 'range'
      ? rows.map((i) => pyRepr(index.start + i * index.step))
      : rows.map((i) => pyRepr(index.levels.length === 1 ? pyValue(index.levels[0], i) : new PyTuple(index.levels.map((l) => pyValue(l, i)))));
  return {
    names: frame.names.map((n) => pyRepr(n)),
    dtypes: frame.columns.map((c) => c.dtype),
    index: labels,
    columns: frame.columns.map((c) => rows.map((i) => pyRepr(pyValue(c, i)))),
  };
}
