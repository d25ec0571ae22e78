/**
 * pandas' `hash_pandas_object(obj, index=False)` (pandas 1.5.3, pandas/core/util/hashing.py) and Dask's
 * `partitioning_index` (`hash % npartitions`), the hash every Dask hash shuffle routes rows by, so that a row lands
 * in the partition Dask would put it in.
 *
 * Policy:
 * - A hash is a uint64, held as two Uint32Arrays (`hi`, `lo`): BigInt per row is an allocation per row, and the
 *   KDD file has 494k rows. Multiplication mod 2**64 is done on 16-bit pieces.
 * - int64 hashes the two's complement bits, float64 its IEEE bits as they are (pandas does not fold -0.0 into 0.0;
 *   NaN is the canonical quiet NaN 0x7ff8000000000000, which is what numpy's and JavaScript's NaN hold), bool 0/1;
 *   then pandas' splitmix finaliser (`^ >>30, * 0xbf58476d1ce4e5b9, ^ >>27, * 0x94d049bb133111eb, ^ >>31`).
 * - object follows `_hash_ndarray(categorize=True)`: pandas factorises, so a missing value (None, NaN) hashes to
 *   2**64 − 1 without mixing, and the distinct values present are hashed once as `Index._with_infer` types them:
 *   all integers as int64, all numbers as float64, all bools as bool, all strings by SipHash-2-4 of their UTF-8 with
 *   key '0123456789123456' (then mixed); any other mix as SipHash of Python's `str()` of each value (the TypeError
 *   fallback). Weft factorises the dictionary entries the partition uses by Python equality, in row order,
 *   hashes each category once and gathers by code.
 * - Several columns combine as CPython's tuple hash does (`combine_hash_arrays`); a Series (one column, not a frame)
 *   is not combined, which is why Dask hashing `df['k']` and `df[['k']]` routes rows differently.
 */

import { hashKey, isFloat, PyFloat } from '../../values/py-types.js';
import { pyStr } from '../../values/repr.js';
import type { Column } from '../frame.js';

/** uint64 hashes, one per row: `hi[i] * 2**32 + lo[i]`. */
export interface Hashes {
  hi: Uint32Array;
  lo: Uint32Array;
}

const MASK64 = (1n << 64n) - 1n;

/** `a * b mod 2**64` for uint64s as 32-bit halves; returns the high half and writes the low half to `scratch[0]`. */
function mul64(ah: number, al: number, bh: number, bl: number, scratch: Uint32Array): number {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  scratch[0] = ((mid & 0xffff) * 0x10000 + (p00 & 0xffff)) >>> 0;
  const carry = p11 + Math.floor(p01 / 0x10000) + Math.floor(p10 / 0x10000) + Math.floor(mid / 0x10000);
  return (carry + Math.imul(al, bh) + Math.imul(ah, bl)) >>> 0;
}

const C1_HI = 0xbf58476d;
const C1_LO = 0x1ce4e5b9;
const C2_HI = 0x94d049bb;
const C2_LO = 0x133111eb;

/** pandas' finaliser over `hashes` in place (the end of `_hash_ndarray`). */
function mixInPlace(hashes: Hashes): void {
  const { hi, lo } = hashes;
  const scratch = new Uint32Array(1);
  for (let i = 0; i < hi.length; i++) {
    let h = hi[i];
    let l = lo[i];
    // x ^= x >> 30
    l = (l ^ ((l >>> 30) | (h << 2))) >>> 0;
    h = (h ^ (h >>> 30)) >>> 0;
    h = mul64(h, l, C1_HI, C1_LO, scratch);
    l = scratch[0];
    // x ^= x >> 27
    l = (l ^ ((l >>> 27) | (h << 5))) >>> 0;
    h = (h ^ (h >>> 27)) >>> 0;
    h = mul64(h, l, C2_HI, C2_LO, scratch);
    l = scratch[0];
    // x ^= x >> 31
    l = (l ^ ((l >>> 31) | (h << 1))) >>> 0;
    h = (h ^ (h >>> 31)) >>> 0;
    hi[i] = h;
    lo[i] = l;
  }
}

function mixBig(x: bigint): bigint {
  x ^= x >> 30n;
  x = (x * 0xbf58476d1ce4e5b9n) & MASK64;
  x ^= x >> 27n;
  x = (x * 0x94d049bb133111ebn) & MASK64;
  x ^= x >> 31n;
  return x;
}

