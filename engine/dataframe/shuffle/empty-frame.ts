import type { Column, DType, Frame, FrameMeta, IndexMeta } from '../frame.js';

/** A column of `dtype` with no rows. */
export function emptyColumn(dtype: DType): Column {
  switch (dtype) {
    case 'int64':
    case 'float64':
      return { dtype, values: new Float64Array(0) };
    case 'bool':
      return { dtype, values: new Uint8Array(0) };
    case 'object':
      return { dtype, codes: new Int32Array(0), dictionary: [] };
  }
}

/** The empty frame a schema stands for: Dask's `_meta`, which an empty shuffle output partition is. */
export function emptyFrame(meta: FrameMeta): Frame {
  return {
    kind: 'frame',
    names: meta.columns.map((c) => c.name),
    columns: meta.columns.map((c) => emptyColumn(c.dtype)),
    index: emptyIndex(meta.index),
    length: 0,
  };
}

function emptyIndex(meta: IndexMeta): Frame['index'] {
  if (meta.range) return { kind: 'range', start: 0, step: 1, name: meta.names[0] ?? null };
  return { kind: 'labels', levels: meta.dtypes.map(emptyColumn), names: meta.names.slice() };
}
