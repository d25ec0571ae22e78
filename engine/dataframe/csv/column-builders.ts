import { WeftError } from '../../errors.js';
import { PyFloat, makeFloat } from '../../values/py-types.js';
import type { Column, DType } from '../frame.js';
import { type ChunkValues, forceChunk, inferChunk } from './chunk-dtypes.js';
import { classifyField } from './pandas-scalars.js';

/**
 * Where one column's fields go while a block is tokenized, and how they become a Frame column.
 *
 * Policy:
 * - A column Dask's meta (or `dtype=`) says is numeric is parsed as it is scanned, straight into a Float64Array,
 *   remembering per chunk of rows whether a field was missing or had a float's syntax. The first field that is not
 *   a number or missing (or an int past 2**53) gives up: the column is scanned again into a dictionary.
 * - Every other column is dictionary-encoded on its raw bytes (an open-addressing table of byte strings, so a
 *   repeated text is neither decoded nor hashed as a JS string). pandas' inference then runs once per distinct text
 *   and chunk (chunk-dtypes.ts), and the chunks are joined as pandas' `_concatenate_chunks` joins them: numeric chunks
 *   promote (bool < int64 < float64); any object chunk makes the column object, the others' values becoming Python
 *   ints, floats and bools in it.
 * Chunks are pandas' `low_memory` reads of `buffer_lines` rows (a power of two under 2**20 / the table's width), so a
 * column that is numeric in one chunk and text in another holds numbers and texts as pandas' does.
 */

/** Chunk flags of a numeric column: a missing field, a field with a float's syntax. */
export const NA_FLAG = 1;
export const FLOAT_FLAG = 2;
/** An int field `-0`: stored as −0.0, which only a chunk that pandas reads as floats keeps. */
export const NEGATIVE_ZERO_FLAG = 4;

/** A column parsed as numbers while scanning. */
export class NumericBuilder {
  values: Float64Array;
  private chunkFlags = new Uint8Array(16);
  /** True once a field was not a number: the column must be read as a dictionary instead. */
  failed = false;

  constructor(capacity: number, readonly chunkShift: number) {
    this.values = new Float64Array(capacity);
  }

  grow(capacity: number): void {
    const next = new Float64Array(capacity);
    next.set(this.values);
    this.values = next;
  }

  private flag(row: number, bit: number): void {
    this.markChunk(row >>> this.chunkShift, bit);
  }

  /** Records flags for a chunk of rows (the scanner gathers them per chunk). */
  markChunk(chunk: number, bit: number): void {
    if (chunk >= this.chunkFlags.length) {
      const next = new Uint8Array(Math.max(chunk + 1, this.chunkFlags.length * 2));
      next.set(this.chunkFlags);
      this.chunkFlags = next;
    }
    this.chunkFlags[chunk] |= bit;
  }

  /** Parses bytes [start, end) of `buf` as pandas reads a number into row `row`. */
  add(buf: Uint8Array, start: number, end: number, row: number): void {
    if (start === end) {
      this.values[row] = NaN;
      this.flag(row, NA_FLAG);
      return;
    }
    // Fast path: [-+]digits[.digits] with at most 15 digits is exact in a double, and one division by an exact
    // power of ten rounds once — the value precise_xstrtod and str_to_int64 give.
    let p = start;
    let c = buf[p];
    let negative = false;
    if (c === 45) {
      negative = true;
      p++;
    } else if (c === 43) p++;
    let mantissa = 0;
    let digits = 0;
    while (p < end) {
      const d = buf[p] - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      p++;
    }
    if (p === end && digits > 0 && digits <= 15) {
      this.values[row] = negative ? -mantissa : mantissa;
      if (negative && mantissa === 0) this.flag(row, NEGATIVE_ZERO_FLAG);
      return;
    }
    if (p < end && buf[p] === 46 && digits <= 15) {
      p++;
      let decimals = 0;
      while (p < end) {
        const d = buf[p] - 48;
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
        digits++;
        decimals++;
        p++;
      }
      if (p === end && digits > 0 && digits <= 15) {
        const value = mantissa / POW10[decimals];
        this.values[row] = negative ? -value : value;
        this.flag(row, FLOAT_FLAG);
        return;
      }
    }
    this.addSlow(latin1(buf, start, end), row);
  }

