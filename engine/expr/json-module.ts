import { formatFloat } from '../values/float-format.js';
import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';
import { raise } from './py-exception.js';
import { toIndex } from './subscript.js';
import { truthy } from './truthy.js';
import { typeName } from './type-name.js';
import { INT_RANGE_TEXT, MAX_INT } from './int-range.js';
import { checkStrLength, sizedStr } from './size-limit.js';

/**
 * Python's `json.loads` and `json.dumps`. `loads` is a hand-written scanner rather than JSON.parse because Python
 * tells `2` (int) from `2.0` (float), accepts NaN and Infinity, and reports errors as JSONDecodeError with its own
 * wording and position (`Expecting value: line 1 column 1 (char 0)`), which the scanner mirrors from CPython's.
 */
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

export function jsonLoads(text: unknown): unknown {
  if (typeof text !== 'string') {
    return raise('TypeError', `the JSON object must be str, bytes or bytearray, not ${typeName(text)}`);
  }
  const scanner = new Scanner(text);
  scanner.skipWhitespace();
  const value = scanner.value();
  scanner.skipWhitespace();
  if (scanner.pos !== text.length) scanner.fail('Extra data', scanner.pos);
  return value;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string, at: number): never {
    const line = this.text.slice(0, at).split('\n').length;
    const column = at - this.text.lastIndexOf('\n', at - 1);
    return raise('JSONDecodeError', `${message}: line ${line} column ${column} (char ${at})`);
  }

  skipWhitespace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(): unknown {
    const t = this.text;
    const c = t[this.pos];
    switch (c) {
      case '"':
        return this.string();
      case '{':
        return this.object();
      case '[':
        return this.array();
      case 'n':
        if (t.startsWith('null', this.pos)) return this.advance(4, null);
        break;
      case 't':
        if (t.startsWith('true', this.pos)) return this.advance(4, true);
        break;
      case 'f':
        if (t.startsWith('false', this.pos)) return this.advance(5, false);
        break;
      case 'N':
        if (t.startsWith('NaN', this.pos)) return this.advance(3, NaN);
        break;
      case 'I':
        if (t.startsWith('Infinity', this.pos)) return this.advance(8, Infinity);
        break;
      case '-':
        if (t.startsWith('-Infinity', this.pos)) return this.advance(9, -Infinity);
        break;
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(t);
    if (!m) return this.fail('Expecting value', this.pos);
    this.pos += m[0].length;
    const n = Number(m[0]);
    if (m[1] === undefined && m[2] === undefined) {
      if (n > MAX_INT || n < -MAX_INT) raise('OverflowError', `int too large (Weft ints are limited to ${INT_RANGE_TEXT})`);
      return n + 0;
    }
    return Number.isInteger(n) ? new PyFloat(n) : n;
  }

  private advance<T>(length: number, value: T): T {
    this.pos += length;
    return value;
  }

  private string(): string {
    const t = this.text;
    const begin = this.pos;
    let p = this.pos + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= t.length) this.fail('Unterminated string starting at', begin);
      const c = t.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) this.fail('Invalid control character at', p);
      if (c !== 92) {
        p++;
        continue;
      }
      out += t.slice(chunk, p);
      const e = t[p + 1];
      if (e === undefined) this.fail('Unterminated string starting at', begin);
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = t.slice(p + 2, p + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape', p + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          this.fail('Invalid \\escape', p);
      }
      p += 2;
      chunk = p;
    }
    this.pos = p + 1;
    return out + t.slice(chunk, p);
  }

  private object(): PyDict {
    const t = this.text;
    const dict = new PyDict();
    this.pos++;
    this.skipWhitespace();
    if (t[this.pos] === '}') {
      this.pos++;
      return dict;
    }
    for (;;) {
      if (t[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes', this.pos);
      const key = this.string();
      this.skipWhitespace();
      if (t[this.pos] !== ':') this.fail("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
      dict.set(key, this.value());
      this.skipWhitespace();
      const c = t[this.pos];
      if (c === '}') {
        this.pos++;
        return dict;
      }
      if (c !== ',') this.fail("Expecting ',' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
    }
  }

  private array(): unknown[] {
    const t = this.text;
    const items: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (t[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const c = t[this.pos];
      if (c === ']') {
        this.pos++;
        return items;
      }
      if (c !== ',') this.fail("Expecting ',' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
    }
  }
}

export interface DumpsOptions {
  indent?: unknown;
  sort_keys?: unknown;
  ensure_ascii?: unknown;
}

/** `json.dumps(value, indent=None, sort_keys=False, ensure_ascii=True)` with Python's default separators. */
export function jsonDumps(value: unknown, options: DumpsOptions = {}): string {
  let indent: string | null = null;
  if (options.indent !== undefined && options.indent !== null) {
    if (typeof options.indent === 'string') indent = options.indent;
    else {
      const width = Math.max(0, toIndex(options.indent));
      checkStrLength(width);
      indent = ' '.repeat(width);
    }
  }
  const sortKeys = options.sort_keys !== undefined && truthy(options.sort_keys);
  const ascii = options.ensure_ascii === undefined || truthy(options.ensure_ascii);
  const item = indent === null ? ', ' : ',';
  const encode = (v: unknown, depth: number, open: unknown[]): string => {
    switch (typeof v) {
      case 'string':
        return quote(v, ascii);
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        return Number.isInteger(v) ? String(v) : floatText(v);
    }
    if (v === null) return 'null';
    if (v instanceof PyFloat) return floatText(v.value);
    if (open.includes(v)) raise('ValueError', 'Circular reference detected');
    const inner = indent === null ? '' : '\n' + indent.repeat(depth + 1);
    const outer = indent === null ? '' : '\n' + indent.repeat(depth);
    if (Array.isArray(v) || v instanceof PyTuple) {
      const items = Array.isArray(v) ? v : v.items;
      if (items.length === 0) return '[]';
      const parts = items.map((x) => encode(x, depth + 1, [...open, v]));
      return '[' + inner + parts.join(item + inner) + outer + ']';
    }
    if (v instanceof PyDict) {
      if (v.size === 0) return '{}';
      let pairs = [...v.items()].map(([k, x]) => [keyText(k), x] as const);
      if (sortKeys) pairs = pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const parts = pairs.map(([k, x]) => quote(k, ascii) + ': ' + encode(x, depth + 1, [...open, v]));
      return '{' + inner + parts.join(item + inner) + outer + '}';
    }
    const name = v instanceof PySet ? typeName(v) : typeName(v);
    return raise('TypeError', `Object of type ${name} is not JSON serializable`);
  };
  return sizedStr(encode(value, 0, []));
}

function floatText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return formatFloat(v);
}

function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (key === null) return 'null';
  if (typeof key === 'number') return Number.isInteger(key) ? String(key) : floatText(key);
  if (key instanceof PyFloat) return floatText(key.value);
  return raise('TypeError', `keys must be str, int, float, bool or None, not ${typeName(key)}`);
}

function quote(s: string, ascii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ascii && c > 0x7e)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
