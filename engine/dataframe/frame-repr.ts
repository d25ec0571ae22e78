import { columnValue, isMissing, type Column, type DType, type Frame, type Index, type Label, type Series } from './frame.js';
import { formatExponent, formatFixed } from './python-number-format.js';
import { adjoin, justify, pprintThing, pyLen, pySlice } from './pandas-text.js';
import { multiIndexLevelValues } from './multi-index-labels.js';
import { makeFloat, PyFloat, PyTuple } from '../values/py-types.js';

/**
 * pandas 1.5.3's `repr(df)` and `repr(series)` as `print(df)` writes them from a script whose stdout is not a
 * terminal: what the plain `weft run` prints. This follows pandas/io/formats/format.py and string.py step by step.
 *
 * Policy (pandas' defaults outside IPython):
 * - `display.max_rows` 60 and `min_rows` 10: more than 60 rows show the first 5 and the last 5 with a `...` row.
 * - `display.max_columns` is 0 outside IPython, which means "fit the terminal": the columns are laid out, and while
 *   the widest line is 80 characters or more (shutil's fallback width when stdout is no terminal) the middle column
 *   is dropped, then the frame keeps half of what is left on each side with a `...` column. Nothing wraps with `\`
 *   (that is `max_columns` > 0, IPython's setting). More than 80 columns are first cut to 40 + 40.
 * - A truncated frame ends with `[N rows x M columns]`; a truncated Series' footer gains `Length: N`.
 * - Floats: a column formats all its shown values with `' .6f'` and strips the zeros every value can lose; it
 *   switches to `' .6e'` when a value is below 1e-6 (and not 0), or when one is above 1e6 and the widest is over
 *   12 characters. Floats in object columns are `' .6f'` with their own zeros stripped, never scientific.
 * - Cells longer than `display.max_colwidth` 50 end in `...`; widths count code points.
 * - pandas quirks kept on purpose: a numeric column's header gets a leading space decided by the dtype of the
 *   column at the same position in the whole frame (not the shown one) once columns are cut; the `...` row's width
 *   is read from the row above it counting the header rows; a missing label in a float MultiIndex level is formatted
 *   with the level's largest value before it is replaced by `NaN`, so it can widen the level's precision; and a
 *   level's 0.0 and -0.0 are one label, printed as whichever comes first.
 */

const MAX_ROWS = 60;
const MIN_ROWS = 10;
/** shutil.get_terminal_size()'s fallback, what pandas sees when stdout is no terminal and COLUMNS is unset. */
const TERMINAL_WIDTH = 80;
const MAX_COLWIDTH = 50;
const PRECISION = 6;

/** Python values of some rows of a column, with the column's dtype: the unit pandas' array formatters take. */
interface Shown {
  dtype: DType;
  values: unknown[];
}

/** Options of {@link frameRepr}. */
export interface FrameReprOptions {
  /**
   * The terminal width pandas would read from shutil (COLUMNS, else the terminal's width, else 80). Default 80, what
   * `print(df)` in a script with its output piped uses; a CLI printing to a terminal may pass the terminal's width.
   */
  terminalWidth?: number;
}

