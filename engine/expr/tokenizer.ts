import { ExprError } from './expr-error.js';

/**
 * Python's tokenizer for the subset Weft compiles: logical lines with INDENT/DEDENT, implicit joining inside
 * brackets, backslash continuation, comments, and str/int/float literals decoded to their values. Positions are
 * 1-based line and column (in UTF-16 units) of the token's first character.
 */
export type TokenKind = 'name' | 'int' | 'float' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The name, operator, or the decoded string text. */
  text: string;
  /** The value of an int or float literal. */
  num: number;
  line: number;
  column: number;
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...',
  '->', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', ':=',
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=',
];

const DIGITS = '\\d(?:_?\\d)*';
const EXPONENT = `[eE][+-]?${DIGITS}`;
const NUMBER = new RegExp(
  [
    `0[xX](?:_?[0-9a-fA-F])+`,
    `0[oO](?:_?[0-7])+`,
    `0[bB](?:_?[01])+`,
    `(?:${DIGITS})?\\.${DIGITS}(?:${EXPONENT})?`,
    `${DIGITS}\\.(?:${EXPONENT})?`,
    `${DIGITS}${EXPONENT}`,
    `${DIGITS}`,
  ].join('|'),
  'y',
);
const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const STRING_START = /([rRuUbBfF]{0,2})('''|"""|'|")/y;
const MAX_INT = 2 ** 53;

/** `expression` mode reads one expression (as Python's `eval` does): indentation is not significant. */
export function tokenize(source: string, mode: 'module' | 'expression' = 'module'): Token[] {
  const tokens: Token[] = [];
  const indents = [0];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let atLineStart = true;
  const brackets: Token[] = [];

  const fail = (message: string, at = pos, code: 'EXPR_SYNTAX' | 'EXPR_UNSUPPORTED' = 'EXPR_SYNTAX', ln = line, ls = lineStart) => {
    throw new ExprError(code, message, ln, at - ls + 1);
  };
  const push = (kind: TokenKind, text: string, start: number, num = 0) => {
    tokens.push({ kind, text, num, line, column: start - lineStart + 1 });
  };

  while (pos <= source.length) {
    if (atLineStart && depth === 0 && mode === 'module') {
      // Measure indentation; blank and comment-only lines do not count.
      let width = 0;
      let p = pos;
      for (; p < source.length; p++) {
        const c = source[p];
        if (c === ' ') width++;
        else if (c === '\t') width = width + 8 - (width % 8);
        else if (c === '\f') width = 0;
        else break;
      }
      const c = source[p];
      if (p >= source.length) {
        pos = p;
        break;
      }
      if (c === '#' || c === '\n' || c === '\r' || (c === '\\' && isNewline(source, p + 1))) {
        pos = p;
        if (c === '#') while (pos < source.length && source[pos] !== '\n' && source[pos] !== '\r') pos++;
        if (source[pos] === '\\') pos++;
        pos = skipNewline(source, pos);
        line++;
        lineStart = pos;
        continue;
      }
      atLineStart = false;
      pos = p;
      const current = indents[indents.length - 1];
      if (width > current) {
        if (tokens.length === 0) fail('unexpected indent');
        indents.push(width);
        push('indent', '', pos);
      } else if (width < current) {
        while (width < indents[indents.length - 1]) {
          indents.pop();
          push('dedent', '', pos);
        }
        if (width !== indents[indents.length - 1]) fail('unindent does not match any outer indentation level');
      }
    }
    if (pos >= source.length) break;
    const c = source[pos];
    if (c === ' ' || c === '\t' || c === '\f') {
      pos++;
      continue;
    }
    if (c === '#') {
      while (pos < source.length && source[pos] !== '\n' && source[pos] !== '\r') pos++;
      continue;
    }
    if (c === '\\') {
      if (!isNewline(source, pos + 1)) fail('unexpected character after line continuation character');
      pos = skipNewline(source, pos + 1);
      line++;
      lineStart = pos;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (depth === 0) {
        push('newline', '', pos);
        atLineStart = true;
      }
      pos = skipNewline(source, pos);
      line++;
      lineStart = pos;
      continue;
    }
    STRING_START.lastIndex = pos;
    const stringMatch = STRING_START.exec(source);
    if (stringMatch) {
      const prefix = stringMatch[1].toLowerCase();
      if (/[bf]/.test(prefix)) {
        fail(prefix.includes('f') ? 'f-strings are not supported' : 'bytes literals are not supported', pos, 'EXPR_UNSUPPORTED');
      }
      if (prefix.length === 2 && prefix !== 'rb' && prefix !== 'br') fail('invalid string prefix');
      const start = pos;
      const startLine = line;
      const startLineStart = lineStart;
      const quote = stringMatch[2];
      const raw = prefix.includes('r');
      pos += stringMatch[0].length;
      let text = '';
      for (;;) {
        if (pos >= source.length) {
          fail(
            quote.length === 3 ? 'unterminated triple-quoted string literal' : 'unterminated string literal',
            start,
            'EXPR_SYNTAX',
            startLine,
            startLineStart,
          );
        }
        const ch = source[pos];
        if (source.startsWith(quote, pos)) {
          pos += quote.length;
          break;
        }
        if (ch === '\n' || ch === '\r') {
          if (quote.length === 1) fail('unterminated string literal', start, 'EXPR_SYNTAX', startLine, startLineStart);
          const next = skipNewline(source, pos);
          text += '\n';
          pos = next;
          line++;
          lineStart = pos;
          continue;
        }
        if (ch === '\\') {
          const escapeStart = pos;
          const next = source[pos + 1];
          // A backslash ending the source: step past it, so that the loop reports the string unterminated.
          if (next === undefined) {
            pos++;
            continue;
          }
          if (next === '\n' || next === '\r') {
            if (raw) text += '\\\n';
            pos = skipNewline(source, pos + 1);
            line++;
            lineStart = pos;
            continue;
          }
          if (raw) {
            // In a raw string a backslash still keeps the next quote from closing the string.
            text += '\\' + next;
            pos += 2;
            continue;
          }
          pos += 2;
          switch (next) {
            case '\\': text += '\\'; break;
            case "'": text += "'"; break;
            case '"': text += '"'; break;
            case 'a': text += '\x07'; break;
            case 'b': text += '\b'; break;
            case 'f': text += '\f'; break;
            case 'n': text += '\n'; break;
            case 'r': text += '\r'; break;
            case 't': text += '\t'; break;
            case 'v': text += '\v'; break;
            case 'x':
            case 'u':
            case 'U': {
              const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
              const hex = source.slice(pos, pos + len);
              if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) {
                fail(`(unicode error) truncated \\${next}${'X'.repeat(len)} escape`, escapeStart);
              }
              const code = parseInt(hex, 16);
              if (code > 0x10ffff) fail('(unicode error) illegal Unicode character', escapeStart);
              text += String.fromCodePoint(code);
              pos += len;
              break;
            }
            case 'N':
              fail('\\N{...} escapes are not supported', escapeStart, 'EXPR_UNSUPPORTED');
              break;
            default:
              if (next >= '0' && next <= '7') {
                let digits = next;
                while (digits.length < 3 && source[pos] >= '0' && source[pos] <= '7') digits += source[pos++];
                text += String.fromCodePoint(parseInt(digits, 8));
              } else {
                // Python keeps unknown escapes such as `\d` as written.
                text += '\\' + next;
              }
          }
          continue;
        }
        text += ch;
        pos++;
      }
      const token: Token = { kind: 'string', text, num: 0, line: startLine, column: start - startLineStart + 1 };
      tokens.push(token);
      continue;
    }
    NUMBER.lastIndex = pos;
    const numberMatch = (c >= '0' && c <= '9') || (c === '.' && /\d/.test(source[pos + 1] ?? '')) ? NUMBER.exec(source) : null;
    if (numberMatch) {
      const text = numberMatch[0];
      const end = pos + text.length;
      const after = source[end] ?? '';
      if (after === 'j' || after === 'J') fail('complex numbers are not supported', pos, 'EXPR_UNSUPPORTED');
      if (/[\p{ID_Continue}]/u.test(after)) fail('invalid decimal literal', end);
      const clean = text.replace(/_/g, '');
      if (/^0[xob]/i.test(clean)) {
        const value = parseInt(clean.slice(2), clean[1].toLowerCase() === 'x' ? 16 : clean[1].toLowerCase() === 'o' ? 8 : 2);
        if (value > MAX_INT) fail('integer literal is too large (Weft ints stop at 2**53)', pos, 'EXPR_UNSUPPORTED');
        push('int', text, pos, value);
      } else if (/[.eE]/.test(clean)) {
        push('float', text, pos, Number(clean));
      } else {
        if (/^0+[1-9]/.test(clean)) {
          fail('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers');
        }
        const value = Number(clean);
        if (value > MAX_INT) fail('integer literal is too large (Weft ints stop at 2**53)', pos, 'EXPR_UNSUPPORTED');
        push('int', text, pos, value);
      }
      pos = end;
      continue;
    }
    NAME.lastIndex = pos;
    const nameMatch = NAME.exec(source);
    if (nameMatch) {
      push('name', nameMatch[0], pos);
      pos += nameMatch[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, pos));
    if (op) {
      push('op', op, pos);
      if (op === '(' || op === '[' || op === '{') {
        depth++;
        brackets.push(tokens[tokens.length - 1]);
      } else if (op === ')' || op === ']' || op === '}') {
        const open = brackets.pop();
        if (!open) fail(`unmatched '${op}'`);
        const expected = open!.text === '(' ? ')' : open!.text === '[' ? ']' : '}';
        if (op !== expected) {
          fail(`closing parenthesis '${op}' does not match opening parenthesis '${open!.text}'`);
        }
        depth--;
      }
      pos += op.length;
      continue;
    }
    fail(`invalid character '${String.fromCodePoint(source.codePointAt(pos)!)}'`);
  }
  if (brackets.length > 0) {
    const open = brackets[brackets.length - 1];
    throw new ExprError('EXPR_SYNTAX', `'${open.text}' was never closed`, open.line, open.column);
  }
  const last = tokens[tokens.length - 1];
  if (last && last.kind !== 'newline' && last.kind !== 'dedent') push('newline', '', pos);
  while (indents.length > 1) {
    indents.pop();
    push('dedent', '', pos);
  }
  push('eof', '', pos);
  return tokens;
}

function isNewline(source: string, pos: number): boolean {
  return source[pos] === '\n' || source[pos] === '\r';
}

function skipNewline(source: string, pos: number): number {
  if (source[pos] === '\r' && source[pos + 1] === '\n') return pos + 2;
  if (source[pos] === '\n' || source[pos] === '\r') return pos + 1;
  return pos;
}
