import { pyStr } from '../values/repr.js';
import { PyDict, PyFrozenSet, PySet, PyTuple } from '../values/py-types.js';

/**
 * The text helpers of pandas' console formatting (pandas/io/formats/printing.py), with Python's string semantics:
 * widths count code points (pandas' default `display.unicode.east_asian_width` is off), and `center` places an odd
 * leftover space as CPython's `str.center` does.
 */

/** Python's `len(s)`: code points, not UTF-16 units. */
export function pyLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Python's `s[:n]` by code points. */
export function pySlice(s: string, n: number): string {
  if (pyLen(s) === s.length) return s.slice(0, n);
  return Array.from(s).slice(0, n).join('');
}

/** Python's `str.ljust` / `str.rjust` / `str.center` with spaces. */
export function justify(s: string, width: number, mode: 'left' | 'right' | 'center'): string {
  const margin = width - pyLen(s);
  if (margin <= 0) return s;
  if (mode === 'left') return s + ' '.repeat(margin);
  if (mode === 'right') return ' '.repeat(margin) + s;
  const left = Math.floor(margin / 2) + (margin & width & 1);
  return ' '.repeat(left) + s + ' '.repeat(margin - left);
}

/** pandas' `adjoin(space, *lists)`: columns of strings side by side, each but the last padded to its width + space. */
export function adjoin(space: number, lists: readonly (readonly string[])[]): string {
  const lengths = lists.map((list, i) => list.reduce((m, s) => Math.max(m, pyLen(s)), 0) + (i < lists.length - 1 ? space : 0));
  const rows = lists.reduce((m, list) => Math.max(m, list.length), 0);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let i = 0; i < lists.length; i++) line += r < lists[i].length ? justify(lists[i][r], lengths[i], 'left') : ' '.repeat(lengths[i]);
    lines.push(line);
  }
  return lines.join('\n');
}

const NEST_DEPTH = 3; // display.pprint_nest_depth
const MAX_SEQ_ITEMS = 100; // display.max_seq_items

/**
 * pandas' `pprint_thing(thing, escape_chars=("\t", "\r", "\n"))` when `escape` (the cell and label formatter), or
 * without escapes: str() of a scalar, containers recursively to depth 3 with their strings unquoted (dicts quote
 * theirs), at most 100 items each.
 */
export function pprintThing(thing: unknown, escape = true, nest = 0, quote = false): string {
  if (thing instanceof PyDict && nest < NEST_DEPTH) {
    const pairs: string[] = [];
    for (const [k, v] of [...thing.items()].slice(0, MAX_SEQ_ITEMS)) pairs.push(pprintThing(k, false, nest + 1, true) + ': ' + pprintThing(v, false, nest + 1, true));
    return '{' + pairs.join(', ') + (thing.size > MAX_SEQ_ITEMS ? ', ...' : '') + '}';
  }
  const items = sequenceItems(thing);
  if (items && nest < NEST_DEPTH) {
    const [open, close] = thing instanceof PyFrozenSet || thing instanceof PyTuple ? ['(', ')'] : thing instanceof PySet ? ['{', '}'] : ['[', ']'];
    let body = items.slice(0, MAX_SEQ_ITEMS).map((item) => pprintThing(item, escape, nest + 1, quote)).join(', ');
    if (items.length > MAX_SEQ_ITEMS) body += ', ...';
    else if (thing instanceof PyTuple && items.length === 1) body += ',';
    return open + body + close;
  }
  const text = escape ? escaped(pyStr(thing)) : pyStr(thing);
  return typeof thing === 'string' && quote ? `'${text}'` : text;
}

function sequenceItems(thing: unknown): readonly unknown[] | undefined {
  if (Array.isArray(thing)) return thing;
  if (thing instanceof PyTuple) return thing.items;
  if (thing instanceof PySet) return [...thing];
  return undefined;
}

function escaped(text: string): string {
  return /[\t\r\n]/.test(text) ? text.replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}
