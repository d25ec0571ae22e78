import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from '../values/py-types.js';
import { itemsOf, iter } from './iterate.js';
import { percentFormat } from './percent-format.js';
import { raise } from './py-exception.js';
import { typeName } from './type-name.js';
import { INT_RANGE_TEXT, MAX_INT } from './int-range.js';
import { checkItems, checkStrLength, sizedStr } from './size-limit.js';

/**
 * Python's arithmetic on the value model. Each operator has a fast path for two plain numbers (or two strings) small
 * enough for V8 to inline, and a slow path for bools, boxed floats (`2.0`), sequences and the errors. The rules kept:
 * int op int stays int (and raises OverflowError past 2**53 - 1, where doubles stop being exact: int-range.ts); anything with a float is
 * a float, boxed when integral; `/` is always a float; `//` and `%` floor towards negative infinity; int `-0` is 0.
 */

function overflow(): never {
  return raise('OverflowError', `integer result too large (Weft ints are limited to ${INT_RANGE_TEXT})`);
}

/** An int result, checked against Weft's int range and with `-0` folded to 0. */
export function intResult(r: number): number {
  if (r > MAX_INT || r < -MAX_INT) overflow();
  return r + 0;
}

function floatResult(r: number): number | PyFloat {
  return Number.isInteger(r) ? new PyFloat(r) : r;
}

/** 1 for an int or bool, 2 for a float, 0 for anything else. */
function numKind(v: unknown): 0 | 1 | 2 {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 1 : 2;
    case 'boolean':
      return 1;
    case 'object':
      return v instanceof PyFloat ? 2 : 0;
    default:
      return 0;
  }
}

function numVal(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return (v as PyFloat).value;
}

function unsupported(op: string, a: unknown, b: unknown): never {
  return raise('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

// ---- + -------------------------------------------------------------------------------------------------------------

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isInteger(r)) {
      if (Number.isInteger(a) && Number.isInteger(b)) return r > MAX_INT || r < -MAX_INT ? overflow() : r;
      return new PyFloat(r);
    }
    return r;
  }
  if (typeof a === 'string' && typeof b === 'string') return sizedStr(a + b);
  return addSlow(a, b, '+');
}

function addSlow(a: unknown, b: unknown, op: string): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    const r = numVal(a) + numVal(b);
    return ka === 2 || kb === 2 ? floatResult(r) : intResult(r);
  }
  if (typeof a === 'string') {
    if (typeof b === 'string') return sizedStr(a + b);
    raise('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
  } else if (Array.isArray(a)) {
    if (Array.isArray(b)) {
      checkItems(a.length + b.length);
      return a.concat(b);
    }
    raise('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
  } else if (a instanceof PyTuple) {
    if (b instanceof PyTuple) {
      checkItems(a.items.length + b.items.length);
      return new PyTuple([...a.items, ...b.items]);
    }
    raise('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
  }
  return unsupported(op, a, b);
}

// ---- - -------------------------------------------------------------------------------------------------------------

export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isInteger(r)) {
      if (Number.isInteger(a) && Number.isInteger(b)) return r > MAX_INT || r < -MAX_INT ? overflow() : r;
      return new PyFloat(r);
    }
    return r;
  }
  return subSlow(a, b, '-');
}

function subSlow(a: unknown, b: unknown, op: string): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    const r = numVal(a) - numVal(b);
    return ka === 2 || kb === 2 ? floatResult(r) : intResult(r);
  }
  if (a instanceof PySet && b instanceof PySet) {
    const out = a instanceof PyFrozenSet ? new PyFrozenSet() : new PySet();
    for (const x of a) if (!b.has(x)) out.add(x);
    return out;
  }
  return unsupported(op, a, b);
}

// ---- * -------------------------------------------------------------------------------------------------------------

export function mul(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isInteger(r)) {
      if (Number.isInteger(a) && Number.isInteger(b)) return r > MAX_INT || r < -MAX_INT ? overflow() : r + 0;
      return new PyFloat(r);
    }
    return r;
  }
  return mulSlow(a, b, '*');
}