  /** A field the fast path could not read, as text. */
  addSlow(text: string, row: number): void {
    const c = classifyField(text);
    if (c.kind === 'na') {
      this.values[row] = NaN;
      this.flag(row, NA_FLAG);
    } else if (c.kind === 'int' && c.exact) {
      if (c.value === 0 && text.includes('-')) {
        this.values[row] = -0;
        this.flag(row, NEGATIVE_ZERO_FLAG);
      } else this.values[row] = c.value;
    }
    else if (c.kind === 'float') {
      this.values[row] = c.value;
      this.flag(row, FLOAT_FLAG);
    } else this.failed = true;
  }

  /** A missing field (a short row). */
  addMissing(row: number): void {
    this.values[row] = NaN;
    this.flag(row, NA_FLAG);
  }

  /** The column, or null when it must be read as a dictionary (a forced int64 with a missing or float value). */
  finish(length: number, forced: DType | null): Column | null {
    if (this.failed) return null;
    // No rows: pandas' columns are object.
    if (length === 0) return { dtype: 'object', codes: new Int32Array(0), dictionary: [] };
    let flags = 0;
    const chunkRows = 2 ** this.chunkShift;
    for (let chunk = 0; chunk < this.chunkFlags.length; chunk++) {
      const f = this.chunkFlags[chunk];
      // pandas reads a chunk without float syntax as int64 (upcast if a value is missing): its `-0` is 0.
      if (f & NEGATIVE_ZERO_FLAG && !(f & FLOAT_FLAG)) {
        const to = Math.min(length, (chunk + 1) * chunkRows);
        for (let row = chunk * chunkRows; row < to; row++) if (this.values[row] === 0) this.values[row] = 0;
      }
      flags |= f & (NA_FLAG | FLOAT_FLAG);
    }
    if (forced === 'int64' && flags !== 0) return null;
    const values = trimmed(this.values, length);
    return { dtype: flags === 0 && forced !== 'float64' ? 'int64' : 'float64', values };
  }
}

const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
  return s;
}

