/**
 * Moving rows of a columnar frame: gathering by position (pandas' `take`), slicing (`iloc[a:b]`), and the index
 * those give, as pandas 1.5 gives it.
 *
 * Policy: an object column keeps its dictionary when rows are gathered (codes are gathered; an unused entry costs
 * nothing), so a shuffle never re-encodes strings. `take` on a RangeIndex makes an int64 label index (pandas'
 * `RangeIndex.take` returns an Int64Index); a slice keeps the range.
 */

import type { Column, Frame, Index } from '../frame.js';

/** Rows `indices` of a column, in that order. */
export function takeColumn(column: Column, indices: ArrayLike<number>): Column {
  const n = indices.length;
  switch (column.dtype) {
    case 'int64':
    case 'float64': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]];
      return { dtype: column.dtype, values };
    }
    case 'bool': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]];
      return { dtype: 'bool', values };
    }
    case 'object': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[indices[i]];
      return { dtype: 'object', codes, dictionary: column.dictionary };
    }
  }
}

/** Rows `start..end` of a column, sharing the buffer where the dtype allows. */
export function sliceColumn(column: Column, start: number, end: number): Column {
  if (column.dtype === 'object') return { dtype: 'object', codes: column.codes.subarray(start, end), dictionary: column.dictionary };
  if (column.dtype === 'bool') return { dtype: 'bool', values: column.values.subarray(start, end) };
  return { dtype: column.dtype, values: column.values.subarray(start, end) };
}

/** The positions of a RangeIndex as an int64 column. */
export function rangeValues(index: Extract<Index, { kind: 'range' }>, length: number): Column {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) values[i] = index.start + index.step * i;
  return { dtype: 'int64', values };
}

/** The index of rows `indices`. */
export function takeIndex(index: Index, length: number, indices: ArrayLike<number>): Index {
  if (index.kind === 'range') return { kind: 'labels', levels: [takeColumn(rangeValues(index, length), indices)], names: [index.name] };
  return { kind: 'labels', levels: index.levels.map((level) => takeColumn(level, indices)), names: index.names.slice() };
}

/** Rows `indices` of a frame (pandas' `df.take(indices)`). */
export function takeRows(frame: Frame, indices: ArrayLike<number>): Frame {
  return {
    kind: 'frame',
    names: frame.names.slice(),
    columns: frame.columns.map((c) => takeColumn(c, indices)),
    index: takeIndex(frame.index, frame.length, indices),
    length: indices.length,
  };
}

/** Rows `start..end` of a frame (pandas' `df.iloc[start:end]`): a RangeIndex stays a range. */
export function sliceRows(frame: Frame, start: number, end: number): Frame {
  const index: Index =
    frame.index.kind === 'range'
      ? { kind: 'range', start: frame.index.start + frame.index.step * start, step: frame.index.step, name: frame.index.name }
      : { kind: 'labels', levels: frame.index.levels.map((l) => sliceColumn(l, start, end)), names: frame.index.names.slice() };
  return { kind: 'frame', names: frame.names.slice(), columns: frame.columns.map((c) => sliceColumn(c, start, end)), index, length: end - start };
}

/** A frame with the same columns and no rows, its index kind kept (pandas' `df.iloc[:0]`). */
export function emptyLike(frame: Frame): Frame {
  return sliceRows(frame, 0, 0);
}
