/**
 * A numpy scalar as the reductions of a Series give it: a value with the dtype numpy would tag it with, so that
 * `s.sum()` of an int column (np.int64) and of a float column (np.float64) stay apart although both are numbers here.
 */
import type { DType } from '../frame.js';

/** One reduced value: numbers for int64/float64, a boolean for bool, a Python value for object. */
export interface Scalar {
  kind: 'scalar';
  dtype: DType;
  value: unknown;
}

/** The schema of a reduction that gives one value (Dask's `Scalar` collection). */
export interface ScalarMeta {
  kind: 'scalar';
  dtype: DType;
}

/** Whether a value is a {@link Scalar} (a plain object of kind 'scalar': no Python value is a plain object). */
export function isScalarValue(value: unknown): value is Scalar {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && (value as { kind?: unknown }).kind === 'scalar';
}

/** A scalar from its parts. */
export function scalar(dtype: DType, value: unknown): Scalar {
  return { kind: 'scalar', dtype, value };
}