function isSequence(v: unknown): boolean {
  return typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple;
}

function mulSlow(a: unknown, b: unknown, op: string): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    const r = numVal(a) * numVal(b);
    return ka === 2 || kb === 2 ? floatResult(r) : intResult(r);
  }
  if (isSequence(a) || isSequence(b)) {
    const [seq, count] = isSequence(a) ? [a, b] : [b, a];
    if (numKind(count) !== 1) raise('TypeError', `can't multiply sequence by non-int of type '${typeName(count)}'`);
    return repeat(seq, numVal(count));
  }
  return unsupported(op, a, b);
}

function repeat(seq: unknown, count: number): unknown {
  const n = Math.max(0, count);
  if (typeof seq === 'string') {
    if (seq.length > 0) checkStrLength(seq.length * n);
    return seq.repeat(n);
  }
  const items = Array.isArray(seq) ? seq : (seq as PyTuple).items;
  if (items.length > 0) checkItems(items.length * n);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < items.length; j++) out.push(items[j]);
  return Array.isArray(seq) ? out : new PyTuple(out);
}

// ---- / // % ---------------------------------------------------------------------------------------------------------

export function truediv(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0) return floatResult(a / b);
  const ka = numKind(a);
  const kb = numKind(b);
  if (!ka || !kb) return unsupported('/', a, b);
  const y = numVal(b);
  if (y === 0) raise('ZeroDivisionError', ka === 2 || kb === 2 ? 'float division by zero' : 'division by zero');
  return floatResult(numVal(a) / y);
}

export function floordiv(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b) && b !== 0) {
    return Math.floor(a / b) + 0;
  }
  const ka = numKind(a);
  const kb = numKind(b);
  if (!ka || !kb) return unsupported('//', a, b);
  const x = numVal(a);
  const y = numVal(b);
  if (ka === 1 && kb === 1) {
    if (y === 0) raise('ZeroDivisionError', 'integer division or modulo by zero');
    return intResult(Math.floor(x / y));
  }
  if (y === 0) raise('ZeroDivisionError', 'float floor division by zero');
  return floatResult(floatDivmod(x, y)[0]);
}

export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b) && b !== 0) {
    const r = a % b;
    return (r !== 0 && r < 0 !== b < 0 ? r + b : r) + 0;
  }
  return modSlow(a, b);
}

function modSlow(a: unknown, b: unknown): unknown {
  if (typeof a === 'string') return percentFormat(a, b);
  const ka = numKind(a);
  const kb = numKind(b);
  if (!ka || !kb) return unsupported('%', a, b);
  const x = numVal(a);
  const y = numVal(b);
  if (ka === 1 && kb === 1) {
    if (y === 0) raise('ZeroDivisionError', 'integer modulo by zero');
    const r = x % y;
    return (r !== 0 && r < 0 !== y < 0 ? r + y : r) + 0;
  }
  if (y === 0) raise('ZeroDivisionError', 'float modulo');
  return floatResult(floatDivmod(x, y)[1]);
}

function copysignZero(sign: number): number {
  return sign < 0 || Object.is(sign, -0) ? -0 : 0;
}

/** CPython's float_divmod, so that `1 // 0.1` is 9.0 and the signs of zero results match. */
export function floatDivmod(vx: number, wx: number): [number, number] {
  let m = vx % wx;
  let div = (vx - m) / wx;
  // C's `if (mod)` is true for NaN, which JS truthiness is not: compare with 0 explicitly.
  if (m !== 0) {
    if (wx < 0 !== m < 0) {
      m += wx;
      div -= 1.0;
    }
  } else {
    m = copysignZero(wx);
  }
  let floor: number;
  if (div !== 0) {
    floor = Math.floor(div);
    if (div - floor > 0.5) floor += 1.0;
  } else {
    floor = copysignZero(vx / wx);
  }
  return [floor, m];
}