const float64Bits = new Float64Array(1);
const float64Words = new Uint32Array(float64Bits.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The IEEE bits of `value` as a uint64 BigInt, NaN canonical. */
function floatBits(value: number): bigint {
  float64Bits[0] = Number.isNaN(value) ? NaN : value;
  const lo = float64Words[LITTLE_ENDIAN ? 0 : 1];
  const hi = float64Words[LITTLE_ENDIAN ? 1 : 0];
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** The hashes of an int64 or float64 column's values. */
function hashNumbers(values: Float64Array, isInt: boolean): Hashes {
  const n = values.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  if (isInt) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      // Two's complement of an integral double within ±2**53: the low word is v mod 2**32, the high the floor.
      const high = Math.floor(v / 0x100000000);
      lo[i] = (v - high * 0x100000000) >>> 0;
      hi[i] = high >>> 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      float64Bits[0] = v !== v ? NaN : v;
      lo[i] = float64Words[LITTLE_ENDIAN ? 0 : 1];
      hi[i] = float64Words[LITTLE_ENDIAN ? 1 : 0];
    }
  }
  const hashes = { hi, lo };
  mixInPlace(hashes);
  return hashes;
}

function hashBools(values: Uint8Array): Hashes {
  const hashes = { hi: new Uint32Array(values.length), lo: Uint32Array.from(values) };
  mixInPlace(hashes);
  return hashes;
}

const DEFAULT_KEY = new TextEncoder().encode('0123456789123456');
const utf8 = new TextEncoder();

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

function readLE64(bytes: Uint8Array, offset: number): bigint {
  let x = 0n;
  for (let j = 7; j >= 0; j--) x = (x << 8n) | BigInt(bytes[offset + j]);
  return x;
}

/** SipHash-2-4 of `data` under pandas' key, as pandas/_libs/hashing.pyx computes it. */
export function siphash24(data: Uint8Array, key: Uint8Array = DEFAULT_KEY): bigint {
  const k0 = readLE64(key, 0);
  const k1 = readLE64(key, 8);
  let v0 = 0x736f6d6570736575n ^ k0;
  let v1 = 0x646f72616e646f6dn ^ k1;
  let v2 = 0x6c7967656e657261n ^ k0;
  let v3 = 0x7465646279746573n ^ k1;
  const round = (): void => {
    v0 = (v0 + v1) & MASK64;
    v1 = rotl(v1, 13n);
    v1 ^= v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK64;
    v3 = rotl(v3, 16n);
    v3 ^= v2;
    v0 = (v0 + v3) & MASK64;
    v3 = rotl(v3, 21n);
    v3 ^= v0;
    v2 = (v2 + v1) & MASK64;
    v1 = rotl(v1, 17n);
    v1 ^= v2;
    v2 = rotl(v2, 32n);
  };
  const len = data.length;
  const whole = len - (len % 8);
  for (let off = 0; off < whole; off += 8) {
    const m = readLE64(data, off);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  let b = BigInt(len & 0xff) << 56n;
  for (let j = len - whole - 1; j >= 0; j--) b |= BigInt(data[whole + j]) << BigInt(8 * j);
  v3 ^= b;
  round();
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & MASK64;
}

/** How `Index._with_infer` types the distinct values present, which decides how each is hashed. */
type ValueKind = 'int' | 'float' | 'bool' | 'str' | 'mixed';

function kindOf(value: unknown): ValueKind {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return isFloat(value) ? 'float' : 'int';
  if (value instanceof PyFloat) return 'float';
  return 'mixed';
}

function inferKind(values: unknown[]): ValueKind {
  let kind: ValueKind | null = null;
  for (const value of values) {
    const own = kindOf(value);
    if (kind === null) kind = own;
    else if (kind !== own) {
      // ints and floats together make a Float64Index; anything else stays object.
      if ((kind === 'int' || kind === 'float') && (own === 'int' || own === 'float')) kind = 'float';
      else return 'mixed';
    }
  }
  return kind ?? 'str';
}

function numberValue(value: unknown): number {
  if (value instanceof PyFloat) return value.value;
  return typeof value === 'boolean' ? (value ? 1 : 0) : (value as number);
}

/** The (mixed) uint64 hash of one non-missing value, as pandas hashes a category of the given kind. */
function hashValue(value: unknown, kind: ValueKind): bigint {
  switch (kind) {
    case 'int':
      return mixBig(BigInt.asUintN(64, BigInt(numberValue(value))));
    case 'float':
      return mixBig(floatBits(numberValue(value)));
    case 'bool':
      return mixBig(value ? 1n : 0n);
    case 'str':
      return mixBig(siphash24(utf8.encode(value as string)));
    case 'mixed':
      // hash_object_array takes str and tuples as they are; any other value sends the whole array through str().
      return mixBig(siphash24(utf8.encode(pyStr(value))));
  }
}

function isMissingValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/**
 * Each used dictionary entry's representative, as pandas' factorize finds it: the entry of the first row holding a
 * value Python-equal to it (`1 == 1.0 == True`), so equal values share one category and hash alike. A dictionary
 * keeps such values apart (they are different objects), and after a take its order is not the rows' order.
 */
function factorizeEntries(codes: Int32Array, dictionary: unknown[]): Int32Array {
  const representative = new Int32Array(dictionary.length).fill(-1);
  const byKey = new Map<unknown, number>();
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (representative[c] >= 0) continue;
    const value = dictionary[c];
    let key: unknown;
    try {
      key = isMissingValue(value) ? undefined : hashKey(value);
    } catch {
      key = undefined;
    }
    const first = key === undefined ? undefined : byKey.get(key);
    if (first === undefined) {
      if (key !== undefined) byKey.set(key, c);
      representative[c] = c;
    } else representative[c] = first;
  }
  return representative;
}