/** pandas' `repr(df)`. */
export function frameRepr(frame: Frame, options: FrameReprOptions = {}): string {
  const terminalWidth = options.terminalWidth ?? TERMINAL_WIDTH;
  if (frame.length === 0 || frame.names.length === 0) {
    // Still "truncated" when it has more than 60 rows or 80 columns, so pandas adds the dimensions.
    const isCut = frame.length > MAX_ROWS || frame.names.length > terminalWidth;
    return emptyFrameRepr(frame) + (isCut ? `\n\n[${frame.length} rows x ${frame.names.length} columns]` : '');
  }
  const view: FrameView = { frame, ...shownRows(frame.length), cols: frame.names.map((_, i) => i), trColNum: null };
  if (frame.names.length > terminalWidth) cutColumns(view, terminalWidth);

  // _fit_strcols_to_terminal_width: drop middle columns until the widest line is under the terminal width.
  const first = strcols(view);
  const widest = adjoin(1, first)
    .split('\n')
    .reduce((m, line) => Math.max(m, pyLen(line)), 0);
  let excess = widest - terminalWidth + 1;
  const widths = first.map(maxWidth);
  while (excess > 0 && widths.length > 1) {
    const mid = roundHalfEven(widths.length / 2);
    excess -= widths[mid] + 1;
    widths.splice(mid, 1);
  }
  const fitted = Math.max(widths.length - 1, 2);
  if (frame.names.length > fitted) cutColumns(view, fitted);

  let text = adjoin(1, strcols(view));
  if (view.trRowNum !== null || view.trColNum !== null) text += `\n\n[${frame.length} rows x ${frame.names.length} columns]`;
  return text;
}

/** pandas' `repr(series)`. */
export function seriesRepr(series: Series): string {
  const { rows, trRowNum } = shownRows(series.length);
  const footer: string[] = [];
  if (series.name !== null) footer.push('Name: ' + pprintThing(series.name));
  if (trRowNum !== null) footer.push(`Length: ${series.length}`);
  footer.push('dtype: ' + series.column.dtype);
  if (series.length === 0) return `Series([], ${footer.join(', ')})`;

  let fmtIndex: string[];
  let hasHeader: boolean;
  const index = series.index;
  if (index.kind === 'labels' && index.levels.length > 1) {
    const levels = index.levels.map((level, i) => [nameText(index.names[i]), ...multiLevelStrings(level, rows)]);
    fmtIndex = adjoin(2, sparsify(levels, 1)).split('\n');
    hasHeader = index.names.some(pyTruthy);
  } else {
    const name = index.kind === 'range' ? index.name : index.names[0];
    fmtIndex = [nameText(name), ...singleIndexStrings(index, rows, trRowNum !== null)];
    hasHeader = name !== null;
  }
  const fmtValues = formatArray(shown(series.column, rows), 'right');
  if (trRowNum !== null) {
    const width = pyLen(fmtValues[trRowNum - 1]);
    fmtValues.splice(trRowNum, 0, justify(width > 3 ? '...' : '..', width, 'center'));
    fmtIndex.splice(trRowNum + 1, 0, '');
  }
  let result = adjoin(3, [fmtIndex.slice(1), fmtValues]);
  if (hasHeader) result = fmtIndex[0] + '\n' + result;
  return result + '\n' + footer.join(', ');
}

interface FrameView {
  frame: Frame;
  /** Positions of the rows shown: all, or the first and last `min_rows / 2`. */
  rows: number[];
  /** Where the `...` row goes (pandas' `tr_row_num`), or null when no row is cut. */
  trRowNum: number | null;
  /** Positions of the columns shown. */
  cols: number[];
  /** How many columns are shown on each side of the `...` column (`tr_col_num`), or null when none is cut. */
  trColNum: number | null;
}

function shownRows(length: number): { rows: number[]; trRowNum: number | null } {
  if (length <= MAX_ROWS) return { rows: Array.from({ length }, (_, i) => i), trRowNum: null };
  const half = Math.floor(Math.min(MIN_ROWS, MAX_ROWS) / 2);
  const rows: number[] = [];
  for (let i = 0; i < half; i++) rows.push(i);
  for (let i = length - half; i < length; i++) rows.push(i);
  return { rows, trRowNum: half };
}

/** `_truncate_horizontally`: keep `fitted // 2` columns of those shown on each side. */
function cutColumns(view: FrameView, fitted: number): void {
  const half = Math.floor(fitted / 2);
  view.cols = [...view.cols.slice(0, half), ...view.cols.slice(view.cols.length - half)];
  view.trColNum = half;
}