/** A view when little capacity is spare, else a copy (a partition should not pin a much larger buffer). */
function trimmed(values: Float64Array, length: number): Float64Array {
  if (values.length === length) return values;
  return length >= values.length * 0.9 ? values.subarray(0, length) : values.slice(0, length);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** FNV-1a over bytes, 32-bit. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** A column dictionary-encoded on its raw bytes while scanning. */
export class DictBuilder {
  codes: Int32Array;
  private pool = new Uint8Array(4096);
  private poolLength = 0;
  private starts = new Int32Array(64);
  private lengths = new Int32Array(64);
  private hashes = new Int32Array(64);
  private count = 0;
  private table = new Int32Array(128).fill(-1);
  private emptyCode = -1;

  constructor(capacity: number, readonly chunkShift: number) {
    this.codes = new Int32Array(capacity);
  }

  grow(capacity: number): void {
    const next = new Int32Array(capacity);
    next.set(this.codes);
    this.codes = next;
  }

  /** Records bytes [start, end) of `buf` as row `row`'s field. */
  add(buf: Uint8Array, start: number, end: number, row: number): void {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
    this.addHashed(buf, start, end, h, row);
  }

  /** `add` with the bytes' FNV-1a hash already computed (the scanner hashes while it looks for the field's end). */
  addHashed(buf: Uint8Array, start: number, end: number, h: number, row: number): void {
    const length = end - start;
    const mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const code = this.table[slot];
      if (code === -1) break;
      if (this.hashes[code] === h && this.lengths[code] === length) {
        const at = this.starts[code];
        let same = true;
        for (let i = 0; i < length; i++) {
          if (this.pool[at + i] !== buf[start + i]) {
            same = false;
            break;
          }
        }
        if (same) {
          this.codes[row] = code;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.codes[row] = this.insert(buf, start, end, h, slot);
  }

  private insert(buf: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const length = end - start;
    if (this.poolLength + length > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length));
      next.set(this.pool.subarray(0, this.poolLength));
      this.pool = next;
    }
    this.pool.set(buf.subarray(start, end), this.poolLength);
    const code = this.count++;
    if (code === this.starts.length) {
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
      this.hashes = grown(this.hashes);
    }
    this.starts[code] = this.poolLength;
    this.lengths[code] = length;
    this.hashes[code] = h;
    this.poolLength += length;
    this.table[slot] = code;
    if (this.count * 2 > this.table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let code = 0; code < this.count; code++) {
      let slot = this.hashes[code] & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = code;
    }
    this.table = table;
  }

  /** A missing field (a short row): the empty text, which pandas reads as missing. */
  addMissing(row: number): void {
    if (this.emptyCode === -1) {
      this.add(new Uint8Array(0), 0, 0, row);
      this.emptyCode = this.codes[row];
    } else this.codes[row] = this.emptyCode;
  }

  /** The distinct texts, decoded as UTF-8 (pandas' default `encoding_errors='strict'`). */
  texts(): string[] {
    const out: string[] = new Array(this.count);
    for (let code = 0; code < this.count; code++) {
      const bytes = this.pool.subarray(this.starts[code], this.starts[code] + this.lengths[code]);
      try {
        out[code] = UTF8.decode(bytes);
      } catch {
        throw new WeftError('BAD_INPUT', `'utf-8' codec can't decode the bytes of the field ${JSON.stringify(latin1(bytes, 0, bytes.length))}: the file is not valid UTF-8 (pandas raises UnicodeDecodeError)`);
      }
    }
    return out;
  }

  /** The column as pandas types it, chunk by chunk; `position` is its index in the file (for pandas' messages). */
  finish(length: number, forced: DType | null, position: number): Column {
    const texts = this.texts();
    const classes = texts.map(classifyField);
    const codes = this.codes;
    const chunkRows = 2 ** this.chunkShift;
    const chunks: ChunkValues[] = [];
    const stamp = new Int32Array(this.count).fill(-1);
    for (let chunk = 0, from = 0; from < length; chunk++, from += chunkRows) {
      const to = Math.min(length, from + chunkRows);
      const present: number[] = [];
      for (let row = from; row < to; row++) {
        const code = codes[row];
        if (stamp[code] !== chunk) {
          stamp[code] = chunk;
          present.push(code);
        }
      }
      const input = { texts, classes, present };
      chunks.push(forced === null ? inferChunk(input) : forceChunk(input, forced, position));
    }
    return joinChunks(chunks, codes, length, chunkRows);
  }
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/** A numeric chunk's value as the Python object pandas puts in an object column. */
function pythonValue(dtype: 'int64' | 'float64' | 'bool', value: number): unknown {
  if (dtype === 'bool') return value === 1;
  if (dtype === 'float64') return makeFloat(value);
  return value;
}

function objectKey(value: unknown): string {
  if (typeof value === 'string') return 's' + value;
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (value instanceof PyFloat) return 'f' + String(value.value);
  const n = value as number;
  if (Number.isNaN(n)) return 'nan';
  return (Number.isInteger(n) ? 'i' : 'f') + String(n);
}

/** pandas' `_concatenate_chunks` for one column. */
function joinChunks(chunks: ChunkValues[], codes: Int32Array, length: number, chunkRows: number): Column {
  if (chunks.length === 0) return { dtype: 'object', codes: new Int32Array(0), dictionary: [] };
  const dtypes = new Set(chunks.map((c) => c.dtype));
  if (!dtypes.has('object')) {
    const dtype: DType = dtypes.has('float64') ? 'float64' : dtypes.has('int64') ? 'int64' : 'bool';
    const values = dtype === 'bool' ? new Uint8Array(length) : new Float64Array(length);
    for (let c = 0; c < chunks.length; c++) {
      const numbers = (chunks[c] as { numbers: Float64Array }).numbers;
      const to = Math.min(length, (c + 1) * chunkRows);
      for (let row = c * chunkRows; row < to; row++) values[row] = numbers[codes[row]];
    }
    return dtype === 'bool' ? { dtype, values: values as Uint8Array } : { dtype, values: values as Float64Array };
  }
  const dictionary: unknown[] = [];
  const index = new Map<string, number>();
  const out = new Int32Array(length);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    const local = new Int32Array(chunk.dtype === 'object' ? chunk.objects.length : chunk.numbers.length).fill(-1);
    const to = Math.min(length, (c + 1) * chunkRows);
    for (let row = c * chunkRows; row < to; row++) {
      const code = codes[row];
      let at: number | undefined = local[code];
      if (at === -1) {
        const value = chunk.dtype === 'object' ? chunk.objects[code] : pythonValue(chunk.dtype, chunk.numbers[code]);
        const key = objectKey(value);
        at = index.get(key);
        if (at === undefined) {
          at = dictionary.length;
          dictionary.push(value);
          index.set(key, at);
        }
        local[code] = at;
      }
      out[row] = at;
    }
  }
  return { dtype: 'object', codes: out, dictionary };
}
