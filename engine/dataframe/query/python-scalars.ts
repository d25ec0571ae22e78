import type { Span } from './ast.js';
import type { PyScalar } from './plan.js';
import { fail } from './query-error.js';

/**
 * Python's own arithmetic on constants. numexpr receives pandas' expression as text and builds it by running it as
 * Python with its nodes standing for arrays, so an operation between two constants is done by Python first (`7 // 2`
 * is 3 even though numexpr has no `//`; `1.0 / 0.0` raises ZeroDivisionError). Ints are exact in doubles up to
 * 2**53, which Weft's frames never exceed.
 */

export function pyTypeOf(x: PyScalar): string {
  return x.t === 'none' ? 'NoneType' : x.t;
}

function num(x: PyScalar): number | null {
  if (x.t === 'int' || x.t === 'float') return x.v;
  if (x.t === 'bool') return x.v ? 1 : 0;
  return null;
}

const int = (v: number): PyScalar => ({ t: 'int', v: v + 0 });
const float = (v: number): PyScalar => ({ t: 'float', v });

/** Python's `%` on floats: the result takes the divisor's sign. */
export function pyFloatMod(a: number, b: number): number {
  let r = a % b;
  if (r !== 0) {
    if (b < 0 !== r < 0) r += b;
  } else r = b < 0 ? -0 : 0;
  return r;
}

/** Python's `//` on floats. */
function pyFloatFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return (a / b < 0 ? -0 : 0);
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

function unsupported(op: string, a: PyScalar, b: PyScalar, span: Span): never {
  return fail('TypeError', `unsupported operand type(s) for ${op}: '${pyTypeOf(a)}' and '${pyTypeOf(b)}'`, span);
}

/** `a op b` for two Python constants. */
export function pyBinary(op: string, a: PyScalar, b: PyScalar, span: Span): PyScalar {
  if (['<', '>', '<=', '>=', '==', '!='].includes(op)) return { t: 'bool', v: pyCompare(op, a, b, span) };
  if (op === '&' || op === '|') {
    if (a.t === 'bool' && b.t === 'bool') return { t: 'bool', v: op === '&' ? a.v && b.v : a.v || b.v };
    const x = num(a);
    const y = num(b);
    if (x === null || y === null || a.t === 'float' || b.t === 'float') return unsupported(op, a, b, span);
    return int(op === '&' ? Number(BigInt(x) & BigInt(y)) : Number(BigInt(x) | BigInt(y)));
  }
  const x = num(a);
  const y = num(b);
  if (x === null || y === null) return unsupported(op, a, b, span);
  const isInt = a.t !== 'float' && b.t !== 'float';
  switch (op) {
    case '+':
      return isInt ? int(x + y) : float(x + y);
    case '-':
      return isInt ? int(x - y) : float(x - y);
    case '*':
      return isInt ? int(x * y) : float(x * y);
    case '/':
      if (y === 0) fail('ZeroDivisionError', isInt ? 'division by zero' : 'float division by zero', span);
      return float(x / y);
    case '//':
      if (y === 0) fail('ZeroDivisionError', isInt ? 'integer division or modulo by zero' : 'float floor division by zero', span);
      return isInt ? int(Math.floor(x / y)) : float(pyFloatFloorDiv(x, y));
    case '%':
      if (y === 0) fail('ZeroDivisionError', isInt ? 'integer modulo by zero' : 'float modulo', span);
      return isInt ? int(((x % y) + y) % y) : float(pyFloatMod(x, y));
    case '**': {
      if (x === 0 && y < 0) fail('ZeroDivisionError', '0.0 cannot be raised to a negative power', span);
      if (isInt && y >= 0) return int(x ** y);
      if (x < 0 && !Number.isInteger(y)) fail('TypeError', 'a negative number to a fractional power is complex, which Weft does not support', span);
      return float(x ** y);
    }
  }
  return fail('SyntaxError', `unknown operator ${op}`, span);
}

/** Python's comparison of two constants. */
export function pyCompare(op: string, a: PyScalar, b: PyScalar, span: Span): boolean {
  const x = num(a);
  const y = num(b);
  if (op === '==' || op === '!=') {
    let equal: boolean;
    if (x !== null && y !== null) equal = x === y;
    else if (a.t === 'str' && b.t === 'str') equal = a.v === b.v;
    else equal = a.t === 'none' && b.t === 'none';
    return op === '==' ? equal : !equal;
  }
  let order: number;
  if (x !== null && y !== null) {
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    order = x < y ? -1 : x > y ? 1 : 0;
  } else if (a.t === 'str' && b.t === 'str') order = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  else return fail('TypeError', `'${op}' not supported between instances of '${pyTypeOf(a)}' and '${pyTypeOf(b)}'`, span);
  switch (op) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

/** `-x`, `+x`, `~x` (and pandas' `not x`, which it turns into `~x`) for a Python constant. */
export function pyUnary(op: '-' | '+' | '~', a: PyScalar, span: Span): PyScalar {
  const x = num(a);
  if (x === null || (op === '~' && a.t === 'float')) fail('TypeError', `bad operand type for unary ${op}: '${pyTypeOf(a)}'`, span);
  if (op === '~') return int(-x - 1);
  const v = op === '-' ? -x : x;
  return a.t === 'float' ? float(v) : int(v);
}
