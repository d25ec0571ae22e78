import { formatFloat } from './float-format.js';
import { isFrameValue } from '../dataframe/frame-codec.js';
import { frameRepr, seriesRepr } from '../dataframe/frame-repr.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from './py-types.js';

/**
 * Python's `repr()` and `str()` of any value in the model (see py-types.ts). Sets print in insertion order here while
 * Python prints them in hash order, so callers comparing with Python must not rely on set order. Functions print as
 * `<function name>` (Python adds an address, which means nothing across processes). Self-containing lists and dicts
 * print `[...]` / `{...}` as Python does, so a cycle cannot hang an error message.
 */
export function pyRepr(value: unknown): string {
  return reprOf(value, []);
}

/** Python's `str()`: a string is itself, everything else prints as its repr. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : reprOf(value, []);
}

/** An optional `pyName` on a JS function gives the name Python would show (`len`, `<lambda>`). */
interface NamedFunction {
  pyName?: string;
  pyKind?: 'builtin' | 'type' | 'function';
}

function reprOf(value: unknown, open: unknown[]): string {
  switch (typeof value) {
    case 'string':
      return reprString(value);
    case 'number':
      return Number.isInteger(value) ? (value === 0 ? '0' : String(value)) : formatFloat(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'function': {
      const fn = value as NamedFunction;
      const name = fn.pyName ?? 'function';
      if (fn.pyKind === 'type') return `<class '${name}'>`;
      if (fn.pyKind === 'builtin') return `<built-in function ${name}>`;
      return `<function ${name}>`;
    }
    case 'object': {
      if (value === null) return 'None';
      if (value instanceof PyFloat) return formatFloat(value.value);
      // What pandas prints for a DataFrame or Series (truncated as pandas truncates).
      if (isFrameValue(value)) return value.kind === 'frame' ? frameRepr(value) : seriesRepr(value);
      if (open.includes(value)) return Array.isArray(value) ? '[...]' : '{...}';
      if (Array.isArray(value)) return '[' + itemsRepr(value, value, open) + ']';
      if (value instanceof PyTuple) {
        const items = value.items;
        if (items.length === 1) return '(' + nested(items[0], value, open) + ',)';
        return '(' + itemsRepr(items, value, open) + ')';
      }
      // Runtime objects outside the value model (a generator) know their own repr.
      if (typeof (value as { repr?: unknown }).repr === 'function') return (value as { repr(): string }).repr();
      if (value instanceof PyDict) {
        open.push(value);
        const parts: string[] = [];
        for (const [k, v] of value.items()) parts.push(reprOf(k, open) + ': ' + reprOf(v, open));
        open.pop();
        return '{' + parts.join(', ') + '}';
      }
      if (value instanceof PyFrozenSet) {
        return value.size === 0 ? 'frozenset()' : 'frozenset({' + itemsRepr([...value], value, open) + '})';
      }
      if (value instanceof PySet) return value.size === 0 ? 'set()' : '{' + itemsRepr([...value], value, open) + '}';
      return '<object>';
    }
    default:
      return String(value);
  }
}

function nested(item: unknown, container: unknown, open: unknown[]): string {
  open.push(container);
  const text = reprOf(item, open);
  open.pop();
  return text;
}

function itemsRepr(items: readonly unknown[], container: unknown, open: unknown[]): string {
  open.push(container);
  let text = '';
  for (let i = 0; i < items.length; i++) text += (i ? ', ' : '') + reprOf(items[i], open);
  open.pop();
  return text;
}

// Python's str.isprintable() is false for the Unicode categories Other (Cc, Cf, Cs, Co, Cn) and Separator (Zl, Zp,
// Zs) except the ASCII space; repr escapes exactly those characters.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NEEDS_ESCAPE = /[\\'"\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr of a str: single quotes unless the text holds a `'` and no `"`; non-printables escaped. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPE.test(text)) return quote + text + quote;
  let out = quote;
  for (const ch of text) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case ' ':
        out += ' ';
        continue;
    }
    if (ch === quote) {
      out += '\\' + ch;
      continue;
    }
    if (NON_PRINTABLE.test(ch)) {
      const code = ch.codePointAt(0)!;
      if (code < 0x100) out += '\\x' + code.toString(16).padStart(2, '0');
      else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
      else out += '\\U' + code.toString(16).padStart(8, '0');
      continue;
    }
    out += ch;
  }
  return out + quote;
}
