import { spawnSync } from 'node:child_process';
import type { Column, Frame, Index, Series } from './frame.js';
import { columnValue } from './frame.js';

/**
 * Test support for differential tests against pandas 1.5.3 (`/usr/bin/python3`): frames cross as JSON in a shape
 * both sides read and write (columns with dtypes, index labels, NaN and infinities as `{$float: 'nan'}`, so that they stay apart from strings), and a
 * Python script runs every case in one process.
 */

export const PYTHON = '/usr/bin/python3';

/** A value as the JSON both sides exchange: non-finite floats as their Python repr. */
export function encodeValue(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return { $float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string' || v === null) return v;
  if (typeof v === 'object' && v !== null && 'value' in v) return encodeValue((v as { value: number }).value);
  return String(v);
}

function columnJson(column: Column, length: number): unknown[] {
  return Array.from({ length }, (_, i) => encodeValue(columnValue(column, i)));
}

function indexJson(index: Index, length: number): unknown {
  if (index.kind === 'range') return { kind: 'range', start: index.start, step: index.step, name: index.name };
  return { kind: 'labels', names: index.names, dtypes: index.levels.map((l) => l.dtype), levels: index.levels.map((l) => columnJson(l, length)) };
}

/** A frame as JSON for the Python side (and as the comparable form of a Weft result). */
export function frameJson(frame: Frame): { kind: 'frame'; names: unknown[]; dtypes: string[]; data: unknown[][]; index: unknown } {
  return { kind: 'frame', names: frame.names, dtypes: frame.columns.map((c) => c.dtype), data: frame.columns.map((c) => columnJson(c, frame.length)), index: indexJson(frame.index, frame.length) };
}

/** A series in the same shape. */
export function seriesJson(series: Series): { kind: 'series'; name: unknown; dtype: string; data: unknown[]; index: unknown } {
  return { kind: 'series', name: series.name, dtype: series.column.dtype, data: columnJson(series.column, series.length), index: indexJson(series.index, series.length) };
}

/** Python that turns the JSON above into pandas objects (`to_pandas`) and back (`from_pandas`). */
export const PANDAS_BRIDGE = String.raw`
import json, math, sys, warnings
import numpy as np, pandas as pd
warnings.simplefilter('ignore')

def dec(v):
    if isinstance(v, dict) and '$float' in v: return float(v['$float'])
    return v

def col_from(values, dtype):
    if dtype == 'object':
        out = np.empty(len(values), dtype=object)
        for i, v in enumerate(values): out[i] = dec(v)
        return out
    if dtype == 'float64': return np.array([dec(v) for v in values], dtype='float64')
    return np.array(values, dtype=dtype)

def index_from(ix, n):
    if ix['kind'] == 'range': return pd.RangeIndex(ix['start'], ix['start'] + ix['step'] * n, ix['step'], name=ix['name'])
    arrays = [col_from(l, d) for l, d in zip(ix['levels'], ix['dtypes'])]
    if len(arrays) == 1: return pd.Index(arrays[0], name=ix['names'][0])
    return pd.MultiIndex.from_arrays(arrays, names=ix['names'])

def to_pandas(f):
    n = len(f['data'][0]) if f['data'] else 0
    if f.get('kind') == 'series':
        n = len(f['data'])
        return pd.Series(col_from(f['data'], f['dtype']), index=index_from(f['index'], n), name=f['name'])
    df = pd.DataFrame({i: col_from(c, d) for i, (c, d) in enumerate(zip(f['data'], f['dtypes']))})
    df.columns = f['names']
    df.index = index_from(f['index'], n)
    return df

def enc(v):
    if isinstance(v, (np.floating, float)):
        v = float(v)
        return {'$float': repr(v)} if not math.isfinite(v) else v
    if isinstance(v, (complex, np.complexfloating)): return repr(complex(v))
    if isinstance(v, np.bool_): return bool(v)
    if isinstance(v, np.integer): return int(v)
    return v

def index_to(ix):
    if isinstance(ix, pd.RangeIndex): return {'kind': 'range', 'start': ix.start, 'step': ix.step, 'name': ix.name}
    levels = [ix.get_level_values(i) for i in range(ix.nlevels)]
    return {'kind': 'labels', 'names': list(ix.names), 'dtypes': [str(l.dtype) for l in levels], 'levels': [[enc(v) for v in l] for l in levels]}

def from_pandas(obj):
    if isinstance(obj, pd.DataFrame):
        return {'kind': 'frame', 'names': list(obj.columns), 'dtypes': [str(d) for d in obj.dtypes], 'data': [[enc(v) for v in obj.iloc[:, i]] for i in range(obj.shape[1])], 'index': index_to(obj.index)}
    if isinstance(obj, pd.Series):
        return {'kind': 'series', 'name': obj.name, 'dtype': str(obj.dtype), 'data': [enc(v) for v in obj], 'index': index_to(obj.index)}
    return {'kind': 'scalar', 'value': enc(obj)}

def outcome(fn):
    try:
        return {'ok': from_pandas(fn())}
    except Exception as e:
        return {'error': type(e).__name__, 'message': str(e)}
`;

/** Runs `script` (after the bridge) with `input` as JSON on stdin; the script prints one JSON document. */
export function runPandas<T>(script: string, input: unknown): T {
  const run = spawnSync(PYTHON, ['-X', 'faulthandler', '-c', PANDAS_BRIDGE + script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`pandas failed (${run.signal ?? run.status}): ${run.stderr.split('\n').filter((l) => !l.startsWith(' ') && !l.startsWith('Fatal') && !l.startsWith('Extension') && !l.startsWith('Current') && l !== '').slice(-3).join('\n')}`);
  return JSON.parse(run.stdout) as T;
}

/** Whether two results in the JSON shape agree: same structure, floats to 1e-12 relative. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
