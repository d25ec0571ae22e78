import { NO_RESULT } from './no-result.js';
import { concatSegments } from './segments.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from './py-types.js';
import { PyException } from '../expr/py-exception.js';
import { PyGenerator } from '../expr/py-generator.js';
import { decodeFrame, encodeFrameSegments, isFrameValue } from '../dataframe/frame-codec.js';
import { isScalarValue, scalar } from '../dataframe/aggregate/scalar.js';
import type { DType } from '../dataframe/frame.js';
import { lazyPieces, pieceBytes, type LazyPiece } from './lazy-list.js';

/**
 * A compact binary form of Python values, for moving partitions between threads (in shared memory, so not copied,
 * and the Python types survive, which structured clone would drop) and for spilling them to disk.
 * Layout: one tag byte per value; numbers as float64; strings as a uint32 byte length and UTF-8; containers as a
 * uint32 count followed by their items. A list of nothing but strings, the commonest partition, is written as the
 * UTF-16 length of each string (a varint) and one UTF-8 blob, so encoding and decoding it are one native call each instead
 * of one per string (decoding slices the blob, which V8 does without copying long strings).
 */
const enum Tag {
  None = 0,
  False = 1,
  True = 2,
  Int = 3,
  Float = 4,
  Str = 5,
  List = 6,
  Tuple = 7,
  Dict = 8,
  Set = 9,
  FrozenSet = 10,
  NoResult = 11,
  /** A list of strings only (a partition of lines, a split record): each string's length, then one UTF-8 blob. */
  StrList = 12,
  /**
   * A list written element by element ({@link ListEncoder}): uint32 item count, uint32 chunk count, then each chunk
   * as a List or StrList.
   */
  Chunks = 13,
  /**
   * A DataFrame or Series partition: uint32 byte length, a uint8 count of zero bytes that follow, then its columnar
   * encoding (dataframe/frame-codec.ts). The zeros put the encoding at a multiple of 8 from the start of the whole
   * encoding, so that a decoder whose bytes start 8-aligned (a worker's result, a fresh buffer) views its typed arrays
   * in place instead of copying them.
   */
  Frame = 14,
  /** A numpy scalar of a Series reduction's partial (dataframe/aggregate/scalar.ts): its dtype, then its value. */
  Scalar = 15,
}

/** Bytes of text per chunk of a decoded StrList (see strListChunks): well under V8's large-object size. */
const STR_CHUNK_BYTES = 32 * 1024;

/** The bytes of a {@link ListEncoder}'s header: tag, item count, chunk count. */
const LIST_HEADER = 9;

/** Elements per chunk of a {@link ListEncoder}: enough to amortize a chunk's header, few enough to hold in memory. */
const CHUNK_ITEMS = 1024;

/**
 * Where an encoding is written. Small values go into one growing buffer; a frame's column buffers, which can be
 * hundreds of MB, are not copied in but kept as segments of their own between the written parts, so the encoding
 * comes out as a list of segments (see {@link encodeValueSegments}) that the caller copies once, to where it goes.
 */
class Writer {
  buf: Buffer;
  pos = 0;
  /** Segments complete before `buf`, and their total length. */
  private readonly done: Uint8Array[] = [];
  private doneBytes = 0;

