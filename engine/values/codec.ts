import { NO_RESULT } from './no-result.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from './py-types.js';

/**
 * A compact binary form of Python values, for moving partitions between threads (the buffer is transferred, not
 * copied, and the Python types survive, which structured clone would drop) and for spilling them to disk.
 * Layout: one tag byte per value; numbers as float64; strings as a uint32 byte length and UTF-8; containers as a
 * uint32 count followed by their items. A list of nothing but strings, the commonest partition, is written as one
 * UTF-8 blob with the UTF-16 length of each string, so encoding and decoding it are one native call each instead
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
  /** A list of strings only (a partition of lines, a split record): one UTF-8 blob plus each string's length. */
  StrList = 12,
}

class Writer {
  buf: Buffer;
  pos = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
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

/** Encodes a value into a fresh buffer whose `buffer` can be transferred. */
export function encodeValue(value: unknown): Uint8Array {
  const w = new Writer(256);
  writeValue(w, value);
  return w.buf.subarray(0, w.pos);
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
      if (Array.isArray(value)) return writeItems(w, Tag.List, value);
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
  }
  throw new TypeError(`cannot move a value of JavaScript type ${typeof value} between threads`);
}

function writeItems(w: Writer, tag: Tag, items: readonly unknown[]): void {
  if (tag === Tag.List && items.length > 1 && allStrings(items)) return writeStrList(w, items as string[]);
  w.tag(tag);
  w.u32(items.length);
  for (let i = 0; i < items.length; i++) writeValue(w, items[i]);
}

function allStrings(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') return false;
  return true;
}

function writeStrList(w: Writer, items: string[]): void {
  const blob = items.join('');
  w.ensure(9 + 4 * items.length + blob.length * 3);
  w.buf[w.pos] = Tag.StrList;
  w.buf.writeUInt32LE(items.length, w.pos + 1);
  let at = w.pos + 5;
  for (let i = 0; i < items.length; i++, at += 4) w.buf.writeUInt32LE(items[i].length, at);
  const written = w.buf.write(blob, at + 4, 'utf8');
  w.buf.writeUInt32LE(written, at);
  w.pos = at + 4 + written;
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
    case Tag.StrList: {
      const n = r.buf.readUInt32LE(r.pos);
      const lengthsAt = r.pos + 4;
      const bytesAt = lengthsAt + 4 * n;
      const byteLength = r.buf.readUInt32LE(bytesAt);
      const blob = r.buf.toString('utf8', bytesAt + 4, bytesAt + 4 + byteLength);
      r.pos = bytesAt + 4 + byteLength;
      const items = new Array<string>(n);
      for (let i = 0, start = 0; i < n; i++) {
        const length = r.buf.readUInt32LE(lengthsAt + 4 * i);
        items[i] = blob.slice(start, start + length);
        start += length;
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
