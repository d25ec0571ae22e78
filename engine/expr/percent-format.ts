import { PyDict, PyFloat, PyTuple } from '../values/py-types.js';
import { reprOf, strOf } from './builtins.js';
import { exponentDigits, exponentText, fixedDigits } from './float-digits.js';
import { raise } from './py-exception.js';
import { getItem } from './subscript.js';
import { typeName } from './type-name.js';
import { checkStrLength, sizedStr } from './size-limit.js';

/**
 * `text % args`, Python's printf-style formatting: `%[(key)][flags][width][.precision]type` with the types
 * s r a d i u x X o c e E f F g G %, flags `-+ 0#`, `*` widths, and a mapping for `%(key)s`.
 */
export function percentFormat(format: string, args: unknown): string {
  const items = args instanceof PyTuple ? args.items : [args];
  // Python treats any non-tuple, non-str argument with __getitem__ as a possible mapping.
  const mapping = !(args instanceof PyTuple) && typeof args !== 'string' && (args instanceof PyDict || Array.isArray(args)) ? args : null;
  let next = 0;
  const take = (): unknown => {
    if (next >= items.length) raise('TypeError', 'not enough arguments for format string');
    return items[next++];
  };
  let out = '';
  let i = 0;
  let usedKey = false;
  while (i < format.length) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    if (i >= format.length) raise('ValueError', 'incomplete format');
    let value: unknown;
    let hasValue = false;
    if (format[i] === '(') {
      if (!mapping) raise('TypeError', 'format requires a mapping');
      let depth = 1;
      let j = i + 1;
      while (j < format.length && depth > 0) {
        if (format[j] === '(') depth++;
        else if (format[j] === ')') depth--;
        j++;
      }
      if (depth > 0) raise('ValueError', 'incomplete format key');
      value = getItem(mapping, format.slice(i + 1, j - 1));
      hasValue = true;
      usedKey = true;
      i = j;
    }
    let flags = '';
    while (i < format.length && '-+ #0'.includes(format[i])) flags += format[i++];
    let width = 0;
    if (format[i] === '*') {
      width = intArg(take(), '* wants int');
      if (width < 0) {
        flags += '-';
        width = -width;
      }
      i++;
    } else {
      while (i < format.length && format[i] >= '0' && format[i] <= '9') width = width * 10 + Number(format[i++]);
    }
    let precision: number | null = null;
    if (format[i] === '.') {
      i++;
      precision = 0;
      if (format[i] === '*') {
        precision = Math.max(0, intArg(take(), '* wants int'));
        i++;
      } else {
        while (i < format.length && format[i] >= '0' && format[i] <= '9') precision = precision * 10 + Number(format[i++]);
      }
    }
    while (i < format.length && 'hlL'.includes(format[i])) i++;
    if (i >= format.length) raise('ValueError', 'incomplete format');
    const type = format[i++];
    if (type === '%') {
      out += '%';
      continue;
    }
    if (!hasValue) value = mapping && usedKey ? mapping : take();
    out += convert(type, value, flags, width, precision, i - 1);
  }
  if (next < items.length && !mapping) raise('TypeError', 'not all arguments converted during string formatting');
  return sizedStr(out);
}

function intArg(value: unknown, message: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return raise('TypeError', message);
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PyFloat) return value.value;
  return null;
}

function pad(body: string, sign: string, flags: string, width: number, numeric: boolean): string {
  const length = sign.length + body.length;
  if (width <= length) return sign + body;
  checkStrLength(width);
  if (flags.includes('-')) return sign + body + ' '.repeat(width - length);
  if (numeric && flags.includes('0')) return sign + '0'.repeat(width - length) + body;
  return ' '.repeat(width - length) + sign + body;
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return '-';
  if (flags.includes('+')) return '+';
  if (flags.includes(' ')) return ' ';
  return '';
}