  /** `origin`: where in the caller's final buffer this encoding will start (frames are aligned relative to it). */
  constructor(private size: number, private readonly origin = 0) {
    this.buf = Buffer.allocUnsafe(size);
  }
  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  /** The position the next byte will have in the caller's final buffer. */
  get absolute(): number {
    return this.origin + this.doneBytes + this.pos;
  }
  /** Appends segments as they are, after what was written so far. */
  external(segments: readonly Uint8Array[]): void {
    if (this.pos > 0) {
      this.done.push(this.buf.subarray(0, this.pos));
      this.doneBytes += this.pos;
      this.buf = Buffer.allocUnsafe(this.size);
      this.pos = 0;
    }
    for (const s of segments) {
      this.done.push(s);
      this.doneBytes += s.byteLength;
    }
  }
  /** Everything written, in order. */
  segments(): Uint8Array[] {
    return this.pos > 0 ? [...this.done, this.buf.subarray(0, this.pos)] : this.done.slice();
  }
  /** Everything written, as one buffer (a copy only when frames were written). */
  bytes(): Uint8Array {
    if (this.done.length === 0) return this.buf.subarray(0, this.pos);
    return concatSegments(this.segments());
  }
  tag(tag: Tag): void {
    this.ensure(1);
    this.buf[this.pos++] = tag;
  }
  u32(n: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(n, this.pos);
    this.pos += 4;
  }
  f64(tag: Tag, n: number): void {
    this.ensure(9);
    this.buf[this.pos++] = tag;
    this.buf.writeDoubleLE(n, this.pos);
    this.pos += 8;
  }
  str(s: string): void {
    // Reserve the worst case (3 bytes per UTF-16 unit) so the string is written in one native call.
    this.ensure(5 + s.length * 3);
    this.buf[this.pos] = Tag.Str;
    const written = this.buf.write(s, this.pos + 5, 'utf8');
    this.buf.writeUInt32LE(written, this.pos + 1);
    this.pos += 5 + written;
  }
}

/** Alignment of a frame's encoding within the whole encoding (its Float64Arrays must start at multiples of 8). */
const FRAME_ALIGN = 8;

/** Encodes a value into a fresh buffer whose `buffer` can be transferred. */
export function encodeValue(value: unknown): Uint8Array {
  const w = new Writer(256);
  encoding(() => writeValue(w, value));
  return w.bytes();
}

/**
 * {@link encodeValue}'s result as segments to be concatenated, without copying a frame's column buffers into it; a
 * frame is aligned as if the concatenation started at an 8-aligned address.
 */
export function encodeValueSegments(value: unknown): Uint8Array[] {
  const w = new Writer(256);
  encoding(() => writeValue(w, value));
  return w.segments();
}

/**
 * Runs an encoding step, turning what it cannot encode into a Python exception the task reports under its node and
 * partition: a value that is not data (a function, a generator; see {@link unmovable}) is a TypeError naming its
 * Python type, and one nested too deeply, or containing itself, a RecursionError. Dask's threaded scheduler shares
 * memory and would hand such values on; Weft's results cross threads and go to disk as data, so they cannot.
 */
function encoding(step: () => void): void {
  try {
    step();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new PyException('RecursionError', 'maximum recursion depth exceeded while moving a result out of its task (a value nested too deeply, or containing itself)');
    }
    throw e;
  }
}

/** The TypeError for a value the codec cannot write, by its Python type. */
function unmovable(value: unknown): PyException {
  let what: string;
  if (typeof value === 'function') {
    const fn = value as { pyName?: string; pyKind?: string };
    const name = fn.pyName ?? 'function';
    what = fn.pyKind === 'type' ? `a type (${name})` : fn.pyKind === 'builtin' ? `a builtin function (${name})` : `a function (${name})`;
  } else if (value instanceof PyGenerator) {
    what = `a generator (${value.name})`;
  } else if (value === undefined) {
    what = 'an unbound name';
  } else {
    what = `a value of JavaScript type ${typeof value}`;
  }
  return new PyException('TypeError', `the result holds ${what}, which cannot leave its task: results move between threads and to disk as data`);
}

