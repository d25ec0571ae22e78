import { PyException } from '../expr/py-exception.js';
import { pyRepr } from '../values/repr.js';
import { PyFloat, pyTypeName } from '../values/py-types.js';
import { columnValue, frameMeta, type Column, type DType, type Frame, type FrameMeta, type Label } from './frame.js';
import { frameFromRows, objectColumn } from './frame-from-values.js';

/**
 * `Bag.to_dataframe(columns=)` as dask/bag/core.py does it in Dask 2022.12.
 *
 * Policy:
 * - The metadata comes from the bag's first element only (`self.take(1)`, which looks at the first partition only):
 *   `pd.DataFrame([first], columns=columns)`. An empty first partition fails with Dask's ValueError, whatever the
 *   other partitions hold.
 * - Each partition becomes `pd.DataFrame(list(partition), columns=meta_columns).astype(meta_dtypes)`: its columns
 *   are inferred from its own values first (frame-from-values.ts) and then cast to the metadata's dtypes, with numpy's
 *   casting rules — so a partition whose ints meet a None (float64) fails to cast to the metadata's int64, and an
 *   object column of the metadata holds what the partition's inference made (ints with a None become 1.0 and nan).
 * - Each partition has its own RangeIndex from 0; the divisions are unknown.
 */

/** The metadata `to_dataframe` infers from the bag's first partition (see the policy). */
export function bagToDataFrameMeta(firstPartition: readonly unknown[], columns?: readonly Label[]): FrameMeta {
  if (firstPartition.length === 0) {
    throw new PyException('ValueError', '`dask.bag.Bag.to_dataframe` failed to properly infer metadata, please pass in metadata via the `meta` keyword');
  }
  return frameMeta(frameFromRows([firstPartition[0]], columns));
}

/** One partition of `to_dataframe`: the partition's elements as rows, cast to the metadata. */
export function bagPartitionToFrame(partition: readonly unknown[], meta: FrameMeta): Frame {
  const names = meta.columns.map((c) => c.name);
  const inferred = frameFromRows(partition, names);
  return { ...inferred, columns: inferred.columns.map((c, i) => castColumn(c, meta.columns[i].dtype, inferred.length)) };
}

/**
 * numpy's `astype` of a column to a dtype, for to_dataframe's cast: float → int truncates and refuses NaN and
 * infinities (pandas' IntCastingNaNError); object → int/float call Python's `int()`/`float()` on each value (None → NaN
 * for float, a TypeError for int); anything → bool is truthiness; anything → object boxes each value as Python does.
 */
export function castColumn(column: Column, dtype: DType, length: number): Column {
  if (column.dtype === dtype) return column;
  switch (dtype) {
    case 'object': {
      const values = new Array<unknown>(length);
      for (let i = 0; i < length; i++) {
        const v = columnValue(column, i);
        values[i] = column.dtype === 'float64' && Number.isInteger(v) ? new PyFloat(v as number) : v;
      }
      return objectColumn(values);
    }
    case 'bool': {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = truthy(columnValue(column, i)) ? 1 : 0;
      return { dtype: 'bool', values: out };
    }
    case 'float64': {
      const out = new Float64Array(length);
      for (let i = 0; i < length; i++) out[i] = toFloat(columnValue(column, i));
      return { dtype: 'float64', values: out };
    }
    case 'int64': {
      const out = new Float64Array(length);
      if (column.dtype === 'float64') {
        for (let i = 0; i < length; i++) {
          if (!Number.isFinite(column.values[i])) throw new PyException('IntCastingNaNError', 'Cannot convert non-finite values (NA or inf) to integer');
          out[i] = Math.trunc(column.values[i]) || 0;
        }
      } else {
        for (let i = 0; i < length; i++) out[i] = toInt(columnValue(column, i));
      }
      return { dtype: 'int64', values: out };
    }
  }
}

function truthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  const sized = v as { length?: number; size?: number };
  return (sized.length ?? sized.size ?? 1) > 0;
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|nan|inf|infinity)$/i;
const INT_TEXT = /^[+-]?\d(?:_?\d)*$/;

/** Python's `float(v)`, as numpy's astype(float) calls it on an object; None is NaN. */
function toFloat(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'string') {
    const text = v.trim();
    if (FLOAT_TEXT.test(text)) {
      const lower = text.toLowerCase().replace(/_/g, '');
      if (/nan$/.test(lower)) return NaN;
      if (/inf(inity)?$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
      return Number(lower);
    }
    throw new PyException('ValueError', `could not convert string to float: ${pyRepr(v)}`);
  }
  throw new PyException('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/** Python's `int(v)`, as numpy's astype(int64) calls it on an object. */
function toInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || v instanceof PyFloat) {
    const n = typeof v === 'number' ? v : v.value;
    if (Number.isNaN(n)) throw new PyException('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(n)) throw new PyException('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(n) || 0;
  }
  if (typeof v === 'string') {
    const text = v.trim();
    if (INT_TEXT.test(text)) return Number(text.replace(/_/g, ''));
    throw new PyException('ValueError', `invalid literal for int() with base 10: ${pyRepr(v)}`);
  }
  throw new PyException('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`);
}
