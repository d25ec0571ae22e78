/**
 * The differential tests' bridge to real pandas/Dask (`/usr/bin/python3`): frames cross as JSON, built identically
 * on both sides, and results come back in one comparable shape. Test support only; the engine never imports it.
 *
 * Floats cross as strings (`'-0.0'`, `'nan'`, `'inf'`) because JSON has neither NaN nor a signed zero; object values
 * cross as JSON values with NaN as `{"nan": 1}` and floats as `{"float": '2.0'}` (so 2.0 stays a float).
 */

import { execFileSync } from 'node:child_process';
import { PyFloat } from '../../values/py-types.js';
import { columnLength, type Column, type Frame, type Index, type Label } from '../frame.js';

/** One column on the wire. */
export interface WireColumn {
  dtype: Column['dtype'];
  values: unknown[];
}

/** A frame on the wire, what pandas gives back and what Weft's frame becomes. */
export interface WireFrame {
  names: Label[];
  columns: WireColumn[];
  index: { kind: 'range'; start: number; step: number; length: number; name: Label | null } | { kind: 'labels'; levels: WireColumn[]; names: Array<Label | null> };
}

function wireFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0.0';
  return String(v);
}

function wireObject(v: unknown): unknown {
  if (typeof v === 'number' && Number.isNaN(v)) return { nan: 1 };
  if (v instanceof PyFloat) return { float: wireFloat(v.value) };
  if (typeof v === 'number' && !Number.isInteger(v)) return { float: wireFloat(v) };
  return v;
}

/** A column as JSON. */
export function wireColumn(column: Column): WireColumn {
  const n = columnLength(column);
  const values: unknown[] = [];
  for (let i = 0; i < n; i++) {
    switch (column.dtype) {
      case 'int64':
        values.push(column.values[i]);
        break;
      case 'float64':
        values.push(wireFloat(column.values[i]));
        break;
      case 'bool':
        values.push(column.values[i] === 1);
        break;
      case 'object':
        values.push(wireObject(column.dictionary[column.codes[i]]));
        break;
    }
  }
  return { dtype: column.dtype, values };
}

function wireIndex(index: Index, length: number): WireFrame['index'] {
  if (index.kind === 'range') return { kind: 'range', start: index.start, step: index.step, length, name: index.name };
  return { kind: 'labels', levels: index.levels.map(wireColumn), names: index.names };
}

/** A frame as JSON. */
export function wireFrame(frame: Frame): WireFrame {
  return { names: frame.names, columns: frame.columns.map(wireColumn), index: wireIndex(frame.index, frame.length) };
}

/**
 * Python helpers every script gets: `build(wire)` makes the pandas DataFrame, `dump(df)` the wire shape back
 * (a RangeIndex stays a range, so a test sees when pandas keeps or drops one).
 */
export const PYTHON_PRELUDE = String.raw`
import json, sys, math
import numpy as np, pandas as pd
def _col(c):
    d = c['dtype']
    if d == 'float64':
        return np.array([float(x) for x in c['values']], dtype='float64')
    if d == 'int64':
        return np.array(c['values'], dtype='int64')
    if d == 'bool':
        return np.array(c['values'], dtype='bool')
    vals = [(float(x['float']) if 'float' in x else float('nan')) if isinstance(x, dict) else x for x in c['values']]
    a = np.empty(len(vals), dtype=object)
    a[:] = vals
    return a
def build(w):
    data = {n: _col(c) for n, c in zip(w['names'], w['columns'])}
    ix = w['index']
    if ix['kind'] == 'range':
        index = pd.RangeIndex(ix['start'], ix['start'] + ix['step'] * ix['length'], ix['step'], name=ix['name'])
    elif len(ix['levels']) == 1:
        index = pd.Index(_col(ix['levels'][0]), name=ix['names'][0])
    else:
        index = pd.MultiIndex.from_arrays([_col(l) for l in ix['levels']], names=ix['names'])
    df = pd.DataFrame(data, index=index, columns=w['names'])
    return df
def _wcol(s):
    d = str(s.dtype)
    if d == 'float64':
        return {'dtype': d, 'values': [repr(float(x)) for x in s]}
    if d in ('int64', 'bool'):
        return {'dtype': d, 'values': [x.item() for x in np.asarray(s)]}
    out = []
    for x in s:
        if isinstance(x, float) and math.isnan(x): out.append({'nan': 1})
        elif isinstance(x, (np.integer,)): out.append(int(x))
        elif isinstance(x, (float, np.floating)): out.append({'float': repr(float(x))})
        elif isinstance(x, (np.bool_,)): out.append(bool(x))
        else: out.append(x)
    return {'dtype': d, 'values': out}
def dump(df):
    ix = df.index
    if isinstance(ix, pd.RangeIndex):
        wi = {'kind': 'range', 'start': ix.start, 'step': ix.step, 'length': len(ix), 'name': ix.name}
    elif isinstance(ix, pd.MultiIndex):
        wi = {'kind': 'labels', 'levels': [_wcol(ix.get_level_values(i)) for i in range(ix.nlevels)], 'names': list(ix.names)}
    else:
        wi = {'kind': 'labels', 'levels': [_wcol(ix)], 'names': [ix.name]}
    return {'names': [n if isinstance(n, (str, int)) else str(n) for n in df.columns], 'columns': [_wcol(df.iloc[:, i]) for i in range(df.shape[1])], 'index': wi}
def dump_div(d):
    return [None if (x is None or (isinstance(x, float) and math.isnan(x))) else (x.item() if hasattr(x, 'item') else x) for x in d]
`;