function writeValue(w: Writer, value: unknown): void {
  switch (typeof value) {
    case 'string':
      w.str(value);
      return;
    case 'number':
      w.f64(Number.isInteger(value) ? Tag.Int : Tag.Float, value);
      return;
    case 'boolean':
      w.tag(value ? Tag.True : Tag.False);
      return;
    case 'symbol':
      if (value === NO_RESULT) return w.tag(Tag.NoResult);
      break;
    case 'object':
      if (value === null) return w.tag(Tag.None);
      if (Array.isArray(value)) {
        const pieces = lazyPieces(value);
        return pieces === null ? writeItems(w, Tag.List, value) : writeEncodedLists(w, value.length, pieces);
      }
      if (value instanceof PyTuple) return writeItems(w, Tag.Tuple, value.items);
      if (value instanceof PyFloat) return w.f64(Tag.Float, value.value);
      if (value instanceof PyDict) {
        w.tag(Tag.Dict);
        w.u32(value.size);
        for (const [k, v] of value.items()) {
          writeValue(w, k);
          writeValue(w, v);
        }
        return;
      }
      if (value instanceof PySet) return writeItems(w, value instanceof PyFrozenSet ? Tag.FrozenSet : Tag.Set, [...value]);
      if (isScalarValue(value)) {
        w.tag(Tag.Scalar);
        w.str(value.dtype);
        writeValue(w, value.value);
        return;
      }
      if (isFrameValue(value)) {
        const segments = encodeFrameSegments(value);
        const length = segments.reduce((n, s) => n + s.byteLength, 0);
        w.tag(Tag.Frame);
        w.u32(length);
        const pad = (FRAME_ALIGN - ((w.absolute + 1) % FRAME_ALIGN)) % FRAME_ALIGN;
        w.ensure(1 + pad);
        w.buf[w.pos++] = pad;
        w.buf.fill(0, w.pos, w.pos + pad);
        w.pos += pad;
        w.external(segments);
        return;
      }
  }
  throw unmovable(value);
}

function writeItems(w: Writer, tag: Tag, items: readonly unknown[]): void {
  if (tag === Tag.List && items.length > 1 && allStrings(items)) return writeStrList(w, items as string[]);
  w.tag(tag);
  w.u32(items.length);
  for (let i = 0; i < items.length; i++) writeValue(w, items[i]);
}

/**
 * A lazy list (lazy-list.ts) not yet decoded, as the Chunks of its pieces, which are encoded lists already: copied
 * as they are, never decoded.
 */
function writeEncodedLists(w: Writer, count: number, pieces: readonly LazyPiece[]): void {
  w.tag(Tag.Chunks);
  w.u32(count);
  w.u32(pieces.length);
  w.external(pieces.map(pieceBytes));
}

function allStrings(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') return false;
  return true;
}

/**
 * A StrList string's length at `at`, as an LEB128 varint (fields of a record are short, and four bytes each would
 * double a split line's size); where the next byte goes.
 */
function writeLength(buf: Buffer, at: number, length: number): number {
  while (length >= 0x80) {
    buf[at++] = (length & 0x7f) | 0x80;
    length >>>= 7;
  }
  buf[at++] = length;
  return at;
}

/** Reads `lengths.length` StrList lengths (see writeLength) from `at` into `lengths`; where the text's size follows. */
function readLengths(buf: Buffer, at: number, lengths: number[]): number {
  for (let i = 0; i < lengths.length; i++) {
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = buf[at++];
      length |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    lengths[i] = length;
  }
  return at;
}

function writeStrList(w: Writer, items: string[]): void {
  const blob = items.join('');
  w.ensure(9 + 5 * items.length + blob.length * 3);
  const buf = w.buf;
  buf[w.pos] = Tag.StrList;
  buf.writeUInt32LE(items.length, w.pos + 1);
  let at = w.pos + 5;
  for (let i = 0; i < items.length; i++) at = writeLength(buf, at, items[i].length);
  const written = buf.write(blob, at + 4, 'utf8');
  buf.writeUInt32LE(written, at);
  w.pos = at + 4 + written;
}

/**
 * Encodes a list as its elements arrive, a chunk at a time, so that a partition being built is never held both as
 * objects and as bytes: a 16 MB block split into records is ~100 MB of JavaScript objects, its encoding ~20 MB.
 * The encoding comes out as segments (a header, then one per chunk), which the caller copies to where they go,
 * rather than as one buffer grown by doubling. Decodes as a plain list.
 */
export class ListEncoder {
  private readonly segments: Uint8Array[] = [];
  /** Bytes of the segments so far: where the next chunk starts after the header. */
  private written = 0;
  /** Chunks written (a chunk holding a frame is several segments). */
  private chunks = 0;
  private pending: unknown[] = [];
  private count = 0;
  private chunkBytes = 64 * 1024;

  push(element: unknown): void {
    this.pending.push(element);
    if (this.pending.length === CHUNK_ITEMS) this.flush();
  }

