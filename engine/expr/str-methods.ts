import { PyTuple } from '../values/py-types.js';
import { checkArity } from './arity.js';
import { isIterable, itemsOf } from './iterate.js';
import { raise } from './py-exception.js';
import { toIndex } from './subscript.js';
import { typeName } from './type-name.js';
import { nameTable } from './name-table.js';
import { checkItems, checkStrLength, MAX_ITEMS } from './size-limit.js';

/**
 * The methods of Python's str. Each takes the string, the number of arguments given (so that arity errors match
 * Python's) and up to three arguments, `undefined` when omitted. Positions and lengths are in UTF-16 units.
 */
export type MethodImpl<T> = (self: T, n: number, a: unknown, b: unknown, c: unknown) => unknown;

// The characters Python's str.isspace() accepts; split() and strip() without arguments use exactly these.
const WHITESPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const IS_WS = new RegExp(`[${WHITESPACE}]`);
const ALL_WS = new RegExp(`^[${WHITESPACE}]+$`);
const LEADING_WS = new RegExp(`^[${WHITESPACE}]+`);
const TRAILING_WS = new RegExp(`[${WHITESPACE}]+$`);

function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 28) return false;
  return IS_WS.test(ch);
}

function strArg(value: unknown, message: string): string {
  if (typeof value !== 'string') raise('TypeError', message.replace('{}', typeName(value)));
  return value;
}

function optionalInt(value: unknown): number | null {
  return value === undefined || value === null ? null : toIndex(value);
}

/** CPython's ADJUST_INDICES for the start/end arguments of find, count, startswith and friends. */
function adjust(startArg: unknown, endArg: unknown, length: number): [number, number] {
  let start = optionalInt(startArg) ?? 0;
  let end = optionalInt(endArg) ?? length;
  if (end > length) end = length;
  else if (end < 0) end = Math.max(0, end + length);
  if (start < 0) start = Math.max(0, start + length);
  return [start, end];
}

/**
 * A str longer than MAX_ITEMS (one read from data may be; Weft's own operations stop at MAX_STR_LENGTH) could split
 * into more pieces than a list may hold, which would abort the process: count them first.
 */
function checkPieces(s: string, separator: string | null, max: number): void {
  if (s.length <= MAX_ITEMS) return;
  // Counting stops as soon as the answer is known: past the limit, or at maxsplit + 1 pieces.
  const enough = max >= 0 ? Math.min(max + 1, MAX_ITEMS + 1) : MAX_ITEMS + 1;
  let pieces = 1;
  if (separator === null) {
    for (let i = 0, inWord = false; i < s.length && pieces <= enough; i++) {
      const space = isSpace(s[i]);
      if (!space && !inWord) pieces++;
      inWord = !space;
    }
  } else {
    for (let i = s.indexOf(separator); i >= 0 && pieces <= enough; i = s.indexOf(separator, i + separator.length)) pieces++;
  }
  checkItems(Math.min(pieces, enough));
}

export function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined ? -1 : toIndex(maxsplit);
  if (sep === undefined || sep === null) {
    checkPieces(s, null, max);
    return splitWhitespace(s, max);
  }
  strArg(sep, 'must be str or None, not {}');
  const separator = sep as string;
  if (separator === '') raise('ValueError', 'empty separator');
  checkPieces(s, separator, max);
  if (max < 0) return s.split(separator);
  const out: string[] = [];
  let start = 0;
  while (out.length < max) {
    const i = s.indexOf(separator, start);
    if (i < 0) break;
    out.push(s.slice(start, i));
    start = i + separator.length;
  }
  out.push(s.slice(start));
  return out;
}

