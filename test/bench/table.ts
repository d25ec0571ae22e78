/** Printing the benchmark's tables: one per section, plain text with aligned columns, readable in a CI log. */

/** One measured row: medians in the section's unit, and how the row fares against its target. */
export interface BenchRow {
  name: string;
  weft: number;
  dask: number;
  target: string;
  ok: boolean;
}

/** A section's table: `unit` names the medians' unit in the headers (`s`, `us/task`). */
export interface BenchTable {
  title: string;
  unit: string;
  rows: BenchRow[];
  /** Lines printed under the table: how a number was measured, reference values such as the floor. */
  notes?: string[];
}

/** The table as text, ending with a newline. */
export function formatTable(table: BenchTable): string {
  const header = ['pipeline', `weft median (${table.unit})`, `dask median (${table.unit})`, 'dask/weft', 'target', 'ok?'];
  const digits = table.unit === 's' ? 3 : 1;
  const body = table.rows.map((r) => [r.name, r.weft.toFixed(digits), r.dask.toFixed(digits), `${(r.dask / r.weft).toFixed(2)}x`, r.target, r.ok ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  // Numbers right-aligned so their decimal points line up; text left-aligned.
  const numeric = [false, true, true, true, false, false];
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  const notes = (table.notes ?? []).map((n) => `  ${n}\n`).join('');
  return `${table.title}\n${line(header)}\n${rule}\n${body.map(line).join('\n')}\n${notes}`;
}

/** The closing line: how many targets the rows of every table meet. */
export function formatSummary(tables: readonly BenchTable[]): string {
  const rows = tables.flatMap((t) => t.rows);
  const met = rows.filter((r) => r.ok).length;
  const missed = rows.filter((r) => !r.ok).map((r) => r.name);
  return `Targets met: ${met} of ${rows.length}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}\n`;
}