  /** The encoding of every element pushed, in order, as segments to be concatenated. */
  finish(): Uint8Array[] {
    this.flush();
    const header = Buffer.allocUnsafe(LIST_HEADER);
    header[0] = Tag.Chunks;
    header.writeUInt32LE(this.count, 1);
    header.writeUInt32LE(this.chunks, 5);
    return [header, ...this.segments];
  }

  /**
   * Appends lines given as bytes known to be ASCII (so each line's UTF-8 is itself and its length in UTF-16 units is
   * its byte length): line i of `lines` spans `chunk[i === 0 ? start : ends[i - 1], ends[i])`, and lines `from` to
   * `to` are taken. They are written as StrList chunks whose text is the chunk's own bytes, not a copy: what the read
   * of a file hands on without ever making its lines strings (a repartition's pieces).
   */
  pushAsciiLines(chunk: Uint8Array, start: number, ends: Int32Array, from: number, to: number): void {
    this.flush();
    for (let first = from; first < to; first += CHUNK_ITEMS) {
      const last = Math.min(to, first + CHUNK_ITEMS);
      const n = last - first;
      const header = Buffer.allocUnsafe(9 + 5 * n);
      header[0] = Tag.StrList;
      header.writeUInt32LE(n, 1);
      let at = 5;
      let lineStart = first === 0 ? start : ends[first - 1];
      const blobStart = lineStart;
      for (let i = first; i < last; i++) {
        at = writeLength(header, at, ends[i] - lineStart);
        lineStart = ends[i];
      }
      header.writeUInt32LE(lineStart - blobStart, at);
      const head = header.subarray(0, at + 4);
      const blob = chunk.subarray(blobStart, lineStart);
      this.segments.push(head, blob);
      this.written += head.byteLength + blob.byteLength;
      this.chunks++;
      this.count += n;
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    // Sized like the last chunk, so a chunk is usually written without growing its buffer.
    const w = new Writer(this.chunkBytes, LIST_HEADER + this.written);
    encoding(() => writeItems(w, Tag.List, this.pending));
    for (const segment of w.segments()) {
      this.segments.push(segment);
      this.written += segment.byteLength;
    }
    this.chunks++;
    this.chunkBytes = Math.max(256, Math.ceil(w.pos * 1.25));
    this.count += this.pending.length;
    this.pending = [];
  }
}

/**
 * The elements of an encoded list, a chunk of at most a few thousand at a time, decoded only as they are asked
 * for: a task streaming a partition through its pipeline holds one chunk of objects, not the whole partition.
 * Anything but a list is decoded whole and must be one.
 */
export function* decodeListChunks(bytes: Uint8Array): Generator<unknown[]> {
  const r: Reader = { buf: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), pos: 0 };
  switch (r.buf[0] as Tag) {
    case Tag.Chunks: {
      const chunks = r.buf.readUInt32LE(5);
      r.pos = 9;
      for (let i = 0; i < chunks; i++) yield readValue(r) as unknown[];
      return;
    }
    case Tag.List: {
      const n = r.buf.readUInt32LE(1);
      r.pos = 5;
      for (let done = 0; done < n; ) {
        const chunk = new Array<unknown>(Math.min(CHUNK_ITEMS, n - done));
        for (let i = 0; i < chunk.length; i++) chunk[i] = readValue(r);
        done += chunk.length;
        yield chunk;
      }
      return;
    }
    case Tag.StrList:
      yield* strListChunks(r);
      return;
    default: {
      const value = readValue(r);
      if (!Array.isArray(value)) throw new TypeError(`expected an encoded list, found ${typeof value}`);
      yield value;
    }
  }
}

/**
 * A StrList a chunk at a time (at most 32 KB of text), each chunk's strings sliced from a blob of their own: a string sliced from a blob
 * keeps the whole blob alive, so a consumer that keeps a few strings (a set of the distinct lines) keeps their
 * chunks, not the list's whole text. The blob is cut by byte offsets, which equal the UTF-16 lengths only when
 * every character is ASCII: a list with any other character is decoded whole, as one chunk.
 */
