import { formatFloat } from '../../values/float-format.js';
import { pyStr } from '../../values/repr.js';
import { columnValue, isMissing, type Column, type Frame, type Index, type Label } from '../frame.js';
import { multiIndexLevelValues } from '../multi-index-labels.js';

/**
 * pandas 1.5's `DataFrame.to_csv(f, index=, header=)` text, with its defaults (sep ',', na_rep '', '\n' line ends,
 * csv.QUOTE_MINIMAL with '"' doubled inside quotes), which is what Dask's `to_csv` writes for each partition.
 *
 * Policy:
 * - A float prints as numpy's `str` of a float64, Python's repr (`1.0`, `1e-05`, `inf`); NaN is the empty field. An
 *   int prints as digits, a bool as `True`/`False`, an object value as `str(value)` with None and NaN empty.
 * - With `index`, the index's levels come first (a RangeIndex as its integers); their header cells are the level
 *   names, empty where a level has none. A MultiIndex label's missing level prints empty.
 * - A field is quoted when it holds the separator, a quote, '\r' or '\n'; a row of one empty field is written `""`
 *   (Python's csv writer cannot otherwise tell it from no row).
 */

/** One cell of a column as pandas writes it. */
function cell(value: unknown, dtype: Column['dtype']): string {
  switch (dtype) {
    case 'float64':
      return Number.isNaN(value as number) ? '' : formatFloat(value as number);
    case 'int64':
      return String(value === 0 ? 0 : value);
    case 'bool':
      return value ? 'True' : 'False';
    case 'object':
      if (isMissing(value)) return '';
      if (typeof value === 'number' && !Number.isInteger(value)) return formatFloat(value);
      return pyStr(value);
  }
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function columnCells(column: Column, length: number): string[] {
  return Array.from({ length }, (_, i) => cell(columnValue(column, i), column.dtype));
}

function indexCells(index: Index, length: number): string[][] {
  if (index.kind === 'range') return [Array.from({ length }, (_, i) => String(index.start + i * index.step))];
  if (index.levels.length === 1) return [columnCells(index.levels[0], length)];
  const rows = Array.from({ length }, (_, i) => i);
  return index.levels.map((level) => multiIndexLevelValues(level, rows).map((v) => (isMissing(v) ? '' : cell(v, level.dtype))));
}

function indexNames(index: Index): Array<Label | null> {
  return index.kind === 'range' ? [index.name] : index.names;
}

function row(fields: string[]): string {
  if (fields.length === 1 && fields[0] === '') return '""\n';
  return fields.map(quote).join(',') + '\n';
}

/** A frame as the text `frame.to_csv(index=index, header=header)` writes. */
export function frameToCsv(frame: Frame, options: { index: boolean; header: boolean }): string {
  const columns: string[][] = frame.columns.map((c) => columnCells(c, frame.length));
  if (options.index) columns.unshift(...indexCells(frame.index, frame.length));
  const lines: string[] = [];
  if (options.header) {
    const names = frame.names.map((n) => pyStr(n));
    lines.push(row(options.index ? [...indexNames(frame.index).map((n) => (n === null ? '' : pyStr(n))), ...names] : names));
  }
  for (let i = 0; i < frame.length; i++) lines.push(row(columns.map((c) => c[i])));
  return lines.join('');
}
