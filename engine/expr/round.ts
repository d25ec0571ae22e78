import { PyFloat } from '../values/py-types.js';
import { intResult } from './arith.js';
import { raise } from './py-exception.js';
import { toIndex } from './subscript.js';
import { typeName } from './type-name.js';

/**
 * Python's `round()`: halves go to the even neighbour, and `round(x, n)` on a float rounds the float's exact binary
 * value (so `round(2.675, 2)` is 2.67, because 2.675 is really 2.67499999...), then takes the nearest double, as
 * CPython's correctly rounded dtoa does.
 */
export function round(x: unknown, ndigits?: unknown): unknown {
  const isFloat = x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x));
  const isInt = typeof x === 'boolean' || (typeof x === 'number' && Number.isInteger(x));
  if (!isFloat && !isInt) return raise('TypeError', `type ${typeName(x)} doesn't define __round__ method`);
  const v = x instanceof PyFloat ? x.value : typeof x === 'boolean' ? (x ? 1 : 0) : (x as number);
  if (ndigits === undefined || ndigits === null) {
    if (isInt) return v;
    if (Number.isNaN(v)) raise('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) raise('OverflowError', 'cannot convert float infinity to integer');
    return intResult(roundHalfEven(v));
  }
  const n = toIndex(ndigits);
  if (isInt) {
    if (n >= 0) return v;
    if (-n > 17) return 0;
    const p = 10n ** BigInt(-n);
    return intResult(Number(divideHalfEven(BigInt(v), p) * p));
  }
  if (!Number.isFinite(v) || v === 0) return x instanceof PyFloat ? x : new PyFloat(v);
  if (n > 330) return x;
  if (n < -330) return new PyFloat(v < 0 ? -0 : 0);
  const [mantissa, exponent] = decompose(Math.abs(v));
  // |v| * 10**n as the fraction num / den, exactly.
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (n >= 0) num *= 10n ** BigInt(n);
  else den *= 10n ** BigInt(-n);
  const q = divideHalfEven(num, den);
  const r = Number(`${q}e${-n}`);
  const signed = v < 0 ? -r : r;
  return Number.isInteger(signed) ? new PyFloat(signed) : signed;
}

function roundHalfEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** num / den rounded to the nearest integer, halves to even; den > 0. */
export function divideHalfEven(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const a = negative ? -num : num;
  let q = a / den;
  const r2 = (a % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** A positive finite double as mantissa * 2**exponent, exactly. */
export function decompose(v: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}
