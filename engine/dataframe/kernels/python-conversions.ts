import { pyRepr, pyStr } from '../../values/repr.js';
import { PyDict, PyFloat, PySet, PyTuple, pyTypeName } from '../../values/py-types.js';
import { PandasError } from '../pandas-error.js';

/**
 * Python's `int(v)`, `float(v)`, `bool(v)` and `str(v)` of an object column's values, which is what numpy's
 * `astype` of an object array calls per element; their errors are Python's, raised as data errors.
 */

const INT_LITERAL = /^[+-]?\d(?:_?\d)*$/;
const FLOAT_LITERAL = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|inf|infinity|nan)$/i;

function dataError(pyType: string, message: string): never {
  throw new PandasError('TASK_FAILED', pyType, message);
}

/** Python's `int(v)`. */
export function pyInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  const x = v instanceof PyFloat ? v.value : v;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) dataError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) dataError('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(x) + 0;
  }
  if (typeof x === 'string') {
    const text = x.trim();
    if (!INT_LITERAL.test(text)) dataError('ValueError', `invalid literal for int() with base 10: ${pyRepr(x)}`);
    return Number(text.replace(/_/g, ''));
  }
  return dataError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(x)}'`);
}

/** numpy's float conversion of an object element: None is NaN, otherwise Python's `float(v)`. */
export function pyFloat(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const text = v.trim();
    if (!FLOAT_LITERAL.test(text)) dataError('ValueError', `could not convert string to float: ${pyRepr(v)}`);
    const lower = text.toLowerCase().replace(/^[+]/, '');
    if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
    if (lower.endsWith('nan')) return NaN;
    return Number(text.replace(/_/g, ''));
  }
  return dataError('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/** Python's truthiness. */
export function pyBool(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.size > 0;
  return true;
}

/** Python's `str(v)`. */
export function pyString(v: unknown): string {
  return pyStr(v);
}