/** `get_strcols` plus the dot separators: the index column, then one column of strings per shown column. */
function strcols(view: FrameView): string[][] {
  const { frame, rows, cols } = view;
  const showIndexNames = indexNames(frame.index).some((n) => n !== null);
  const labels = columnLabelStrings(frame, cols);
  const out: string[][] = [];
  cols.forEach((position, i) => {
    const header = showIndexNames ? [labels[i], ''] : [labels[i]];
    const headerWidth = Math.max(...header.map(pyLen));
    const values = makeFixedWidth(formatArray(shown(frame.columns[position], rows), 'right'), 'right', headerWidth);
    const width = Math.max(maxWidth(values), headerWidth);
    out.push([...header.map((h) => justify(h, width, 'right')), ...values]);
  });
  const index = indexColumn(frame, rows, showIndexNames, view.trRowNum !== null);
  out.unshift(index);

  if (view.trColNum !== null) out.splice(view.trColNum + 1, 0, new Array<string>(index.length).fill(' ...'));
  if (view.trRowNum !== null) {
    const rowNum = view.trRowNum;
    const headerRows = index.length - rows.length;
    out.forEach((col, ix) => {
      const isDotCol = view.trColNum !== null && ix === view.trColNum + 1;
      // pandas reads the width at position tr_row_num counting the header rows, not the row above the dots.
      const width = isDotCol ? 4 : pyLen(col[rowNum]);
      const dots = pyLen(col[rowNum]) > 3 || isDotCol ? '...' : '..';
      col.splice(rowNum + headerRows, 0, justify(dots, width, ix === 0 ? 'left' : 'right'));
    });
  }
  return out;
}

/** `_get_formatted_column_labels` for a flat column index. */
function columnLabelStrings(frame: Frame, cols: number[]): string[] {
  const formatted = indexLevelStrings(labelsShown(cols.map((c) => frame.names[c])));
  // pandas pairs the shown labels with the whole frame's dtypes by position (see the policy).
  const leadingSpace = new Map<string, boolean>();
  formatted.forEach((label, i) => {
    if (i < frame.columns.length) leadingSpace.set(label, frame.columns[i].dtype !== 'object');
  });
  return formatted.map((label) => (leadingSpace.get(label) ? ' ' + label : label));
}

/** `_get_formatted_index`: the column header row(s), then the index labels, levels left-justified side by side. */
function indexColumn(frame: Frame, rows: number[], showNames: boolean, isCut: boolean): string[] {
  const index = frame.index;
  const names = indexNames(index);
  let levels: string[][];
  if (index.kind === 'labels' && index.levels.length > 1) {
    levels = index.levels.map((level, i) => [...(showNames ? [nameText(names[i])] : []), ...multiLevelStrings(level, rows)]);
    levels = sparsify(levels, showNames ? 1 : 0);
  } else {
    levels = [[...(showNames ? [nameText(names[0])] : []), ...singleIndexStrings(index, rows, isCut)]];
  }
  const adjoined = adjoin(
    1,
    levels.map((level) => makeFixedWidth(level, 'left')),
  ).split('\n');
  return ['', ...adjoined];
}

function indexNames(index: Index): Array<Label | null> {
  return index.kind === 'range' ? [index.name] : index.names;
}

function nameText(name: Label | null): string {
  return name === null ? '' : pprintThing(name);
}

/** `Index.format()` of a one-level index's shown labels. */
function singleIndexStrings(index: Index, rows: number[], isCut: boolean): string[] {
  if (index.kind === 'labels') return indexLevelStrings(shown(index.levels[0], rows));
  const labels = rows.map((r) => index.start + r * index.step);
  // Head and tail of a RangeIndex concatenate to an Int64Index, which formats differently.
  if (isCut) return indexLevelStrings({ dtype: 'int64', values: labels });
  const width = Math.max(String(labels[0]).length, String(labels[labels.length - 1]).length);
  return labels.map((l) => justify(String(l), width, 'left'));
}

