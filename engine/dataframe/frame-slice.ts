import type { Column, Frame, Index, Series } from './frame.js';

/**
 * Rows `start` to `stop` of a frame or series, as pandas' `iloc[start:stop]`: views of the same typed arrays (no
 * copy), object columns sharing their dictionary, a RangeIndex shifted rather than materialised.
 */
export function sliceRows<T extends Frame | Series>(value: T, start: number, stop: number): T {
  const length = Math.max(0, stop - start);
  const index = sliceIndex(value.index, start, stop);
  if (value.kind === 'frame') return { ...value, names: (value as Frame).names.slice(), columns: value.columns.map((c) => sliceColumn(c, start, stop)), index, length };
  return { ...value, column: sliceColumn((value as Series).column, start, stop), index, length };
}

/** Values `start` to `stop` of a column, as a view. */
export function sliceColumn(column: Column, start: number, stop: number): Column {
  if (column.dtype === 'object') return { dtype: 'object', codes: column.codes.subarray(start, stop), dictionary: column.dictionary };
  if (column.dtype === 'bool') return { dtype: 'bool', values: column.values.subarray(start, stop) };
  return { dtype: column.dtype, values: column.values.subarray(start, stop) };
}

function sliceIndex(index: Index, start: number, stop: number): Index {
  if (index.kind === 'range') return { ...index, start: index.start + start * index.step };
  return { kind: 'labels', levels: index.levels.map((l) => sliceColumn(l, start, stop)), names: index.names.slice() };
}

/** A frame with the same columns and no rows, its index kind kept (pandas' `df.iloc[:0]`). */
export function emptyLike(frame: Frame): Frame {
  return sliceRows(frame, 0, 0);
}
