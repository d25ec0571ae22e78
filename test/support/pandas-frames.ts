/**
 * Frames for differential tests against pandas: a Weft Frame written as the Python that builds the same pandas
 * object, and a way to run a script on Debian's Python (pandas 1.5.3, Dask 2022.12) and read its JSON answer.
 * The script runs with stdout a pipe and without COLUMNS, as `print(df)` in a script does.
 */
import { execFileSync } from 'node:child_process';
import { PYTHON } from './environment.js';
import { columnValue, type Column, type Frame, type Index, type Series } from '../../engine/dataframe/frame.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from '../../engine/values/py-types.js';

/** Runs a Python script (on stdin) and parses the JSON it prints last. */
export function runPythonJson(script: string): unknown {
  const env = { ...process.env };
  delete env.COLUMNS;
  delete env.LINES;
  const out = execFileSync(PYTHON, ['-'], { input: script, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out);
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

def obj_array(values):
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out
`;
