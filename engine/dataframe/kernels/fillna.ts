import { PyDict, PyFloat, PyTuple, makeFloat, pyTypeName } from '../../values/py-types.js';
import type { Column, Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { isMissing } from '../frame.js';
import { objectColumn } from '../frame-from-values.js';
import { PandasError } from '../pandas-error.js';

/**
 * `fillna(value=)` with pandas 1.5's dtype results: int64 and bool columns hold no missing value and stay as they
 * are; a float64 column with NaN stays float64 when the value is a number, and becomes object (its floats as
 * Python floats) for any other value (a string, a bool); an object column has None and NaN replaced. A dict value
 * fills column by column, keys naming no column ignored. The meta functions keep the input dtypes, as Dask's meta
 * (computed on fake data without missing values) does.
 */

/** A fill value: one Python scalar, or a dict (a PyDict or a Map) of column label → scalar. */
export type FillValue = unknown;

function check(value: FillValue): void {
  if (value === null || value === undefined) throw new PandasError('BAD_PARAM', 'ValueError', "Must specify a fill 'value' or 'method'.");
  if (Array.isArray(value) || value instanceof PyTuple) {
    throw new PandasError('BAD_PARAM', 'TypeError', `"value" parameter must be a scalar or dict, but you passed a "${pyTypeName(value)}"`);
  }
}

function isNumber(v: unknown): boolean {
  return typeof v === 'number' || v instanceof PyFloat;
}

/** One column with its missing values replaced by `value`. */
export function fillColumn(column: Column, value: unknown): Column {
  switch (column.dtype) {
    case 'int64':
    case 'bool':
      return column;
    case 'float64': {
      if (!column.values.some(Number.isNaN)) return column;
      if (isNumber(value)) {
        const fill = value instanceof PyFloat ? value.value : (value as number);
        return { dtype: 'float64', values: Float64Array.from(column.values, (v) => (Number.isNaN(v) ? fill : v)) };
      }
      return objectColumn(Array.from(column.values, (v) => (Number.isNaN(v) ? value : makeFloat(v))));
    }
    case 'object': {
      if (!column.dictionary.some(isMissing)) return column;
      // Fill the dictionary, not the rows; entries that become equal are merged.
      const entries = objectColumn(column.dictionary.map((v) => (isMissing(v) ? value : v)));
      return { dtype: 'object', codes: Int32Array.from(column.codes, (c) => entries.codes[c]), dictionary: entries.dictionary };
    }
  }
}

function perColumn(value: FillValue): (label: Label) => { isFilled: boolean; value: unknown } {
  if (value instanceof PyDict) return (label) => (value.has(label) ? { isFilled: true, value: value.get(label) } : { isFilled: false, value: null });
  if (value instanceof Map) return (label) => (value.has(label) ? { isFilled: true, value: value.get(label) } : { isFilled: false, value: null });
  return () => ({ isFilled: true, value });
}

/** `df.fillna(value=)` on a partition. */
export function fillnaFrame(frame: Frame, value: FillValue): Frame {
  check(value);
  const fillFor = perColumn(value);
  return {
    ...frame,
    columns: frame.columns.map((c, i) => {
      const f = fillFor(frame.names[i]);
      return f.isFilled && f.value !== null && f.value !== undefined ? fillColumn(c, f.value) : c;
    }),
  };
}

/** The schema of `df.fillna(value=)`. */
export function fillnaFrameMeta(meta: FrameMeta, value: FillValue): FrameMeta {
  check(value);
  return { ...meta, columns: meta.columns.map((c) => ({ ...c })) };
}

/** `s.fillna(value=)` on a partition (a scalar value). */
export function fillnaSeries(series: Series, value: FillValue): Series {
  check(value);
  if (value instanceof PyDict || value instanceof Map) throw new PandasError('BAD_PARAM', 'NotImplementedError', "Weft's series.fillna takes a scalar value");
  return { ...series, column: fillColumn(series.column, value) };
}

/** The schema of `s.fillna(value=)`. */
export function fillnaSeriesMeta(meta: SeriesMeta, value: FillValue): SeriesMeta {
  check(value);
  return { ...meta };
}
