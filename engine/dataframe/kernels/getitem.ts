import type { Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { PandasError, pyReprLabel } from '../pandas-error.js';

/**
 * `df[key]`: a column label gives that column as a Series (named by the label, sharing the index); a list of labels
 * gives a frame of those columns in the list's order (repeats allowed). A missing label is pandas' KeyError, worded
 * as pandas words it for each form.
 */

/** A getitem key: one label, or a list of labels. */
export type GetitemKey = Label | readonly Label[];

function positionOf(names: readonly Label[], label: Label): number {
  return names.findIndex((n) => n === label);
}

function indexRepr(labels: readonly Label[]): string {
  const isInts = labels.length > 0 && labels.every((l) => typeof l === 'number' && Number.isInteger(l));
  return isInts ? `Int64Index([${labels.join(', ')}], dtype='int64')` : `Index([${labels.map(pyReprLabel).join(', ')}], dtype='object')`;
}

/** The columns' positions for `key`, or pandas' KeyError. */
function resolve(names: readonly Label[], key: GetitemKey): number | number[] {
  if (!Array.isArray(key)) {
    const position = positionOf(names, key as Label);
    if (position < 0) throw new PandasError('BAD_PARAM', 'KeyError', pyReprLabel(key));
    return position;
  }
  const positions = (key as readonly Label[]).map((label) => positionOf(names, label));
  const missing = (key as readonly Label[]).filter((_, i) => positions[i] < 0);
  if (missing.length === key.length && key.length > 0) throw new PandasError('BAD_PARAM', 'KeyError', `"None of [${indexRepr(key as Label[])}] are in the [columns]"`);
  if (missing.length > 0) throw new PandasError('BAD_PARAM', 'KeyError', `"${pyReprLabel(missing)} not in index"`);
  return positions;
}

/** `df[key]` on a partition. */
export function getitem(frame: Frame, key: GetitemKey): Frame | Series {
  const at = resolve(frame.names, key);
  if (typeof at === 'number') return { kind: 'series', name: frame.names[at], column: frame.columns[at], index: frame.index, length: frame.length };
  return { kind: 'frame', names: at.map((p) => frame.names[p]), columns: at.map((p) => frame.columns[p]), index: frame.index, length: frame.length };
}

/** The schema of `df[key]`. */
export function getitemMeta(meta: FrameMeta, key: GetitemKey): FrameMeta | SeriesMeta {
  const names = meta.columns.map((c) => c.name);
  const at = resolve(names, key);
  if (typeof at === 'number') return { kind: 'series', name: names[at], dtype: meta.columns[at].dtype, index: meta.index };
  return { kind: 'frame', columns: at.map((p) => ({ ...meta.columns[p] })), index: meta.index };
}
