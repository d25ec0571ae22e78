/**
 * groupby.agg's `arg` as a grid of ticks: which functions each column is given. The grid reads every form Dask takes
 * and a tick rewrites the spec as a dict of column to functions.
 *
 * Policy:
 * - A name ('sum') or a list (['sum', 'mean']) applies to every column not grouped by: the grid shows it so, and the
 *   first tick spells it out per column, each column keeping the form it had (a name stays a name).
 * - A tick adds a function to its column; a column's single name becomes a list when a second is ticked. A column
 *   new to the spec gets a list (result columns are then ('amount', 'sum') tuples, which name the function), except
 *   in a spec of single names, which stays flat (result columns named by column alone) while it can.
 * - Unticking a column's last function drops the column; unticking everything leaves no value (the param then asks
 *   for one).
 * - Order is the result's column order: columns and functions keep theirs, new ones go last (but integer-like names
 *   first: the spec is a JSON object in the pipeline file, ordered so by JSON.parse, and exported in that order too).
 */

/** A column label as the schema has it (tuple labels of a MultiIndex are never grouped or aggregated by name). */
export type ColumnLabel = string | number;

/** One column's aggregations: a single name, or a list of names. */
export type ColumnFunctions = string | string[];

/** The spec as ordered entries, or null when `arg` is none of Dask's forms (the JSON field then shows it as it is). */
export function aggEntries(arg: unknown, aggregatedColumns: readonly ColumnLabel[]): Array<[ColumnLabel, ColumnFunctions]> | null {
  if (arg === undefined || arg === '') return [];
  if (typeof arg === 'string') return aggregatedColumns.map((c) => [c, arg]);
  if (Array.isArray(arg)) return arg.every((f) => typeof f === 'string') ? aggregatedColumns.map((c) => [c, arg.slice()]) : null;
  if (typeof arg !== 'object' || arg === null) return null;
  const entries = (arg as { entries?: unknown }).entries;
  const pairs: unknown[] = Array.isArray(entries) ? entries : Object.entries(arg);
  const result: Array<[ColumnLabel, ColumnFunctions]> = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [label, funcs] = pair as [unknown, unknown];
    if (typeof label !== 'string' && typeof label !== 'number') return null;
    if (typeof funcs === 'string') result.push([label, funcs]);
    else if (Array.isArray(funcs) && funcs.every((f) => typeof f === 'string')) result.push([label, funcs.slice()]);
    else return null;
  }
  return result;
}

/** The functions ticked for `column`. */
export function tickedFunctions(entries: Array<[ColumnLabel, ColumnFunctions]>, column: ColumnLabel): string[] {
  const found = entries.find(([c]) => c === column);
  return found === undefined ? [] : typeof found[1] === 'string' ? [found[1]] : found[1];
}

/** `arg` with `func` ticked (or unticked) for `column`, by the policy above; undefined when nothing is left ticked. */
export function toggleAggregation(arg: unknown, aggregatedColumns: readonly ColumnLabel[], column: ColumnLabel, func: string, isOn: boolean): unknown {
  const entries = aggEntries(arg, aggregatedColumns) ?? [];
  const at = entries.findIndex(([c]) => c === column);
  if (at === -1) {
    if (!isOn) return arg;
    const isFlat = entries.length > 0 && entries.every(([, f]) => typeof f === 'string');
    entries.push([column, isFlat ? func : [func]]);
  } else {
    const current = tickedFunctions(entries, column);
    const next = isOn ? (current.includes(func) ? current : [...current, func]) : current.filter((f) => f !== func);
    if (next.length === 0) entries.splice(at, 1);
    else entries[at] = [column, next.length === 1 && typeof entries[at][1] === 'string' ? next[0] : next];
  }
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** The group keys named by `by` (one label or a list). */
export function groupKeys(by: unknown): ColumnLabel[] {
  const keys = Array.isArray(by) ? by : [by];
  return keys.filter((k): k is ColumnLabel => typeof k === 'string' || typeof k === 'number');
}
