import type { Column, Frame, Index, Series } from './frame.js';

/**
 * Row selection: the rows at `rows` (ascending or not) of every column and of the index, as `df.loc[mask]` and
 * `df.take` give them. Object columns keep their dictionary and take codes, so a selection never re-encodes
 * strings (entries no longer used may stay in the dictionary). A RangeIndex becomes integer labels, as pandas'
 * boolean indexing of a RangeIndex gives an Int64Index.
 */

/** The rows `rows` of a column. */
export function takeColumn(column: Column, rows: ArrayLike<number>): Column {
  const n = rows.length;
  switch (column.dtype) {
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[rows[i]];
      return { dtype: column.dtype, values };
    }
    case 'bool': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[rows[i]];
      return { dtype: 'bool', values };
    }
    case 'object': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[rows[i]];
      return { dtype: 'object', codes, dictionary: column.dictionary };
    }
  }
}

/** The rows `rows` of an index. */
export function takeIndex(index: Index, rows: ArrayLike<number>): Index {
  if (index.kind === 'range') {
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = index.start + index.step * rows[i];
    return { kind: 'labels', levels: [{ dtype: 'int64', values }], names: [index.name] };
  }
  return { kind: 'labels', levels: index.levels.map((level) => takeColumn(level, rows)), names: index.names.slice() };
}

/** The rows `rows` of a frame, index labels kept. */
export function takeFrameRows(frame: Frame, rows: ArrayLike<number>): Frame {
  return { kind: 'frame', names: frame.names.slice(), columns: frame.columns.map((c) => takeColumn(c, rows)), index: takeIndex(frame.index, rows), length: rows.length };
}

/** The rows `rows` of a series, index labels kept. */
export function takeSeriesRows(series: Series, rows: ArrayLike<number>): Series {
  return { kind: 'series', name: series.name, column: takeColumn(series.column, rows), index: takeIndex(series.index, rows), length: rows.length };
}

/** The positions where a boolean mask is 1, in order. */
export function maskPositions(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const rows = new Int32Array(count);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) rows[j++] = i;
  return rows;
}
