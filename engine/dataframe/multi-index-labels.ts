import { columnValue, isMissing, type Column } from './frame.js';

/**
 * A MultiIndex level's labels as pandas yields them. pandas keeps each level as its distinct values (factorised, the
 * first occurrence standing for all equal ones) plus a code per row, -1 for a missing label. So a missing label comes
 * back as NaN whatever the level's dtype (None too), and 0.0 and -0.0 are one label, whichever came first.
 */
export function multiIndexLevelValues(level: Column, rows: readonly number[]): unknown[] {
  const firstZero = level.dtype === 'float64' ? level.values.find((v) => v === 0) : undefined;
  return rows.map((r) => {
    const v = columnValue(level, r);
    if (isMissing(v)) return NaN;
    return v === 0 && firstZero !== undefined ? firstZero : v;
  });
}
