import { WeftError } from '../../errors.js';
import type { Column, DType, Label } from '../frame.js';
import { type CsvOptions, forcedDtype } from './csv-options.js';
import { DictBuilder, FLOAT_FLAG, FNV_OFFSET, FNV_PRIME, NA_FLAG, NEGATIVE_ZERO_FLAG, NumericBuilder, latin1 } from './column-builders.js';

/**
 * `pd.read_csv` of one buffer with the C parser's defaults (pandas 1.5: tokenizer.c and parsers.pyx), into columns.
 *
 * Policy, as the C tokenizer has it:
 * - Records end at `\n`, `\r\n` or a lone `\r`. Blank lines and lines of only spaces/tabs are skipped (and counted in
 *   the line numbers of errors). A UTF-8 BOM at the very start is dropped.
 * - A field is quoted only if `"` is its first character; inside, `""` is a quote and newlines and the separator are
 *   text; after the closing quote any further characters join the field. A `"` inside an unquoted field is text.
 * - The header is the record at row `header` (non-blank records counted); duplicate names become `a.1`, `a.2`, and an
 *   empty one `Unnamed: i`. `names` replaces it; with no header row the columns are 0..n-1 for the first record's n.
 * - A short record is padded with missing values; a longer one than the first data row is pandas' "Expected N
 *   fields in line L, saw M" (not with `usecols`); a first data row longer than the header would make pandas infer
 *   index columns, which Weft refuses.
 * - `usecols` (all names or all positions) picks columns, kept in file order; the others are scanned, never parsed.
 * - Each column is typed per chunk of rows as pandas' low_memory reader does (column-builders.ts).
 */

/** What to read, beyond the checked keywords. */
export interface TableRequest {
  options: CsvOptions;
  /** The header row pandas reads: a row number, or null for none (see `effectiveHeader`). */
  header: number | null;
  /** pandas' `nrows`: stop after this many data rows. */
  nrows?: number | null;
  /** A projection after `usecols`: only these labels are materialised; null keeps them all. */
  columns?: Label[] | null;
  /** The dtype each label is expected to have (Dask's meta): numeric ones take the parse-while-scanning path. */
  expected?: ReadonlyMap<string, DType> | null;
}

/** The columns read, in file order. */
export interface Table {
  names: Label[];
  columns: Column[];
  length: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/** pandas' ParserError from the tokenizer; its messages differ in whether they end with a newline. */
function parserError(message: string): WeftError {
  return new WeftError('BAD_INPUT', `Error tokenizing data. C error: ${message}`);
}

/** pandas' `buffer_lines`: the largest power of two below 2**20 / width (at least 1). */
export function bufferLines(width: number): number {
  const heuristic = Math.floor(2 ** 20 / Math.max(width, 1));
  let lines = 1;
  while (lines * 2 < heuristic) lines *= 2;
  return lines;
}

/** Dedupes header names as pandas' `mangle_dupe_cols` does, naming empty ones `Unnamed: i`. */
export function mangleNames(fields: string[]): string[] {
  const counts = new Map<string, number>();
  return fields.map((field, i) => {
    let name = field === '' ? `Unnamed: ${i}` : field;
    let count = counts.get(name) ?? 0;
    while (count > 0) {
      counts.set(name, count + 1);
      name = `${name}.${count}`;
      count = counts.get(name) ?? 0;
    }
    counts.set(name, count + 1);
    return name;
  });
}

const UTF8 = new TextDecoder('utf-8');

/** The tokenizer over one buffer; `pos` moves through it. */
class Scanner {
  pos: number;
  /** Lines consumed, blank ones included: pandas' `file_lines`, for its messages. */
  fileLines = 0;
  /** A quoted field's text, unescaped. */
  quoted = new Uint8Array(256);
  quotedLength = 0;

  constructor(readonly buf: Uint8Array, readonly sep: number) {
    const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    this.pos = bom ? 3 : 0;
  }