function splitWhitespace(s: string, max: number): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(s[i])) i++;
    if (i >= n) return out;
    if (max >= 0 && out.length === max) {
      // Python keeps the remainder as is, trailing whitespace included.
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !isSpace(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
}

export function rsplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined ? -1 : toIndex(maxsplit);
  if (max < 0) return split(s, sep, maxsplit);
  checkPieces(s, sep === undefined || sep === null ? null : strArg(sep, 'must be str or None, not {}'), max);
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let j = s.length - 1;
    for (;;) {
      while (j >= 0 && isSpace(s[j])) j--;
      if (j < 0) break;
      if (out.length === max) {
        out.push(s.slice(0, j + 1));
        break;
      }
      let i = j;
      while (i >= 0 && !isSpace(s[i])) i--;
      out.push(s.slice(i + 1, j + 1));
      j = i;
    }
    return out.reverse();
  }
  const separator = strArg(sep, 'must be str or None, not {}');
  if (separator === '') raise('ValueError', 'empty separator');
  const out: string[] = [];
  let end = s.length;
  while (out.length < max && end - separator.length >= 0) {
    const i = s.lastIndexOf(separator, end - separator.length);
    if (i < 0) break;
    out.push(s.slice(i + separator.length, end));
    end = i;
  }
  out.push(s.slice(0, end));
  return out.reverse();
}

function strip(s: string, chars: unknown, name: string, left: boolean, right: boolean): string {
  if (chars === undefined || chars === null) {
    let out = s;
    if (left) out = out.replace(LEADING_WS, '');
    if (right) out = out.replace(TRAILING_WS, '');
    return out;
  }
  if (typeof chars !== 'string') raise('TypeError', `${name} arg must be None or str`);
  let start = 0;
  let end = s.length;
  if (left) while (start < end && chars.includes(s[start])) start++;
  if (right) while (end > start && chars.includes(s[end - 1])) end--;
  return s.slice(start, end);
}

function tailMatch(s: string, prefixes: unknown, startArg: unknown, endArg: unknown, name: string, atEnd: boolean): boolean {
  const candidates: readonly unknown[] = prefixes instanceof PyTuple ? prefixes.items : [prefixes];
  if (!(prefixes instanceof PyTuple) && typeof prefixes !== 'string') {
    raise('TypeError', `${name} first arg must be str or a tuple of str, not ${typeName(prefixes)}`);
  }
  const [start, endAll] = adjust(startArg, endArg, s.length);
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') {
      raise('TypeError', `tuple for ${name} must only contain str, not ${typeName(candidate)}`);
    }
    const end = endAll - candidate.length;
    if (end < start) continue;
    if (candidate.length === 0) return true;
    if (s.startsWith(candidate, atEnd ? end : start)) return true;
  }
  return false;
}

function find(s: string, sub: unknown, startArg: unknown, endArg: unknown, fromRight: boolean): number {
  const needle = strArg(sub, 'must be str, not {}');
  const [start, end] = adjust(startArg, endArg, s.length);
  if (start > s.length || end - start < needle.length) return -1;
  if (fromRight) {
    const i = s.lastIndexOf(needle, end - needle.length);
    return i >= start ? i : -1;
  }
  const i = s.indexOf(needle, start);
  return i >= 0 && i + needle.length <= end ? i : -1;
}

function count(s: string, sub: unknown, startArg: unknown, endArg: unknown): number {
  const needle = strArg(sub, 'must be str, not {}');
  const [start, end] = adjust(startArg, endArg, s.length);
  if (start > s.length || end < start) return 0;
  if (needle === '') return end - start + 1;
  let total = 0;
  for (let i = s.indexOf(needle, start); i >= 0 && i + needle.length <= end; i = s.indexOf(needle, i + needle.length)) {
    total++;
  }
  return total;
}

function replace(s: string, oldArg: unknown, newArg: unknown, countArg: unknown): string {
  const old = strArg(oldArg, 'replace() argument 1 must be str, not {}');
  const replacement = strArg(newArg, 'replace() argument 2 must be str, not {}');
  const limit = countArg === undefined ? -1 : toIndex(countArg);
  if (old === '') {
    const units = s.split('');
    const max = limit < 0 ? units.length + 1 : Math.min(limit, units.length + 1);
    let out = '';
    for (let i = 0; i < units.length; i++) out += (i < max ? replacement : '') + units[i];
    return out + (units.length < max ? replacement : '');
  }
  // split/join rather than replaceAll, whose replacement string would interpret `$&` and friends.
  if (limit < 0) {
    const parts = s.split(old);
    checkStrLength(s.length + (parts.length - 1) * (replacement.length - old.length));
    return parts.join(replacement);
  }
  let out = '';
  let start = 0;
  for (let done = 0; done < limit; done++) {
    const i = s.indexOf(old, start);
    if (i < 0) break;
    out += s.slice(start, i) + replacement;
    start = i + old.length;
  }
  return out + s.slice(start);
}

