import type { Frame, FrameMeta, Label } from '../frame.js';

/**
 * `df.rename(columns=mapping)`: each column whose label is a key takes the mapped label; other labels, and keys that
 * name no column, are left alone (pandas' default `errors='ignore'`). Data is shared, not copied.
 */

/** The mapping as pandas takes it: label → new label. */
export type RenameMapping = ReadonlyMap<Label, Label> | Readonly<Record<string, Label>>;

function renamer(mapping: RenameMapping): (label: Label) => Label {
  if (mapping instanceof Map) return (label) => (mapping.has(label) ? (mapping.get(label) as Label) : label);
  const record = mapping as Readonly<Record<string, Label>>;
  return (label) => (typeof label === 'string' && Object.hasOwn(record, label) ? record[label] : label);
}

/** `df.rename(columns=mapping)` on a partition. */
export function renameColumns(frame: Frame, mapping: RenameMapping): Frame {
  const rename = renamer(mapping);
  return { ...frame, names: frame.names.map(rename) };
}

/** The schema of `df.rename(columns=mapping)`. */
export function renameColumnsMeta(meta: FrameMeta, mapping: RenameMapping): FrameMeta {
  const rename = renamer(mapping);
  return { ...meta, columns: meta.columns.map((c) => ({ name: rename(c.name), dtype: c.dtype })) };
}
