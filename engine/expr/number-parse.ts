import { pyRepr } from '../values/repr.js';
import { raise } from './py-exception.js';
import { INT_RANGE_TEXT, MAX_INT } from './int-range.js';

/**
 * `int(text, base)` and `float(text)` on strs, with Python's grammar: surrounding whitespace, a sign, underscores
 * between digits, base prefixes (`0x`, `0o`, `0b`) and, for floats, `inf`, `infinity` and `nan` in any case.
 */
const WHITESPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

export function parseIntText(text: string, base: number): number {
  if (base === 10) {
    const plain = plainDecimal(text);
    if (plain !== null) return plain;
  }
  const fail = (): never => raise('ValueError', `invalid literal for int() with base ${base}: ${pyRepr(text)}`);
  let s = text.replace(WHITESPACE, '');
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  let radix = base;
  const prefix = s.slice(0, 2).toLowerCase();
  const prefixRadix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : prefix === '0b' ? 2 : 0;
  if (prefixRadix && (base === 0 || base === prefixRadix)) {
    radix = prefixRadix;
    s = s.slice(2);
    // After a prefix, an underscore may come first: 0x_ff.
    if (s[0] === '_') s = s.slice(1);
  } else if (base === 0) {
    radix = 10;
    // Base 0 reads a literal as Python source does, where 010 is an error but 000 is zero.
    if (/^0+[1-9]/.test(s.replace(/_/g, ''))) fail();
  }
  if (s === '' || s[0] === '_' || s.endsWith('_') || s.includes('__')) fail();
  const digits = s.replace(/_/g, '').toLowerCase();
  let value = 0n;
  const bigRadix = BigInt(radix);
  for (const ch of digits) {
    const d = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch >= 'a' && ch <= 'z' ? ch.charCodeAt(0) - 87 : 99;
    if (d >= radix) fail();
    value = value * bigRadix + BigInt(d);
  }
  if (value > BigInt(MAX_INT)) raise('OverflowError', `int too large (Weft ints are limited to ${INT_RANGE_TEXT})`);
  const n = Number(value);
  return negative ? 0 - n : n;
}

/**
 * The value of a text of 1 to 15 ASCII digits after an optional sign, or null for anything else. Such a text is the
 * common case (a CSV field) and always a valid int below 2**53, so it needs none of the general path's checks.
 */
function plainDecimal(text: string): number | null {
  const length = text.length;
  if (length === 0 || length > 16) return null;
  const first = text.charCodeAt(0);
  const signed = first === 45 /* - */ || first === 43; /* + */
  const start = signed ? 1 : 0;
  if (start === length || length - start > 15) return null;
  let value = 0;
  for (let i = start; i < length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
  }
  return first === 45 ? 0 - value : value;
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;

/** The JS number for a float literal in text, or ValueError. */
export function parseFloatText(text: string): number {
  const s = text.replace(WHITESPACE, '');
  if (!FLOAT_TEXT.test(s)) raise('ValueError', `could not convert string to float: ${pyRepr(text)}`);
  const lower = s.toLowerCase();
  const sign = lower[0] === '-' ? -1 : 1;
  const body = lower[0] === '-' || lower[0] === '+' ? lower.slice(1) : lower;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  return Number(s.replace(/_/g, ''));
}