/** `sep.join(iterable)`. */
export function join(sep: string, iterable: unknown): string {
  if (!isIterable(iterable)) raise('TypeError', 'can only join an iterable');
  const items = itemsOf(iterable);
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string') {
      raise('TypeError', `sequence item ${i}: expected str instance, ${typeName(items[i])} found`);
    }
  }
  let length = sep.length * Math.max(0, items.length - 1);
  for (let i = 0; i < items.length; i++) length += (items[i] as string).length;
  checkStrLength(length);
  return (items as string[]).join(sep);
}

const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;

function title(s: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of s) {
    out += previousCased ? ch.toLowerCase() : ch.toUpperCase();
    previousCased = CASED.test(ch);
  }
  return out;
}

function hasCased(s: string): boolean {
  return CASED.test(s);
}

function widthArg(value: unknown): number {
  return toIndex(value);
}

function fillArg(value: unknown): string {
  if (value === undefined) return ' ';
  if (typeof value !== 'string' || value.length !== 1) {
    raise('TypeError', `The fill character must be exactly one character long`);
  }
  return value;
}

const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;

function splitlines(s: string, keepends: unknown): string[] {
  const keep = keepends !== undefined && keepends !== null && keepends !== false && keepends !== 0;
  const out: string[] = [];
  if (s.length > MAX_ITEMS) {
    let lines = 1;
    for (const _ of s.matchAll(LINE_BREAK)) lines++;
    checkItems(lines);
  }
  let start = 0;
  for (const m of s.matchAll(LINE_BREAK)) {
    const end = m.index! + m[0].length;
    out.push(s.slice(start, keep ? end : m.index));
    start = end;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

function partition(s: string, sepArg: unknown, fromRight: boolean): PyTuple {
  const sep = strArg(sepArg, 'must be str, not {}');
  if (sep === '') raise('ValueError', 'empty separator');
  const i = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) return new PyTuple(fromRight ? ['', '', s] : [s, '', '']);
  return new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
}

function pad(s: string, width: unknown, fill: unknown, how: 'left' | 'right' | 'center'): string {
  const w = widthArg(width);
  const f = fillArg(fill);
  const total = w - s.length;
  if (total <= 0) return s;
  checkStrLength(w);
  if (how === 'left') return s + f.repeat(total);
  if (how === 'right') return f.repeat(total) + s;
  // CPython's centering puts the extra character on the left when the width and the padding are both odd.
  const left = Math.floor(total / 2) + (total & w & 1);
  return f.repeat(left) + s + f.repeat(total - left);
}

function noArgs(name: string, fn: (s: string) => unknown): MethodImpl<string> {
  return (s, n) => {
    checkArity(`str.${name}`, n, 0, 0);
    return fn(s);
  };
}

export const STR_METHODS: Record<string, MethodImpl<string>> = nameTable({
  split: (s, n, a, b) => {
    checkArity('split', n, 0, 2);
    return split(s, a, b);
  },
  rsplit: (s, n, a, b) => {
    checkArity('rsplit', n, 0, 2);
    return rsplit(s, a, b);
  },
  strip: (s, n, a) => {
    checkArity('strip', n, 0, 1);
    return strip(s, a, 'strip', true, true);
  },
  lstrip: (s, n, a) => {
    checkArity('lstrip', n, 0, 1);
    return strip(s, a, 'lstrip', true, false);
  },
  rstrip: (s, n, a) => {
    checkArity('rstrip', n, 0, 1);
    return strip(s, a, 'rstrip', false, true);
  },
  lower: noArgs('lower', (s) => s.toLowerCase()),
  upper: noArgs('upper', (s) => s.toUpperCase()),
  casefold: noArgs('casefold', (s) => s.toLowerCase()),
  title: noArgs('title', title),
  capitalize: noArgs('capitalize', (s) => (s.length === 0 ? s : s[0].toUpperCase() + s.slice(1).toLowerCase())),
  swapcase: noArgs('swapcase', (s) =>
    Array.from(s, (ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join(''),
  ),
  startswith: (s, n, a, b, c) => {
    checkArity('startswith', n, 1, 3);
    return tailMatch(s, a, b, c, 'startswith', false);
  },
  endswith: (s, n, a, b, c) => {
    checkArity('endswith', n, 1, 3);
    return tailMatch(s, a, b, c, 'endswith', true);
  },
  replace: (s, n, a, b, c) => {
    checkArity('replace', n, 2, 3);
    return replace(s, a, b, c);
  },
  find: (s, n, a, b, c) => {
    checkArity('find', n, 1, 3);
    return find(s, a, b, c, false);
  },
  rfind: (s, n, a, b, c) => {
    checkArity('rfind', n, 1, 3);
    return find(s, a, b, c, true);
  },
  index: (s, n, a, b, c) => {
    checkArity('index', n, 1, 3);
    const i = find(s, a, b, c, false);
    return i < 0 ? raise('ValueError', 'substring not found') : i;
  },
  rindex: (s, n, a, b, c) => {
    checkArity('rindex', n, 1, 3);
    const i = find(s, a, b, c, true);
    return i < 0 ? raise('ValueError', 'substring not found') : i;
  },
  count: (s, n, a, b, c) => {
    checkArity('count', n, 1, 3);
    return count(s, a, b, c);
  },
  join: (s, n, a) => {
    checkArity('str.join', n, 1, 1);
    return join(s, a);
  },
  isdigit: noArgs('isdigit', (s) => /^\p{Nd}+$/u.test(s)),
  isdecimal: noArgs('isdecimal', (s) => /^\p{Nd}+$/u.test(s)),
  isnumeric: noArgs('isnumeric', (s) => /^\p{N}+$/u.test(s)),
  isalpha: noArgs('isalpha', (s) => /^\p{L}+$/u.test(s)),
  isalnum: noArgs('isalnum', (s) => /^[\p{L}\p{N}]+$/u.test(s)),
  isspace: noArgs('isspace', (s) => ALL_WS.test(s)),
  islower: noArgs('islower', (s) => hasCased(s) && s === s.toLowerCase() && /\p{Ll}/u.test(s)),
  isupper: noArgs('isupper', (s) => hasCased(s) && s === s.toUpperCase() && /\p{Lu}/u.test(s)),
  istitle: noArgs('istitle', (s) => hasCased(s) && title(s) === s),
  zfill: (s, n, a) => {
    checkArity('str.zfill', n, 1, 1);
    const w = widthArg(a);
    if (s.length >= w) return s;
    const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
    checkStrLength(w);
    return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
  },
  ljust: (s, n, a, b) => {
    checkArity('ljust', n, 1, 2);
    return pad(s, a, b, 'left');
  },
  rjust: (s, n, a, b) => {
    checkArity('rjust', n, 1, 2);
    return pad(s, a, b, 'right');
  },
  center: (s, n, a, b) => {
    checkArity('center', n, 1, 2);
    return pad(s, a, b, 'center');
  },
  partition: (s, n, a) => {
    checkArity('str.partition', n, 1, 1);
    return partition(s, a, false);
  },
  rpartition: (s, n, a) => {
    checkArity('str.rpartition', n, 1, 1);
    return partition(s, a, true);
  },
  splitlines: (s, n, a) => {
    checkArity('splitlines', n, 0, 1);
    return splitlines(s, a);
  },
  removeprefix: (s, n, a) => {
    checkArity('str.removeprefix', n, 1, 1);
    const prefix = strArg(a, 'removeprefix() argument must be str, not {}');
    return prefix && s.startsWith(prefix) ? s.slice(prefix.length) : s;
  },
  removesuffix: (s, n, a) => {
    checkArity('str.removesuffix', n, 1, 1);
    const suffix = strArg(a, 'removesuffix() argument must be str, not {}');
    return suffix && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
  },
});
