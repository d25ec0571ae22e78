/** A node's schema (column names and dtypes, known before it runs) in the words the canvas and the inspector show. */
import type { ColumnSchema, NodeSchema } from '../electron/ipc/contract.js';

/** The short form on an edge: '42 columns', or a Series' 'Series int64'. */
export function schemaSummary(schema: NodeSchema): string {
  if (schema.kind === 'series') return `Series ${schema.dtype}`;
  return `${schema.columns.length} column${schema.columns.length === 1 ? '' : 's'}`;
}

/**
 * A column label as pandas prints it in a frame's columns: a name as it is, a MultiIndex column as its tuple
 * (`('amount', 'sum')`, which is also how Python code selects it).
 */
export function columnLabel(name: ColumnSchema['name']): string {
  return Array.isArray(name) ? `(${name.map(pythonRepr).join(', ')}${name.length === 1 ? ',' : ''})` : String(name);
}

function pythonRepr(part: string | number): string {
  if (typeof part === 'number') return String(part);
  return part.includes("'") && !part.includes('"') ? `"${part}"` : `'${part.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Each column as `name: dtype`, in order (a Series: its one, named or not). */
export function schemaColumns(schema: NodeSchema): Array<{ name: string; dtype: string }> {
  if (schema.kind === 'series') return [{ name: schema.name === null ? '(unnamed)' : String(schema.name), dtype: schema.dtype }];
  return schema.columns.map((c) => ({ name: columnLabel(c.name), dtype: c.dtype }));
}

/** The index as pandas would describe it: 'RangeIndex', or its levels' names and dtypes. */
export function indexWords(schema: NodeSchema): string {
  const { index } = schema;
  if (index.range) return 'RangeIndex';
  const levels = index.dtypes.map((dtype, i) => (index.names[i] === null ? dtype : `${index.names[i]}: ${dtype}`));
  return levels.length > 1 ? `MultiIndex (${levels.join(', ')})` : `Index ${levels[0]}`;
}

/**
 * The names a column picker offers: a DataFrame's string-or-int column labels (a Series has none to pick, and a
 * tuple label is no name a picker could write).
 */
export function pickableColumns(schema: NodeSchema | undefined): string[] {
  return schema?.kind === 'frame' ? schema.columns.filter((c) => !Array.isArray(c.name)).map((c) => String(c.name)) : [];
}

/**
 * A column ticked or unticked in a picker of names: the first tick gives one name, a second makes a list, and a list
 * stays a list as names come and go (Dask tells `df['a']`, a Series, from `df[['a']]`, a DataFrame; the param's JSON
 * field writes either exactly). Nothing ticked is no value.
 */
export function toggleColumn(value: unknown, name: string, isOn: boolean): unknown {
  if (Array.isArray(value)) {
    const next = isOn ? (value.includes(name) ? value : [...value, name]) : value.filter((v) => v !== name);
    return next.length === 0 ? undefined : next;
  }
  if (typeof value === 'string' && value !== '') {
    if (isOn) return value === name ? value : [value, name];
    return value === name ? undefined : value;
  }
  return isOn ? name : undefined;
}