function* strListChunks(r: Reader): Generator<unknown[]> {
  const buf = r.buf;
  const n = buf.readUInt32LE(r.pos + 1);
  const lengths = new Array<number>(n);
  const at = readLengths(buf, r.pos + 5, lengths);
  let chars = 0;
  for (let i = 0; i < n; i++) chars += lengths[i];
  const byteLength = buf.readUInt32LE(at);
  if (chars !== byteLength) {
    yield readValue(r) as unknown[];
    return;
  }
  let start = at + 4;
  for (let done = 0; done < n; ) {
    // At most CHUNK_ITEMS strings and, past the first, STR_CHUNK_BYTES: a larger blob is a large object, which V8
    // puts straight into the old generation, to be freed only by a full collection.
    let size = 0;
    let bytes = 0;
    while (done + size < n && size < CHUNK_ITEMS && (size === 0 || bytes + lengths[done + size] <= STR_CHUNK_BYTES)) bytes += lengths[done + size++];
    const chunk = new Array<string>(size);
    const blob = buf.toString('latin1', start, start + bytes);
    for (let i = 0, from = 0; i < chunk.length; i++) {
      chunk[i] = blob.slice(from, from + lengths[done + i]);
      from += lengths[done + i];
    }
    start += bytes;
    done += chunk.length;
    yield chunk;
  }
}

/** One pair of an encoded list of (key, list) pairs: the key decoded, the list left encoded. */
export interface KeyedEncodedList {
  key: unknown;
  /** How many items the list holds. */
  count: number;
  /** The list's encoding: a view of the bytes it was found in, to decode later (decodeListChunks, decodeValue). */
  items: Uint8Array;
}

/**
 * The pairs of an encoded list of 2-tuples `(key, list)` (a groupby's bucket), each key decoded and each list left
 * as a view of its encoding, so that a list is read only when and as far as it is needed.
 */
export function* decodeKeyedLists(bytes: Uint8Array): Generator<KeyedEncodedList> {
  const r: Reader = { buf: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), pos: 0 };
  const pair = (): KeyedEncodedList => {
    if (r.buf[r.pos] !== Tag.Tuple || r.buf.readUInt32LE(r.pos + 1) !== 2) throw new TypeError('expected an encoded (key, list) pair');
    r.pos += 5;
    const key = readValue(r);
    const start = r.pos;
    const tag = r.buf[start] as Tag;
    if (tag !== Tag.List && tag !== Tag.StrList && tag !== Tag.Chunks) throw new TypeError(`expected an encoded list, found tag ${tag}`);
    const count = r.buf.readUInt32LE(start + 1);
    skipValue(r);
    return { key, count, items: r.buf.subarray(start, r.pos) };
  };
  const tag = r.buf[0] as Tag;
  if (tag === Tag.List) {
    const n = r.buf.readUInt32LE(1);
    r.pos = 5;
    for (let i = 0; i < n; i++) yield pair();
  } else if (tag === Tag.Chunks) {
    const chunks = r.buf.readUInt32LE(5);
    r.pos = 9;
    for (let c = 0; c < chunks; c++) {
      if (r.buf[r.pos] !== Tag.List) throw new TypeError('expected an encoded list of pairs');
      const n = r.buf.readUInt32LE(r.pos + 1);
      r.pos += 5;
      for (let i = 0; i < n; i++) yield pair();
    }
  } else {
    throw new TypeError(`expected an encoded list of pairs, found tag ${tag}`);
  }
}