/** The hashes of an object column: each category hashed once, gathered by code. */
function hashObjects(codes: Int32Array, dictionary: unknown[]): Hashes {
  const representative = factorizeEntries(codes, dictionary);
  const present: unknown[] = [];
  for (let c = 0; c < dictionary.length; c++) if (representative[c] === c && !isMissingValue(dictionary[c])) present.push(dictionary[c]);
  const kind = inferKind(present);
  const entryHi = new Uint32Array(dictionary.length).fill(0xffffffff);
  const entryLo = new Uint32Array(dictionary.length).fill(0xffffffff);
  for (let c = 0; c < dictionary.length; c++) {
    if (representative[c] !== c || isMissingValue(dictionary[c])) continue;
    const h = hashValue(dictionary[c], kind);
    entryHi[c] = Number(h >> 32n);
    entryLo[c] = Number(h & 0xffffffffn);
  }
  const n = codes.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const c = representative[codes[i]];
    hi[i] = entryHi[c];
    lo[i] = entryLo[c];
  }
  return { hi, lo };
}

/** pandas' `hash_array` of one column: what `hash_pandas_object(series, index=False)` returns. */
export function hashColumn(column: Column): Hashes {
  switch (column.dtype) {
    case 'int64':
      return hashNumbers(column.values, true);
    case 'float64':
      return hashNumbers(column.values, false);
    case 'bool':
      return hashBools(column.values);
    case 'object':
      return hashObjects(column.codes, column.dictionary);
  }
}

/** pandas' `combine_hash_arrays`: CPython's tuple hash over the columns' hashes, row by row. */
export function combineHashes(arrays: Hashes[], length: number): Hashes {
  const hi = new Uint32Array(length);
  const lo = new Uint32Array(length).fill(0x345678);
  if (arrays.length === 0) return { hi: new Uint32Array(0), lo: new Uint32Array(0) };
  const scratch = new Uint32Array(1);
  let mult = 1000003;
  const numItems = arrays.length;
  arrays.forEach((a, i) => {
    for (let r = 0; r < length; r++) {
      const h = (hi[r] ^ a.hi[r]) >>> 0;
      const l = (lo[r] ^ a.lo[r]) >>> 0;
      hi[r] = mul64(h, l, 0, mult, scratch);
      lo[r] = scratch[0];
    }
    const inverse = numItems - i;
    // mult stays far below 2**32 for any realistic column count, so it is one word.
    mult += 82520 + inverse + inverse;
  });
  for (let r = 0; r < length; r++) {
    const sum = lo[r] + 97531;
    lo[r] = sum >>> 0;
    if (sum > 0xffffffff) hi[r] = (hi[r] + 1) >>> 0;
  }
  return { hi, lo };
}

/** `hash_pandas_object(frame[columns], index=False)`: the columns combined, even when there is one. */
export function hashFrameColumns(columns: Column[], length: number): Hashes {
  return combineHashes(columns.map(hashColumn), length);
}

/** Dask's `partitioning_index`: `hash % npartitions` for each row. */
export function partitioningIndex(hashes: Hashes, npartitions: number): Int32Array {
  const n = hashes.hi.length;
  const out = new Int32Array(n);
  const wordMod = 0x100000000 % npartitions;
  for (let i = 0; i < n; i++) {
    out[i] = (((hashes.hi[i] % npartitions) * wordMod) + (hashes.lo[i] % npartitions)) % npartitions;
  }
  return out;
}

/** A row's hash as one BigInt, for tests and error messages. */
export function hashAt(hashes: Hashes, i: number): bigint {
  return (BigInt(hashes.hi[i]) << 32n) | BigInt(hashes.lo[i]);
}
