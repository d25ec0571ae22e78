import type { Frame, FrameMeta, Label } from '../frame.js';
import { PandasError, pyReprLabel } from '../pandas-error.js';

/**
 * `df.drop(columns=labels)`: every column whose label is listed goes (all of them where a label repeats); a listed
 * label that names no column is pandas' KeyError "[...] not found in axis", checked before anything is dropped.
 */

function keptPositions(names: readonly Label[], columns: Label | readonly Label[]): number[] {
  const listed = Array.isArray(columns) ? (columns as readonly Label[]) : [columns as Label];
  const missing = listed.filter((label) => !names.includes(label));
  if (missing.length > 0) throw new PandasError('BAD_PARAM', 'KeyError', `"${pyReprLabel(missing)} not found in axis"`);
  const drop = new Set<Label>(listed);
  return names.flatMap((name, i) => (drop.has(name) ? [] : [i]));
}

/** `df.drop(columns=columns)` on a partition. */
export function dropColumns(frame: Frame, columns: Label | readonly Label[]): Frame {
  const kept = keptPositions(frame.names, columns);
  return { ...frame, names: kept.map((i) => frame.names[i]), columns: kept.map((i) => frame.columns[i]) };
}

/** The schema of `df.drop(columns=columns)`. */
export function dropColumnsMeta(meta: FrameMeta, columns: Label | readonly Label[]): FrameMeta {
  const kept = keptPositions(meta.columns.map((c) => c.name), columns);
  return { ...meta, columns: kept.map((i) => ({ ...meta.columns[i] })) };
}