/** Moves past one encoded value without building it. */
function skipValue(r: Reader): void {
  const buf = r.buf;
  const tag = buf[r.pos++] as Tag;
  switch (tag) {
    case Tag.None:
    case Tag.False:
    case Tag.True:
    case Tag.NoResult:
      return;
    case Tag.Int:
    case Tag.Float:
      r.pos += 8;
      return;
    case Tag.Str:
      r.pos += 4 + buf.readUInt32LE(r.pos);
      return;
    case Tag.List:
    case Tag.Tuple:
    case Tag.Set:
    case Tag.FrozenSet:
    case Tag.Dict: {
      const n = buf.readUInt32LE(r.pos) * (tag === Tag.Dict ? 2 : 1);
      r.pos += 4;
      for (let i = 0; i < n; i++) skipValue(r);
      return;
    }
    case Tag.Scalar:
      skipValue(r);
      skipValue(r);
      return;
    case Tag.Frame:
      r.pos += 5 + buf[r.pos + 4] + buf.readUInt32LE(r.pos);
      return;
    case Tag.Chunks: {
      const chunks = buf.readUInt32LE(r.pos + 4);
      r.pos += 8;
      for (let c = 0; c < chunks; c++) skipValue(r);
      return;
    }
    case Tag.StrList: {
      const n = buf.readUInt32LE(r.pos);
      let at = r.pos + 4;
      for (let i = 0; i < n; i++) while (buf[at++] >= 0x80);
      r.pos = at + 4 + buf.readUInt32LE(at);
      return;
    }
    default:
      throw new Error(`corrupt value encoding: tag ${tag} at byte ${r.pos - 1}`);
  }
}

/** Decodes what {@link encodeValue} wrote. */
export function decodeValue(bytes: Uint8Array): unknown {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { buf, pos: 0 };
  return readValue(reader);
}

interface Reader {
  buf: Buffer;
  pos: number;
}

function readValue(r: Reader): unknown {
  const tag = r.buf[r.pos++] as Tag;
  switch (tag) {
    case Tag.None:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Int: {
      const n = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
      return n;
    }
    case Tag.Float: {
      const n = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
      return Number.isInteger(n) ? new PyFloat(n) : n;
    }
    case Tag.Str: {
      const len = r.buf.readUInt32LE(r.pos);
      const start = r.pos + 4;
      r.pos = start + len;
      return r.buf.toString('utf8', start, start + len);
    }
    case Tag.List:
      return readItems(r);
    case Tag.Tuple:
      return new PyTuple(readItems(r));
    case Tag.Dict: {
      const n = r.buf.readUInt32LE(r.pos);
      r.pos += 4;
      const dict = new PyDict();
      for (let i = 0; i < n; i++) {
        const k = readValue(r);
        dict.set(k, readValue(r));
      }
      return dict;
    }
    case Tag.Set:
      return new PySet(readItems(r));
    case Tag.FrozenSet:
      return new PyFrozenSet(readItems(r));
    case Tag.NoResult:
      return NO_RESULT;
    case Tag.Scalar: {
      const dtype = readValue(r) as DType;
      return scalar(dtype, readValue(r));
    }
    case Tag.Frame: {
      const length = r.buf.readUInt32LE(r.pos);
      const start = r.pos + 5 + r.buf[r.pos + 4];
      r.pos = start + length;
      // decodeFrame views the bytes when they are 8-aligned: the frame then lives as long as the buffer it came in.
      return decodeFrame(r.buf.subarray(start, start + length));
    }
    case Tag.Chunks: {
      const n = r.buf.readUInt32LE(r.pos);
      const chunks = r.buf.readUInt32LE(r.pos + 4);
      r.pos += 8;
      const items = new Array<unknown>(n);
      for (let c = 0, at = 0; c < chunks; c++) {
        const chunk = readValue(r) as unknown[];
        for (let i = 0; i < chunk.length; i++) items[at++] = chunk[i];
      }
      return items;
    }
    case Tag.StrList: {
      const buf = r.buf;
      const n = buf.readUInt32LE(r.pos);
      const lengths = new Array<number>(n);
      const at = readLengths(buf, r.pos + 4, lengths);
      const byteLength = buf.readUInt32LE(at);
      const blob = buf.toString('utf8', at + 4, at + 4 + byteLength);
      r.pos = at + 4 + byteLength;
      const items = new Array<string>(n);
      for (let i = 0, start = 0; i < n; i++) {
        items[i] = blob.slice(start, start + lengths[i]);
        start += lengths[i];
      }
      return items;
    }
    default:
      throw new Error(`corrupt value encoding: tag ${tag} at byte ${r.pos - 1}`);
  }
}

function readItems(r: Reader): unknown[] {
  const n = r.buf.readUInt32LE(r.pos);
  r.pos += 4;
  const items = new Array<unknown>(n);
  for (let i = 0; i < n; i++) items[i] = readValue(r);
  return items;
}