function convert(type: string, value: unknown, flags: string, width: number, precision: number | null, at: number): string {
  // A precision is a count of digits to write: one past the str limit is a MemoryError before any work.
  if (precision !== null && type !== 's' && type !== 'r' && type !== 'a') checkStrLength(precision);
  switch (type) {
    case 's':
    case 'r':
    case 'a': {
      let text = type === 's' ? strOf(value) : reprOf(value);
      if (precision !== null) text = text.slice(0, precision);
      return pad(text, '', flags.replace('0', ''), width, false);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      let n = numberOf(value);
      const isInt = (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'boolean';
      if (n === null || (!isInt && 'xXo'.includes(type))) {
        const what = 'xXo'.includes(type) ? 'an integer is required' : 'a real number is required';
        return raise('TypeError', `%${type} format: ${what}, not ${typeName(value)}`);
      }
      if (!isInt) {
        if (Number.isNaN(n)) raise('ValueError', 'cannot convert float NaN to integer');
        if (!Number.isFinite(n)) raise('OverflowError', 'cannot convert float infinity to integer');
        n = Math.trunc(n);
      }
      const negative = n < 0;
      const abs = Math.abs(n);
      // BigInt prints a large integral float in full (1e22 → 10000000000000000000000), as Python's int() would.
      const whole = BigInt(abs);
      let digits = type === 'x' ? whole.toString(16) : type === 'X' ? whole.toString(16).toUpperCase() : type === 'o' ? whole.toString(8) : whole.toString();
      if (precision !== null && digits.length < precision) {
        checkStrLength(precision);
        digits = '0'.repeat(precision - digits.length) + digits;
      }
      const prefix = flags.includes('#') ? (type === 'x' ? '0x' : type === 'X' ? '0X' : type === 'o' ? '0o' : '') : '';
      return pad(digits, signOf(negative, flags) + prefix, flags, width, true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = numberOf(value);
      if (n === null) return raise('TypeError', `must be real number, not ${typeName(value)}`);
      return pad(...formatFloat(n, type, flags, precision ?? 6), flags, width, Number.isFinite(n));
    }
    case 'c': {
      let ch: string;
      if (typeof value === 'string' && [...value].length === 1) ch = value;
      else if ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'boolean') {
        const code = Number(value);
        if (code < 0 || code > 0x10ffff) raise('OverflowError', '%c arg not in range(0x110000)');
        ch = String.fromCodePoint(code);
      } else {
        return raise('TypeError', '%c requires int or char');
      }
      return pad(ch, '', flags.replace('0', ''), width, false);
    }
    default: {
      const code = type.codePointAt(0)!;
      return raise('ValueError', `unsupported format character '${type}' (0x${code.toString(16)}) at index ${at}`);
    }
  }
}

/** The body and sign of a float under %e, %f or %g. */
function formatFloat(n: number, type: string, flags: string, precision: number): [string, string] {
  const upper = type === 'E' || type === 'F' || type === 'G';
  const negative = n < 0 || Object.is(n, -0);
  const sign = signOf(negative, flags);
  const abs = Math.abs(n);
  if (Number.isNaN(n)) return [upper ? 'NAN' : 'nan', signOf(false, flags)];
  if (!Number.isFinite(n)) return [upper ? 'INF' : 'inf', sign];
  const alt = flags.includes('#');
  let body: string;
  if (type === 'f' || type === 'F') {
    body = fixedDigits(abs, precision);
    if (alt && precision === 0) body += '.';
  } else if (type === 'e' || type === 'E') {
    const { mantissa, exponent } = exponentDigits(abs, precision);
    body = mantissa + (alt && precision === 0 ? '.' : '') + 'e' + exponentText(exponent);
  } else {
    const p = precision === 0 ? 1 : precision;
    const { exponent } = exponentDigits(abs, p - 1);
    if (exponent >= -4 && exponent < p) {
      body = fixedDigits(abs, p - 1 - exponent);
      if (!alt && body.includes('.')) body = body.replace(/\.?0+$/, '');
    } else {
      let { mantissa } = exponentDigits(abs, p - 1);
      if (!alt && mantissa.includes('.')) mantissa = mantissa.replace(/\.?0+$/, '');
      body = mantissa + 'e' + exponentText(exponent);
    }
  }
  return [upper ? body.toUpperCase() : body, sign];
}