/** One MultiIndex level's shown labels, missing ones as `NaN` (see the policy for how they still count). */
function multiLevelStrings(level: Column, rows: number[]): string[] {
  const values = multiIndexLevelValues(level, rows);
  const missing = values.map(isMissing);
  if (missing.every(Boolean)) return values.map(() => 'NaN');
  let stand: unknown = values.find((_, i) => !missing[i]);
  if (level.dtype === 'float64') stand = Math.max(...(values.filter((_, i) => !missing[i]) as number[]));
  const strings = indexLevelStrings({ dtype: level.dtype, values: values.map((v, i) => (missing[i] ? stand : v)) });
  return strings.map((s, i) => (missing[i] ? 'NaN' : s));
}

/** `Index._format_with_header` without the header: numeric levels left-justified and trimmed at the front. */
function indexLevelStrings(level: Shown): string[] {
  switch (level.dtype) {
    case 'int64':
    case 'float64':
      return trimFront(formatArray(level, 'left'));
    case 'bool':
      return level.values.map((v) => (v ? 'True' : 'False'));
    case 'object': {
      // lib.maybe_convert_objects(safe=True) turns floats with None into a float64 index, where None is NaN.
      const floatsOnly = level.values.some(isFloatValue) && level.values.every((v) => isFloatValue(v) || isMissing(v));
      return level.values.map((v) => ((floatsOnly && isMissing(v)) || (typeof v === 'number' && Number.isNaN(v)) ? 'NaN' : pprintThing(v)));
    }
  }
}

/** Column labels as an index of the dtype pandas gives them (all ints: int64; numbers: float64; else object). */
function labelsShown(labels: Label[]): Shown {
  if (labels.every((l) => typeof l === 'number')) {
    return { dtype: labels.every((l) => Number.isInteger(l)) ? 'int64' : 'float64', values: labels };
  }
  return { dtype: 'object', values: labels };
}

function shown(column: Column, rows: number[]): Shown {
  return { dtype: column.dtype, values: rows.map((r) => columnValue(column, r)) };
}

/** `format_array(values, None, justify=...)` with a leading space, as pandas formats a column, a Series or an index. */
function formatArray(column: Shown, mode: 'left' | 'right'): string[] {
  switch (column.dtype) {
    case 'float64':
      return makeFixedWidth(formatFloats(column.values as number[], mode), mode);
    case 'int64':
      return makeFixedWidth(
        (column.values as number[]).map((v) => (v < 0 ? String(v) : ' ' + String(v === 0 ? 0 : v))),
        mode,
      );
    default:
      return makeFixedWidth(column.values.map(formatObject), mode);
  }
}

/** FloatArrayFormatter: one precision for the whole column, zeros trimmed together, scientific when it must. */
function formatFloats(values: number[], mode: 'left' | 'right'): string[] {
  const na = mode === 'left' ? ' NaN' : 'NaN';
  const withFormat = (format: (v: number) => string): string[] => trimZerosFloat(values.map((v) => (Number.isNaN(v) ? na : format(v))));
  let out = withFormat((v) => formatFixed(v, PRECISION));
  const tooLong = out.reduce((m, s) => Math.max(m, pyLen(s)), 0) > PRECISION + 6;
  const hasLarge = values.some((v) => Math.abs(v) > 1e6);
  const hasSmall = values.some((v) => Math.abs(v) < 1e-6 && Math.abs(v) > 0);
  if (hasSmall || (tooLong && hasLarge)) out = withFormat((v) => formatExponent(v, PRECISION));
  return out;
}

const NUMBER_WITH_DECIMAL = /^\s*[+-]?[0-9]+\.[0-9]*$/;

/** `_trim_zeros_float`: strip a trailing zero from every decimal number while all of them end in one. */
function trimZerosFloat(strings: string[]): string[] {
  let trimmed = strings;
  const shouldTrim = (xs: string[]): boolean => {
    const numbers = xs.filter((x) => NUMBER_WITH_DECIMAL.test(x));
    return numbers.length > 0 && numbers.every((x) => x.endsWith('0'));
  };
  while (shouldTrim(trimmed)) trimmed = trimmed.map((x) => (NUMBER_WITH_DECIMAL.test(x) ? x.slice(0, -1) : x));
  return trimmed.map((x) => (NUMBER_WITH_DECIMAL.test(x) && x.endsWith('.') ? x + '0' : x));
}