/**
 * Python helpers for Dask: `collection(parts)` makes a collection of exactly these partitions (unknown divisions),
 * `result(ddf)` computes every partition under the sync scheduler, with the divisions and the meta's dtypes.
 */
export const DASK_COLLECTION = String.raw`
import dask, dask.dataframe as dd, warnings
from dask import delayed
warnings.simplefilter('ignore')
def collection(parts):
    frames = [build(p) for p in parts]
    return dd.from_delayed([delayed(f) for f in frames], meta=frames[0].iloc[:0], verify_meta=False)
def result(ddf):
    parts = dask.compute(*ddf.to_delayed(), scheduler='sync')
    return {'parts': [dump(p) for p in parts], 'divisions': dump_div(ddf.divisions), 'meta': [[n, str(t)] for n, t in ddf._meta.dtypes.items()]}
`;

/** Runs `script` (after the prelude) under Debian's Python with Dask, `input` as JSON on stdin, its JSON stdout back. */
export function runPython(script: string, input: unknown): unknown {
  const out = execFileSync('/usr/bin/python3', ['-c', PYTHON_PRELUDE + '\nINPUT = json.loads(sys.stdin.read())\n' + script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

function floatOf(text: unknown): number {
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

function sameValue(dtype: string, a: unknown, b: unknown): boolean {
  if (dtype === 'float64') {
    const x = floatOf(a);
    const y = floatOf(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
    if (x === y) return true;
    return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
  }
  return canonicalObject(a) === canonicalObject(b);
}

/** Object values compare by value: a float sent as `{float: '2.0'}` equals one sent as `{float: '2'}`. */
function canonicalObject(v: unknown): string {
  if (v !== null && typeof v === 'object' && 'float' in v) return 'float:' + String(floatOf((v as { float: string }).float));
  return JSON.stringify(v);
}

function columnDifference(where: string, a: WireColumn, b: WireColumn): string | null {
  if (a.dtype !== b.dtype) return `${where}: dtype ${a.dtype} != ${b.dtype}`;
  if (a.values.length !== b.values.length) return `${where}: length ${a.values.length} != ${b.values.length}`;
  for (let i = 0; i < a.values.length; i++) {
    if (!sameValue(a.dtype, a.values[i], b.values[i])) return `${where}[${i}]: ${JSON.stringify(a.values[i])} != ${JSON.stringify(b.values[i])}`;
  }
  return null;
}

/** Where two wire frames differ (names, dtypes, values in order, index), or null when they are the same. */
export function frameDifference(actual: WireFrame, expected: WireFrame): string | null {
  if (JSON.stringify(actual.names) !== JSON.stringify(expected.names)) return `names ${JSON.stringify(actual.names)} != ${JSON.stringify(expected.names)}`;
  for (let c = 0; c < actual.columns.length; c++) {
    const d = columnDifference(`column ${String(actual.names[c])}`, actual.columns[c], expected.columns[c]);
    if (d) return d;
  }
  const ai = actual.index;
  const ei = expected.index;
  if (ai.kind !== ei.kind) return `index kind ${ai.kind} != ${ei.kind}`;
  if (ai.kind === 'range' && ei.kind === 'range') {
    if (ai.start !== ei.start || ai.step !== ei.step || ai.length !== ei.length || ai.name !== ei.name) return `range index ${JSON.stringify(ai)} != ${JSON.stringify(ei)}`;
    return null;
  }
  if (ai.kind === 'labels' && ei.kind === 'labels') {
    if (JSON.stringify(ai.names) !== JSON.stringify(ei.names)) return `index names ${JSON.stringify(ai.names)} != ${JSON.stringify(ei.names)}`;
    if (ai.levels.length !== ei.levels.length) return 'index levels differ';
    for (let l = 0; l < ai.levels.length; l++) {
      const d = columnDifference(`index level ${l}`, ai.levels[l], ei.levels[l]);
      if (d) return d;
    }
  }
  return null;
}

function rowStrings(frame: WireFrame, withIndex: boolean): string[] {
  const n = frame.columns.length ? frame.columns[0].values.length : frame.index.kind === 'range' ? frame.index.length : frame.index.levels[0].values.length;
  const cell = (c: WireColumn, i: number): string => (c.dtype === 'float64' ? String(floatOf(c.values[i])) : canonicalObject(c.values[i]));
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts = frame.columns.map((c) => cell(c, i));
    if (withIndex && frame.index.kind === 'labels') parts.push(...frame.index.levels.map((l) => cell(l, i)));
    rows.push(parts.join('\u0001'));
  }
  return rows.sort();
}

/**
 * Where two frames differ ignoring row order (names, dtypes, the multiset of rows, with index labels when asked),
 * for outputs whose order Dask leaves to its scheduler (the disk shuffle appends in task completion order).
 */
export function rowSetDifference(actual: WireFrame, expected: WireFrame, withIndex: boolean): string | null {
  if (JSON.stringify(actual.names) !== JSON.stringify(expected.names)) return `names ${JSON.stringify(actual.names)} != ${JSON.stringify(expected.names)}`;
  const dtypes = (f: WireFrame): string => JSON.stringify(f.columns.map((c) => c.dtype));
  if (dtypes(actual) !== dtypes(expected)) return `dtypes ${dtypes(actual)} != ${dtypes(expected)}`;
  const a = rowStrings(actual, withIndex);
  const e = rowStrings(expected, withIndex);
  if (JSON.stringify(a) !== JSON.stringify(e)) return `rows ${JSON.stringify(a)} != ${JSON.stringify(e)}`;
  return null;
}
