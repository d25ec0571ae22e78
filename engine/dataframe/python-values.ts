import { makeFloat } from '../values/py-types.js';
import type { Column } from './frame.js';

/**
 * A column's values as the Python objects pandas hands out (iteration, `Series.map`, an object column's cells):
 * int64 → int (an int has no -0), float64 → float (a PyFloat box when integral, so `1.0` stays a float), bool →
 * bool, object → the object itself.
 */

/** Row `i` of a column as a Python value. */
export function pyValue(column: Column, i: number): unknown {
  switch (column.dtype) {
    case 'int64':
      return column.values[i] === 0 ? 0 : column.values[i];
    case 'float64':
      return makeFloat(column.values[i]);
    case 'bool':
      return column.values[i] === 1;
    case 'object':
      return column.dictionary[column.codes[i]];
  }
}

/** The first `length` rows of a column as Python values. */
export function pythonValues(column: Column, length: number): unknown[] {
  const out = new Array<unknown>(length);
  for (let i = 0; i < length; i++) out[i] = pyValue(column, i);
  return out;
}