  /** Skips blank and whitespace-only lines; false at the end of the buffer. */
  toRecord(): boolean {
    const buf = this.buf;
    const n = buf.length;
    const sep = this.sep;
    for (;;) {
      if (this.pos >= n) return false;
      const c = buf[this.pos];
      if (c === LF) {
        this.pos++;
        this.fileLines++;
      } else if (c === CR) {
        this.pos++;
        if (buf[this.pos] === LF) this.pos++;
        this.fileLines++;
      } else if ((c === SPACE || c === TAB) && c !== sep) {
        let p = this.pos;
        while (p < n && (buf[p] === SPACE || buf[p] === TAB) && buf[p] !== sep) p++;
        if (p >= n) {
          this.pos = p;
          return false;
        }
        if (buf[p] !== LF && buf[p] !== CR) return true;
        this.pos = p;
      } else return true;
    }
  }

  /** Reads a quoted field starting at `pos` (on its quote) into `quoted`; returns the position after it. */
  readQuoted(pos: number): number {
    const buf = this.buf;
    const n = buf.length;
    const sep = this.sep;
    let length = 0;
    let p = pos + 1;
    for (;;) {
      if (p >= n) throw parserError(`EOF inside string starting at row ${this.fileLines}`);
      const c = buf[p++];
      if (c === QUOTE) {
        if (buf[p] === QUOTE) {
          p++;
        } else break;
      }
      if (length === this.quoted.length) this.growQuoted();
      this.quoted[length++] = c;
    }
    // After the closing quote the field goes on, unquoted, to the separator or the line's end.
    while (p < n) {
      const c = buf[p];
      if (c === sep || c === LF || c === CR) break;
      if (length === this.quoted.length) this.growQuoted();
      this.quoted[length++] = c;
      p++;
    }
    this.quotedLength = length;
    return p;
  }

  private growQuoted(): void {
    const next = new Uint8Array(this.quoted.length * 2);
    next.set(this.quoted);
    this.quoted = next;
  }

