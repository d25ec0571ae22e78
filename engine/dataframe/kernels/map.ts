import { PyDict, PyFloat } from '../../values/py-types.js';
import { pyRepr } from '../../values/repr.js';
import type { Column, DType, Series, SeriesMeta } from '../frame.js';
import { inferColumn, objectColumn } from '../frame-from-values.js';
import { PandasError } from '../pandas-error.js';
import { pyValue } from '../python-values.js';

/**
 * `s.map(arg)`:
 * - with a dict, as pandas 1.5 does it (the dict becomes a Series, the values are looked up in its index): a value
 *   matches a key by Python equality, except that pandas' typed indexes keep bools and numbers apart (a dict of int
 *   keys matches nothing in a bool series, a dict of bool keys nothing in a numeric one; an object series compares
 *   as Python does, True == 1); NaN matches a NaN key, and None with NaN among the keys is pandas' InvalidIndexError.
 *   The result's dtype is the dict values' dtype; a miss is NaN, which makes int64 float64 and bool object;
 * - with a function (the lead passes a compiled Python lambda), called on each value as the engine's Python value
 *   (int, float, bool, or the object as is), its results inferred as pandas infers them (see frame-from-values.ts). An
 *   object column calls it once per distinct value, in order of first appearance.
 * The meta function runs the same on Dask's fake data (two 1s, 1.0s, Trues or 'foo's), as Dask's `_emulate` does.
 */

/** A mapping: a Python dict, or a function of one Python value. */
export type MapArg = PyDict | ((value: unknown) => unknown);

const MISS = Symbol('miss');

/** Applies `f` to every row, once per distinct object value. */
function mapRows(column: Column, length: number, f: (value: unknown) => unknown): unknown[] {
  if (column.dtype !== 'object') return Array.from({ length }, (_, i) => f(pyValue(column, i)));
  const memo = new Map<number, unknown>();
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++) {
    const code = column.codes[i];
    if (!memo.has(code)) memo.set(code, f(column.dictionary[code]));
    out[i] = memo.get(code);
  }
  return out;
}

type KeyKind = 'bool' | 'numeric' | 'object';

function keyKind(dict: PyDict): KeyKind {
  let bools = 0;
  let numbers = 0;
  for (const k of dict.keys()) {
    if (typeof k === 'boolean') bools++;
    else if (typeof k === 'number' || k instanceof PyFloat) numbers++;
  }
  if (dict.size > 0 && bools === dict.size) return 'bool';
  if (dict.size > 0 && numbers === dict.size) return 'numeric';
  return 'object';
}

function mapWithDict(series: Series, dict: PyDict): Column {
  const missingKeys = [...dict.keys()].filter((k) => k === null || (typeof k === 'number' && Number.isNaN(k)));
  // pandas' index of the keys treats None and NaN as the same missing label.
  if (missingKeys.length > 1) throw new PandasError('TASK_FAILED', 'InvalidIndexError', 'Reindexing only valid with uniquely valued Index objects');
  const kind = keyKind(dict);
  const dtype = series.column.dtype;
  // A typed index (all-bool or all-number keys) keeps bools and numbers apart; object values compare as Python does.
  const isApart = (kind === 'bool' && (dtype === 'int64' || dtype === 'float64')) || (kind === 'numeric' && dtype === 'bool');
  const lookup = (v: unknown): unknown => {
    if (isApart) return MISS;
    let entry: [unknown, unknown] | undefined;
    try {
      entry = dict.entry(v);
    } catch {
      entry = undefined;
    }
    return entry ? entry[1] : MISS;
  };
  const found = mapRows(series.column, series.length, lookup);
  const mapper = dict.size === 0 ? ({ dtype: 'float64' } as const) : inferColumn([...dict.values()]);
  const hasMiss = found.includes(MISS);
  let result: DType = mapper.dtype;
  if (hasMiss && result === 'int64') result = 'float64';
  if (hasMiss && result === 'bool') result = 'object';
  switch (result) {
    case 'int64':
    case 'float64':
      return { dtype: result, values: Float64Array.from(found, (v) => (v === MISS || v === null || v === undefined ? NaN : v instanceof PyFloat ? v.value : (v as number))) };
    case 'bool':
      return { dtype: 'bool', values: Uint8Array.from(found, (v) => (v === true ? 1 : 0)) };
    case 'object':
      return objectColumn(found.map((v) => (v === MISS ? NaN : v)));
  }
}

/** `s.map(arg)` on a partition. */
export function seriesMap(series: Series, arg: MapArg): Series {
  const column = typeof arg === 'function' ? inferColumn(mapRows(series.column, series.length, arg), { emptyDType: 'object' }) : mapWithDict(series, arg);
  return { ...series, column };
}

function fakeSeries(meta: SeriesMeta): Series {
  const column: Column =
    meta.dtype === 'object'
      ? { dtype: 'object', codes: new Int32Array(2), dictionary: ['foo'] }
      : meta.dtype === 'bool'
        ? { dtype: 'bool', values: new Uint8Array([1, 1]) }
        : { dtype: meta.dtype, values: new Float64Array([1, 1]) };
  return { kind: 'series', name: meta.name, column, index: { kind: 'range', start: 0, step: 1, name: null }, length: 2 };
}

/** The schema of `s.map(arg)`, from Dask's emulation on fake data. */
export function seriesMapMeta(meta: SeriesMeta, arg: MapArg): SeriesMeta {
  try {
    return { ...meta, dtype: seriesMap(fakeSeries(meta), arg).column.dtype };
  } catch (error) {
    // Dask prints the original exception's repr.
    const original = error instanceof PandasError ? `${error.pyType}(${pyRepr(error.pyMessage)})` : error instanceof Error ? error.message : String(error);
    throw new PandasError(
      'BAD_PARAM',
      'ValueError',
      'Metadata inference failed in `map`.\n\nYou have supplied a custom function and Dask is unable to \ndetermine the type of output that that function returns. \n\n' +
        `To resolve this please provide a meta= keyword.\nThe docstring of the Dask function you ran should have more information.\n\nOriginal error is below:\n------------------------\n${original}`,
    );
  }
}
