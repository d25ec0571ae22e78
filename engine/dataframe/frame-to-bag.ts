import { makeFloat, PyTuple } from '../values/py-types.js';
import type { Frame, Index, Series } from './frame.js';
import { multiIndexLevelValues } from './multi-index-labels.js';
import { pythonValues } from './python-values.js';

/**
 * `DataFrame.to_bag(index=)` (and `Series.to_bag`) for one partition, as dask/dataframe/io/io.py's `_df_to_bag` with
 * `format="tuple"`: `list(map(tuple, df.itertuples(index)))`, one tuple per row, the index label first when `index`
 * is true. pandas iterates columns as Python scalars: int64 → int, float64 → float (a PyFloat box when integral, so
 * `1.0` stays a float), bool → bool, object → the object itself; a MultiIndex label is a tuple of its levels
 * (see multi-index-labels.ts).
 * A Series gives its values, or `(label, value)` pairs with `index`.
 */
export function frameToBagPartition(value: Frame | Series, index = false): unknown[] {
  const columns = value.kind === 'frame' ? value.columns : [value.column];
  const cells = columns.map((c) => pythonValues(c, value.length));
  const labels = index ? indexPythonValues(value.index, value.length) : null;
  const rows = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    if (value.kind === 'series' && !labels) {
      rows[i] = cells[0][i];
      continue;
    }
    const row = cells.map((c) => c[i]);
    if (labels) row.unshift(labels[i]);
    rows[i] = new PyTuple(row);
  }
  return rows;
}

function indexPythonValues(index: Index, length: number): unknown[] {
  if (index.kind === 'range') return Array.from({ length }, (_, i) => index.start + i * index.step);
  if (index.levels.length === 1) return pythonValues(index.levels[0], length);
  const rows = Array.from({ length }, (_, i) => i);
  const levels = index.levels.map((level) => multiIndexLevelValues(level, rows).map((v) => (level.dtype === 'float64' ? makeFloat(v as number) : level.dtype === 'int64' && v === 0 ? 0 : v)));
  return rows.map((i) => new PyTuple(levels.map((level) => level[i])));
}
