import type { Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';

/** `s.to_frame(name=)`: a one-column frame named `name`, else the series' name, else 0 (pandas' default label). */
export function seriesToFrame(series: Series, name?: Label): Frame {
  return { kind: 'frame', names: [name ?? series.name ?? 0], columns: [series.column], index: series.index, length: series.length };
}

/** The schema of `s.to_frame(name=)`. */
export function seriesToFrameMeta(meta: SeriesMeta, name?: Label): FrameMeta {
  return { kind: 'frame', columns: [{ name: name ?? meta.name ?? 0, dtype: meta.dtype }], index: meta.index };
}
