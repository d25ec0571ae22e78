import type { Span } from './ast.js';
import { fail } from './query-error.js';

/**
 * Python's tokens for one line of a `query`/`eval` expression, as pandas' `tokenize_string` sees them: names,
 * numbers, strings, operators, and backtick-quoted names (pandas' BACKTICK_QUOTED_STRING, the raw text between the
 * backticks). `@name` is a token of its own so that the checker can refuse it where it stands. A `#` starts a
 * comment, as in Python.
 */

export type Token =
  | ({ kind: 'name'; text: string } & Span)
  | ({ kind: 'backtick'; text: string } & Span)
  | ({ kind: 'number'; value: number; isFloat: boolean } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'op'; text: string } & Span)
  | ({ kind: 'local'; text: string } & Span)
  | ({ kind: 'end' } & Span);

const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '<<', '>>', '->', ':=', '+', '-', '*', '/', '%', '<', '>', '=', '(', ')', '[', ']', '{', '}', ',', '.', ':', ';', '&', '|', '^', '~'];
const IDENT_START = /[\p{L}\p{Nl}_\u1885\u1886\u2118\u212e\u309b\u309c]/u;
const IDENT_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_\u00b7\u0387\u1369-\u1371\u19da]/u;

/** The tokens of `line`, whose first character is at `offset` in the whole expression. */
export function tokenizeLine(line: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') break;
    const start = offset + i;
    if (c === '`') {
      const close = line.indexOf('`', i + 1);
      if (close < 0) fail('SyntaxError', `Failed to parse backticks in '${line}'.`, { start, end: offset + line.length });
      tokens.push({ kind: 'backtick', text: line.slice(i + 1, close), start, end: offset + close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      while (j < line.length && IDENT_PART.test(line[j])) j++;
      tokens.push({ kind: 'local', text: line.slice(i + 1, j), start, end: offset + j });
      i = j;
      continue;
    }
    const stringEnd = scanStringStart(line, i);
    if (stringEnd !== null) {
      const { prefix, quoteAt } = stringEnd;
      const [value, next] = readString(line, quoteAt, prefix, offset);
      tokens.push({ kind: 'string', value, start, end: offset + next });
      i = next;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(line[i + 1] ?? ''))) {
      const [value, isFloat, next] = readNumber(line, i, offset);
      tokens.push({ kind: 'number', value, isFloat, start, end: offset + next });
      i = next;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < line.length && IDENT_PART.test(line[j])) j++;
      tokens.push({ kind: 'name', text: line.slice(i, j), start, end: offset + j });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i));
    if (op === undefined) fail('SyntaxError', `invalid character '${c}'`, { start, end: start + 1 });
    tokens.push({ kind: 'op', text: op, start, end: start + op.length });
    i += op.length;
  }
  tokens.push({ kind: 'end', start: offset + line.length, end: offset + line.length });
  return tokens;
}

/** Where a string literal starts at `i` (after an optional r/u/b/f prefix), or null. */
function scanStringStart(line: string, i: number): { prefix: string; quoteAt: number } | null {
  let j = i;
  while (j < line.length && j - i < 2 && /[rRuUbBfF]/.test(line[j])) j++;
  if (line[j] !== '"' && line[j] !== "'") return null;
  const prefix = line.slice(i, j).toLowerCase();
  if (!['', 'r', 'u', 'b', 'f', 'rb', 'br', 'fr', 'rf'].includes(prefix)) return null;
  return { prefix, quoteAt: j };
}

function readString(line: string, q: number, prefix: string, offset: number): [string, number] {
  const span = { start: offset + q - prefix.length, end: offset + line.length };
  if (prefix.includes('b')) fail('SyntaxError', 'bytes literals are not supported in query expressions', span);
  if (prefix.includes('f')) fail('SyntaxError', 'f-strings are not supported in query expressions', span);
  const quote = line.startsWith(line[q].repeat(3), q) ? line[q].repeat(3) : line[q];
  const isRaw = prefix.includes('r');
  let out = '';
  let i = q + quote.length;
  while (i < line.length) {
    if (line.startsWith(quote, i)) return [out, i + quote.length];
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      if (isRaw) {
        out += c + line[i + 1];
        i += 2;
        continue;
      }
      const [text, next] = readEscape(line, i, offset);
      out += text;
      i = next;
      continue;
    }
    out += c;
    i++;
  }
  return fail('SyntaxError', 'unterminated string literal', span);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

function readEscape(line: string, i: number, offset: number): [string, number] {
  const c = line[i + 1];
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], i + 2];
  const hex = (n: number): [string, number] => {
    const digits = line.slice(i + 2, i + 2 + n);
    if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) fail('SyntaxError', `truncated \\${c} escape`, { start: offset + i, end: offset + i + 2 + digits.length });
    return [String.fromCodePoint(parseInt(digits, 16)), i + 2 + n];
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') return hex(8);
  const octal = /^[0-7]{1,3}/.exec(line.slice(i + 1));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), i + 1 + octal[0].length];
  if (c === 'N') fail('SyntaxError', 'named unicode escapes are not supported in query expressions', { start: offset + i, end: offset + i + 2 });
  return ['\\' + c, i + 2];
}

const NUMBER = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?)[jJ]?/;

function readNumber(line: string, i: number, offset: number): [number, boolean, number] {
  const m = NUMBER.exec(line.slice(i));
  const text = m ? m[0] : line[i];
  const span = { start: offset + i, end: offset + i + text.length };
  if (/[jJ]$/.test(text)) fail('TypeError', 'complex numbers are not supported in query expressions', span);
  if (IDENT_PART.test(line[i + text.length] ?? '')) fail('SyntaxError', 'invalid decimal literal', { start: span.start, end: span.end + 1 });
  const clean = text.replace(/_/g, '');
  if (/^0[xXoObB]/.test(clean)) {
    const base = { x: 16, o: 8, b: 2 }[clean[1].toLowerCase() as 'x' | 'o' | 'b'];
    return [parseInt(clean.slice(2), base), false, i + text.length];
  }
  const isFloat = /[.eE]/.test(clean);
  if (!isFloat && /^0[0-9]/.test(clean) && /[1-9]/.test(clean)) {
    fail('SyntaxError', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', span);
  }
  return [Number(clean), isFloat, i + text.length];
}