  /** One whole record as texts (header rows, the first row's width); null at the end. */
  readRecord(): string[] | null {
    if (!this.toRecord()) return null;
    const buf = this.buf;
    const n = buf.length;
    const fields: string[] = [];
    let pos = this.pos;
    for (;;) {
      if (buf[pos] === QUOTE && pos < n) {
        pos = this.readQuoted(pos);
        fields.push(UTF8.decode(this.quoted.subarray(0, this.quotedLength)));
      } else {
        const start = pos;
        while (pos < n && buf[pos] !== this.sep && buf[pos] !== LF && buf[pos] !== CR) pos++;
        fields.push(UTF8.decode(buf.subarray(start, pos)));
      }
      if (pos >= n) break;
      const t = buf[pos++];
      if (t === this.sep) continue;
      if (t === CR && buf[pos] === LF) pos++;
      break;
    }
    this.pos = pos;
    this.fileLines++;
    return fields;
  }
}

/** Where each file position's fields go: nowhere, a numeric builder or a dictionary. */
interface Plan {
  kinds: Int8Array;
  numeric: Array<NumericBuilder | null>;
  dict: Array<DictBuilder | null>;
  /** Flags of the current chunk per column, handed to the numeric builders when the chunk ends. */
  pending: Uint8Array;
}

const SKIP = 0;
const NUMERIC = 1;
const DICT = 2;

/** Reads `bytes` as `pd.read_csv` would, typing each chosen column. */
export function readTable(bytes: Uint8Array, request: TableRequest): Table {
  const { options } = request;
  // A plain Uint8Array view (not a Node Buffer): the byte loops then see one array type only.
  const scanner = new Scanner(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options.sep);
  // The file's own width: the header row's fields, or the first record's.
  let fileWidth: number;
  let headerNames: string[] | null = null;
  if (request.header !== null) {
    let record: string[] | null = null;
    for (let row = 0; row <= request.header; row++) {
      record = scanner.readRecord();
      if (record === null) break;
    }
    if (record === null) throw new WeftError('BAD_INPUT', 'No columns to parse from file');
    headerNames = mangleNames(record);
    fileWidth = record.length;
  } else {
    const start = scanner.pos;
    const first = scanner.readRecord();
    scanner.pos = start;
    scanner.fileLines = 0;
    if (first === null && options.names === null) throw new WeftError('BAD_INPUT', 'No columns to parse from file');
    fileWidth = first?.length ?? 0;
  }
  const { names, usecols } = options;
  // pandas' `_get_column_name`: names as long as usecols name the chosen columns, not the file's.
  const namesForUsecols = names !== null && usecols !== null && names.length === usecols.length && names.length !== fileWidth;
  const width = namesForUsecols ? fileWidth : (names?.length ?? fileWidth);
  let selected: number[];
  let outLabels: Label[];
  if (namesForUsecols) {
    selected = [];
    outLabels = [];
    for (let i = 0; i < width && selected.length < names.length; i++) {
      const name = names[selected.length];
      if (usecols.includes(i) || usecols.includes(name)) {
        selected.push(i);
        outLabels.push(name);
      }
    }
  } else {
    const labels: Label[] = names ?? headerNames ?? Array.from({ length: width }, (_, i) => i);
    selected = selectPositions(labels, width, usecols);
    outLabels = selected.map((position) => labels[position]);
  }
  const wanted = request.columns ? new Set(request.columns.map(String)) : null;
  const chunkShift = Math.log2(bufferLines(width));
  const capacity = estimateRows(bytes, scanner.pos);
  const plan: Plan = { kinds: new Int8Array(width), numeric: new Array(width).fill(null), dict: new Array(width).fill(null), pending: new Uint8Array(width) };
  const outputs: Array<{ label: Label; position: number; forced: DType | null }> = [];
  selected.forEach((position, i) => {
    const label = outLabels[i];
    if (wanted !== null && !wanted.has(String(label))) return;
    const forced = forcedDtype(options.dtype, label);
    const expected = forced ?? request.expected?.get(String(label)) ?? null;
    if (expected === 'int64' || expected === 'float64') {
      plan.kinds[position] = NUMERIC;
      plan.numeric[position] = new NumericBuilder(capacity, chunkShift);
    } else {
      plan.kinds[position] = DICT;
      plan.dict[position] = new DictBuilder(capacity, chunkShift);
    }
    outputs.push({ label, position, forced });
  });
  const dataStart = { pos: scanner.pos, fileLines: scanner.fileLines };
  const limits = { width, nrows: request.nrows ?? Infinity, checkWidth: options.usecols === null };
  const length = scan(scanner, plan, limits);
  flushLastFlags(plan, length);
  const numericColumns = outputs.map(({ position, forced }) => plan.numeric[position]?.finish(length, forced) ?? null);
  // Columns that were not all numbers are read again as texts, together in one more pass, for pandas' exact types
  // and errors.
  const again: Plan = { kinds: new Int8Array(width), numeric: new Array(width).fill(null), dict: new Array(width).fill(null), pending: new Uint8Array(width) };
  let rescan = false;
  outputs.forEach(({ position }, i) => {
    if (plan.numeric[position] !== null && numericColumns[i] === null) {
      again.kinds[position] = DICT;
      again.dict[position] = new DictBuilder(Math.max(length, 1), chunkShift);
      rescan = true;
    }
  });
  if (rescan) {
    scanner.pos = dataStart.pos;
    scanner.fileLines = dataStart.fileLines;
    flushLastFlags(again, scan(scanner, again, limits));
  }
  const columns: Column[] = outputs.map(({ position, forced }, i) => {
    const numeric = numericColumns[i];
    if (numeric !== null) return numeric;
    const dict = again.dict[position] ?? plan.dict[position]!;
    return dict.finish(length, forced, position);
  });
  return { names: outputs.map((o) => o.label), columns, length };
}

/** The file positions `usecols` keeps, in file order; pandas' error for a name that is not a column. */
function selectPositions(labels: Label[], width: number, usecols: Label[] | null): number[] {
  const all = Array.from({ length: width }, (_, i) => i);
  if (usecols === null) return all;
  if (usecols.every((u) => typeof u === 'number')) return all.filter((i) => usecols.includes(i));
  const missing = usecols.filter((u) => !labels.includes(u));
  if (missing.length > 0) {
    throw new WeftError('BAD_PARAM', `Usecols do not match columns, columns expected but not found: [${missing.map((m) => `'${String(m)}'`).join(', ')}]`);
  }
  return all.filter((i) => usecols.includes(labels[i]));
}

/** A generous row count from the bytes per row of the first rows, so arrays rarely grow. */
function estimateRows(bytes: Uint8Array, from: number): number {
  const probe = Math.min(bytes.length, from + 65536);
  let lines = 0;
  for (let i = from; i < probe; i++) if (bytes[i] === LF) lines++;
  if (lines === 0) return 1024;
  return Math.ceil(((bytes.length - from) / (probe - from)) * lines * 1.02) + 16;
}

function growPlan(plan: Plan, capacity: number): void {
  for (const b of plan.numeric) b?.grow(capacity);
  for (const b of plan.dict) b?.grow(capacity);
}

function capacityOf(plan: Plan): number {
  for (const b of plan.numeric) if (b) return b.values.length;
  for (const b of plan.dict) if (b) return b.codes.length;
  return Infinity;
}

/** The row by which `scan` has handed its flags on once (see `chunkEnd`). */
const FIRST_FLUSH_ROW = 64;

const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The data rows' loop: every field is found, and parsed only if its column is planned. A numeric column's digits
 * are read as the field's end is looked for (one pass over its bytes), a dictionary column's bytes hashed likewise.
 * Returns the row count.
 */
function scan(scanner: Scanner, plan: Plan, limits: { width: number; nrows: number; checkWidth: boolean }): number {
  const buf = scanner.buf;
  const n = buf.length;
  const sep = scanner.sep;
  const width = limits.width;
  const kinds = Int8Array.from(plan.kinds);
  const numeric = plan.numeric;
  const dict = plan.dict;
  let values = valuesOf(numeric);
  const chunkShift = chunkShiftOf(plan);
  // Where the flags gathered so far are handed on: at each chunk's end, and once early in the first chunk (harmless:
  // the builders OR them in). V8 optimizes this loop while it runs (OSR), and code it has not yet seen run has no
  // type feedback: the first time optimized code reaches it, it deoptimizes. A flush first met at row 16,384, and one
  // after the loop, did that on every scan, and the first scan of a process ran at half speed (330 ms against
  // 167 ms on KDD's first column); now the flush has run by row 64, and the last one is the caller's.
  let chunkEnd = Math.min(FIRST_FLUSH_ROW, 2 ** chunkShift);
  const pending = plan.pending;
  let capacity = capacityOf(plan);
  let row = 0;
  while (row < limits.nrows && scanner.toRecord()) {
    if (row === capacity) {
      capacity = Math.ceil(capacity * 1.5) + 16;
      growPlan(plan, capacity);
      values = valuesOf(numeric);
    }
    if (row === chunkEnd) {
      flushFlags(pending, numeric, (row - 1) >>> chunkShift);
      chunkEnd = ((row >>> chunkShift) + 1) << chunkShift;
    }
    let pos = scanner.pos;
    let field = 0;
    for (;;) {
      const kind = field < width ? kinds[field] : SKIP;
      if (pos < n && buf[pos] === QUOTE) {
        pos = scanner.readQuoted(pos);
        if (kind === NUMERIC) {
          const b = numeric[field]!;
          b.add(scanner.quoted, 0, scanner.quotedLength, row);
          if (b.failed) kinds[field] = SKIP;
        } else if (kind === DICT) dict[field]!.add(scanner.quoted, 0, scanner.quotedLength, row);
      } else if (kind === NUMERIC) {
        const start = pos;
        let c = pos < n ? buf[pos] : -1;
        let negative = false;
        if (c === 45 || c === 43) {
          negative = c === 45;
          c = ++pos < n ? buf[pos] : -1;
        }
        let mantissa = 0;
        let digits = 0;
        while (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          digits++;
          c = ++pos < n ? buf[pos] : -1;
        }
        let decimals = -1;
        if (c === 46) {
          decimals = 0;
          c = ++pos < n ? buf[pos] : -1;
          while (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            decimals++;
            c = ++pos < n ? buf[pos] : -1;
          }
        }
        const ended = c === -1 || c === sep || c === LF || c === CR;
        if (ended && digits > 0 && digits <= 15) {
          // Exact digits and one rounding: precise_xstrtod's value (and str_to_int64's for ints).
          if (decimals < 0) {
            values[field][row] = negative ? -mantissa : mantissa;
            if (negative && mantissa === 0) pending[field] |= NEGATIVE_ZERO_FLAG;
          } else {
            const v = mantissa / POW10[decimals];
            values[field][row] = negative ? -v : v;
            pending[field] |= FLOAT_FLAG;
          }
        } else if (ended && pos === start) {
          values[field][row] = NaN;
          pending[field] |= NA_FLAG;
        } else {
          while (pos < n) {
            const d = buf[pos];
            if (d === sep || d === LF || d === CR) break;
            pos++;
          }
          const b = numeric[field]!;
          b.addSlow(latin1(buf, start, pos), row);
          if (b.failed) kinds[field] = SKIP;
        }
      } else if (kind === DICT) {
        const start = pos;
        let h = FNV_OFFSET;
        while (pos < n) {
          const c = buf[pos];
          if (c === sep || c === LF || c === CR) break;
          h = Math.imul(h ^ c, FNV_PRIME);
          pos++;
        }
        dict[field]!.addHashed(buf, start, pos, h, row);
      } else {
        while (pos < n) {
          const c = buf[pos];
          if (c === sep || c === LF || c === CR) break;
          pos++;
        }
      }
      field++;
      if (pos >= n) break;
      const t = buf[pos++];
      if (t === sep) continue;
      if (t === CR && buf[pos] === LF) pos++;
      break;
    }
    if (field > width && limits.checkWidth) {
      if (row === 0) {
        throw new WeftError('BAD_INPUT', `the first data row has ${field} fields but there are ${width} column names: pandas would take the first ${field - width} column(s) as the index (an inferred index_col), which Weft's read_csv does not do; give names for every column`);
      }
      throw parserError(`Expected ${width} fields in line ${scanner.fileLines + 1}, saw ${field}\n`);
    }
    for (; field < width; field++) {
      const kind = kinds[field];
      if (kind === NUMERIC) {
        values[field][row] = NaN;
        pending[field] |= NA_FLAG;
      } else if (kind === DICT) dict[field]!.addMissing(row);
    }
    scanner.pos = pos;
    scanner.fileLines++;
    row++;
  }
  return row;
}

/** Hands a chunk's gathered flags to the numeric builders (kept out of `scan`, whose locals must stay registers). */
function flushFlags(pending: Uint8Array, numeric: Array<NumericBuilder | null>, chunk: number): void {
  for (let f = 0; f < pending.length; f++) {
    if (pending[f] !== 0) numeric[f]!.markChunk(chunk, pending[f]);
    pending[f] = 0;
  }
}

/** After `scan`: the flags of the last chunk (none without rows), handed on here for the reason `chunkEnd` says. */
function flushLastFlags(plan: Plan, rows: number): void {
  if (rows > 0) flushFlags(plan.pending, plan.numeric, (rows - 1) >>> chunkShiftOf(plan));
}

function valuesOf(numeric: Array<NumericBuilder | null>): Float64Array[] {
  // Columns without a numeric builder get an empty array: one element type keeps the loads monomorphic.
  return numeric.map((b) => b?.values ?? EMPTY);
}

const EMPTY = new Float64Array(0);

function chunkShiftOf(plan: Plan): number {
  for (const b of plan.numeric) if (b) return b.chunkShift;
  for (const b of plan.dict) if (b) return b.chunkShift;
  return 0;
}
