import { pyTypeName } from '../values/py-types.js';
import { PyException } from './py-exception.js';
import { PyGenerator } from './py-generator.js';

interface PyFunctionInfo {
  pyKind?: 'builtin' | 'type' | 'function';
}

/** Python's name for the type of any value the runtime handles, as error messages print it. */
export function typeName(value: unknown): string {
  if (typeof value === 'function') {
    const kind = (value as PyFunctionInfo).pyKind;
    return kind === 'builtin' ? 'builtin_function_or_method' : kind === 'type' ? 'type' : 'function';
  }
  if (value instanceof PyGenerator) return 'generator';
  if (value instanceof PyException) return value.pyType;
  return pyTypeName(value);
}