/** GenericArrayFormatter's cell: floats as `' .6f'` trimmed alone, missing values as None/NaN, else pprint_thing. */
function formatObject(value: unknown): string {
  if (isFloatValue(value) && !isMissing(value)) {
    let text = formatFixed(value instanceof PyFloat ? value.value : (value as number), PRECISION).replace(/0+$/, '');
    if (text.endsWith('.')) text += '0';
    return text;
  }
  if (value === null || value === undefined) return ' None';
  if (typeof value === 'number' && Number.isNaN(value)) return ' NaN';
  return ' ' + pprintThing(value);
}

function isFloatValue(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** `_make_fixed_width`: cut cells past `max_colwidth` with `...`, then justify all to one width. */
function makeFixedWidth(strings: string[], mode: 'left' | 'right', minimum?: number): string[] {
  if (strings.length === 0) return strings;
  let width = maxWidth(strings);
  if (minimum !== undefined) width = Math.max(minimum, width);
  if (width > MAX_COLWIDTH) width = MAX_COLWIDTH;
  return strings.map((s) => justify(pyLen(s) > width ? pySlice(s, width - 3) + '...' : s, width, mode));
}

function trimFront(strings: string[]): string[] {
  let out = strings;
  while (out.length > 0 && out.every((s) => s[0] === ' ')) out = out.map((s) => s.slice(1));
  return out;
}

/** `sparsify_labels`: a level's label is blanked where it repeats the row above and all levels before it do too. */
function sparsify(levels: string[][], start: number): string[][] {
  const k = levels.length;
  const rows = levels[0].map((_, r) => levels.map((level) => level[r]));
  const result = rows.slice(0, start + 1);
  let prev = rows[start];
  for (const cur of rows.slice(start + 1)) {
    const sparse: string[] = [];
    for (let i = 0; i < k; i++) {
      if (i === k - 1) {
        sparse.push(cur[i]);
        break;
      }
      if (prev[i] === cur[i]) sparse.push('');
      else {
        sparse.push(...cur.slice(i));
        break;
      }
    }
    result.push(sparse);
    prev = cur;
  }
  return levels.map((_, i) => result.map((row) => row[i]));
}

function emptyFrameRepr(frame: Frame): string {
  const columns = pprintThing(frame.names, false);
  return `Empty DataFrame\nColumns: ${columns}\nIndex: ${pprintThing(indexItems(frame.index, frame.length), false)}`;
}

/** The first labels of an index as the Python objects iterating it yields (a MultiIndex: tuples). */
function indexItems(index: Index, fullLength: number): unknown[] {
  // pprint_thing shows at most 100 items and then "...": one more than that is all it needs to see.
  const length = Math.min(fullLength, 101);
  if (index.kind === 'range') return Array.from({ length }, (_, i) => index.start + i * index.step);
  const rows = Array.from({ length }, (_, i) => i);
  if (index.levels.length > 1) {
    const levels = index.levels.map((level) => multiIndexLevelValues(level, rows).map((v) => (level.dtype === 'float64' ? makeFloat(v as number) : v)));
    return rows.map((i) => new PyTuple(levels.map((l) => l[i])));
  }
  const level = index.levels[0];
  return rows.map((i) => {
    const v = columnValue(level, i);
    return level.dtype === 'float64' ? makeFloat(v as number) : v;
  });
}

function maxWidth(strings: readonly string[]): number {
  return strings.reduce((m, s) => Math.max(m, pyLen(s)), 0);
}

/** Python's `round(x)` for a half-integer or integer: ties to even. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  if (x - floor !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's truth value of an index name. */
function pyTruthy(name: Label | null): boolean {
  return name !== null && name !== '' && name !== 0;
}
