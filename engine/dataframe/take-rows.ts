import type { Column, Frame, Index, Series } from './frame.js';

/**
 * Row selection by position: the rows at `rows` (ascending or not) of every column and of the index, as pandas'
 * `take` and `df.loc[mask]` give them (slices are frame-slice.ts).
 *
 * Policy: object columns keep their dictionary and take codes, so a selection or a shuffle never re-encodes strings
 * (entries no longer used may stay in the dictionary). Taking rows of a RangeIndex gives int64 labels, as pandas'
 * `RangeIndex.take` and boolean indexing give an Int64Index.
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

/** The rows `rows` of an index; a RangeIndex becomes its int64 labels. */
export function takeIndex(index: Index, rows: ArrayLike<number>): Index {
  if (index.kind === 'range') {
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = index.start + index.step * rows[i];
    return { kind: 'labels', levels: [{ dtype: 'int64', values }], names: [index.name] };
  }
  return { kind: 'labels', levels: index.levels.map((level) => takeColumn(level, rows)), names: index.names.slice() };
}

/** The rows `rows` of a frame, index labels kept (pandas' `df.take(rows)`). */
export function takeFrameRows(frame: Frame, rows: ArrayLike<number>): Frame {
  return { kind: 'frame', names: frame.names.slice(), columns: frame.columns.map((c) => takeColumn(c, rows)), index: takeIndex(frame.index, rows), length: rows.length };
}

/** `takeFrameRows` of every row in order, without copying the columns: a RangeIndex still becomes labels. */
export function takeAllRows(frame: Frame): Frame {
  if (frame.index.kind === 'labels') return frame;
  return { ...frame, names: frame.names.slice(), index: { kind: 'labels', levels: [rangeValues(frame.index, frame.length)], names: [frame.index.name] } };
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

/** The positions of a RangeIndex of `length` rows as an int64 column. */
export function rangeValues(index: Extract<Index, { kind: 'range' }>, length: number): Column {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) values[i] = index.start + index.step * i;
  return { dtype: 'int64', values };
}