/** `divmod(a, b)` as a tuple. */
export function divmod(a: unknown, b: unknown): PyTuple {
  const ka = numKind(a);
  const kb = numKind(b);
  if (!ka || !kb) return unsupported('divmod()', a, b);
  const x = numVal(a);
  const y = numVal(b);
  if (ka === 1 && kb === 1) {
    if (y === 0) raise('ZeroDivisionError', 'integer division or modulo by zero');
    return new PyTuple([floordiv(x, y), mod(x, y)]);
  }
  if (y === 0) raise('ZeroDivisionError', 'float divmod()');
  const [q, r] = floatDivmod(x, y);
  return new PyTuple([floatResult(q), floatResult(r)]);
}

// ---- ** ------------------------------------------------------------------------------------------------------------

export function pow(a: unknown, b: unknown): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (!ka || !kb) return unsupported('** or pow()', a, b);
  const x = numVal(a);
  const y = numVal(b);
  if (ka === 1 && kb === 1 && y >= 0) return intPow(x, y);
  if (x === 0 && y < 0) raise('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  // C's pow, which Python uses, defines these cases where JS gives NaN.
  if (x === 1 || y === 0) return new PyFloat(1);
  if (x === -1 && !Number.isFinite(y)) return new PyFloat(1);
  if (x < 0 && Number.isFinite(x) && Number.isFinite(y) && !Number.isInteger(y)) {
    raise('ValueError', 'complex results are not supported (negative number raised to a fractional power)');
  }
  const r = x ** y;
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
    raise('OverflowError', "(34, 'Numerical result out of range')");
  }
  return floatResult(r);
}

/** Exact int ** non-negative int by squaring; every partial product in range is exact in a double. */
function intPow(base: number, exp: number): number {
  if (base === 0) return exp === 0 ? 1 : 0;
  if (base === 1) return 1;
  if (base === -1) return exp % 2 === 0 ? 1 : -1;
  let result = 1;
  let b = base;
  let e = exp;
  for (;;) {
    if (e % 2 === 1) {
      result *= b;
      if (result > MAX_INT || result < -MAX_INT) overflow();
    }
    e = Math.floor(e / 2);
    if (e === 0) return result;
    b *= b;
    // |base| >= 2 here, so squaring past the range means the result passes it too.
    if (b > MAX_INT) overflow();
  }
}

// ---- unary ---------------------------------------------------------------------------------------------------------

export function neg(a: unknown): unknown {
  // `0 - a` rather than `-a`: the int 0 must not become -0, and for every other plain number the two agree.
  if (typeof a === 'number') return 0 - a;
  if (typeof a === 'boolean') return a ? -1 : 0;
  if (a instanceof PyFloat) return new PyFloat(-a.value);
  return raise('TypeError', `bad operand type for unary -: '${typeName(a)}'`);
}

export function pos(a: unknown): unknown {
  if (typeof a === 'number' || a instanceof PyFloat) return a;
  if (typeof a === 'boolean') return a ? 1 : 0;
  return raise('TypeError', `bad operand type for unary +: '${typeName(a)}'`);
}

export function invert(a: unknown): unknown {
  if (typeof a === 'number' && Number.isInteger(a)) return intResult(-a - 1);
  if (typeof a === 'boolean') return a ? -2 : -1;
  return raise('TypeError', `bad operand type for unary ~: '${typeName(a)}'`);
}

// ---- bitwise and set operators -------------------------------------------------------------------------------------

function intOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

function bitwise(op: '&' | '|' | '^', a: unknown, b: unknown): unknown {
  if (typeof a === 'boolean' && typeof b === 'boolean') return op === '&' ? a && b : op === '|' ? a || b : a !== b;
  const x = intOf(a);
  const y = intOf(b);
  if (x !== null && y !== null) {
    // JS bitwise operators work on 32 bits; wider ints go through BigInt.
    if ((x | 0) === x && (y | 0) === y) return op === '&' ? x & y : op === '|' ? x | y : x ^ y;
    const bx = BigInt(x);
    const by = BigInt(y);
    // `(2**53 - 1) ^ -1` is -2**53: even bitwise results can leave the range.
    return intResult(Number(op === '&' ? bx & by : op === '|' ? bx | by : bx ^ by));
  }
  if (a instanceof PySet && b instanceof PySet) {
    const out = a instanceof PyFrozenSet ? new PyFrozenSet() : new PySet();
    if (op === '|') {
      for (const v of a) out.add(v);
      for (const v of b) out.add(v);
    } else if (op === '&') {
      for (const v of a) if (b.has(v)) out.add(v);
    } else {
      for (const v of a) if (!b.has(v)) out.add(v);
      for (const v of b) if (!a.has(v)) out.add(v);
    }
    return out;
  }
  if (op === '|' && a instanceof PyDict && b instanceof PyDict) {
    const out = new PyDict();
    for (const [k, v] of a.items()) out.set(k, v);
    for (const [k, v] of b.items()) out.set(k, v);
    return out;
  }
  return unsupported(op, a, b);
}

