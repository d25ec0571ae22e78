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
  return formatGrid(table.title, header, [false, true, true, true, false, false], body, table.notes);
}

/** One row of a table with its own columns: `cells` fill the columns between the name and the target. */
export interface CellsRow {
  name: string;
  cells: string[];
  target: string;
  ok: boolean;
}

/** A section whose rows are more than two medians (memory, throughput): it names its own middle columns. */
export interface CellsTable {
  title: string;
  /** The middle columns; numeric ones are right-aligned. */
  columns: Array<{ header: string; isNumeric: boolean }>;
  rows: CellsRow[];
  notes?: string[];
}

/** Either kind of table as text, ending with a newline. */
export function formatAnyTable(table: BenchTable | CellsTable): string {
  if (!('columns' in table)) return formatTable(table);
  const header = ['pipeline', ...table.columns.map((c) => c.header), 'target', 'ok?'];
  const numeric = [false, ...table.columns.map((c) => c.isNumeric), false, false];
  const body = table.rows.map((r) => [r.name, ...r.cells, r.target, r.ok ? 'yes' : 'NO']);
  return formatGrid(table.title, header, numeric, body, table.notes);
}

function formatGrid(title: string, header: string[], numeric: boolean[], body: string[][], notes: readonly string[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  // Numbers right-aligned so their decimal points line up; text left-aligned.
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return `${title}\n${line(header)}\n${rule}\n${body.map(line).join('\n')}\n${notes.map((n) => `  ${n}\n`).join('')}`;
}

/** The closing line: how many targets the rows of every table meet. */
export function formatSummary(tables: ReadonlyArray<BenchTable | CellsTable>): string {
  const rows = tables.flatMap((t): Array<{ name: string; ok: boolean }> => t.rows);
  const met = rows.filter((r) => r.ok).length;
  const missed = rows.filter((r) => !r.ok).map((r) => r.name);
  return `Targets met: ${met} of ${rows.length}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}\n`;
}