export function bitand(a: unknown, b: unknown): unknown {
  return bitwise('&', a, b);
}
export function bitor(a: unknown, b: unknown): unknown {
  return bitwise('|', a, b);
}
export function bitxor(a: unknown, b: unknown): unknown {
  return bitwise('^', a, b);
}

export function lshift(a: unknown, b: unknown): unknown {
  const x = intOf(a);
  const y = intOf(b);
  if (x === null || y === null) return unsupported('<<', a, b);
  if (y < 0) raise('ValueError', 'negative shift count');
  if (x === 0) return 0;
  if (y > 60) overflow();
  return intResult(x * 2 ** y);
}

export function rshift(a: unknown, b: unknown): unknown {
  const x = intOf(a);
  const y = intOf(b);
  if (x === null || y === null) return unsupported('>>', a, b);
  if (y < 0) raise('ValueError', 'negative shift count');
  if (y >= 64) return x < 0 ? -1 : 0;
  return Math.floor(x / 2 ** y) + 0;
}

// ---- augmented assignment ------------------------------------------------------------------------------------------

/** `a += b`: a list extends in place (from any iterable, as Python allows); everything else is `a + b`. */
export function iadd(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return add(a, b);
  if (typeof a === 'string' && typeof b === 'string') return sizedStr(a + b);
  if (Array.isArray(a)) {
    const items = a === b ? a.slice() : itemsOf(b);
    checkItems(a.length + items.length);
    for (let i = 0, n = items.length; i < n; i++) a.push(items[i]);
    return a;
  }
  return addSlow(a, b, '+=');
}

export function isub(a: unknown, b: unknown): unknown {
  if (a instanceof PySet && !(a instanceof PyFrozenSet) && b instanceof PySet) {
    for (const v of [...b]) a.delete(v);
    return a;
  }
  if (typeof a === 'number' && typeof b === 'number') return sub(a, b);
  return subSlow(a, b, '-=');
}

export function imul(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && numKind(b) === 1) {
    const copy = a.slice();
    const n = numVal(b);
    if (copy.length > 0 && n > 0) checkItems(copy.length * n);
    a.length = 0;
    for (let i = 0; i < n; i++) for (const v of copy) a.push(v);
    return a;
  }
  if (typeof a === 'number' && typeof b === 'number') return mul(a, b);
  return mulSlow(a, b, '*=');
}

function inPlaceSet(op: '&' | '|' | '^', a: unknown, b: unknown): unknown {
  if (a instanceof PySet && !(a instanceof PyFrozenSet) && b instanceof PySet) {
    const result = bitwise(op, a, b) as PySet;
    a.clear();
    for (const v of result) a.add(v);
    return a;
  }
  if (op === '|' && a instanceof PyDict) {
    if (b instanceof PyDict) for (const [k, v] of b.items()) a.set(k, v);
    else for (const pair of iter(b)) {
      const kv = itemsOf(pair);
      a.set(kv[0], kv[1]);
    }
    return a;
  }
  return bitwise(op, a, b);
}

export function iand(a: unknown, b: unknown): unknown {
  return inPlaceSet('&', a, b);
}
export function ior(a: unknown, b: unknown): unknown {
  return inPlaceSet('|', a, b);
}
export function ixor(a: unknown, b: unknown): unknown {
  return inPlaceSet('^', a, b);
}
