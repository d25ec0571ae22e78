import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';

/** Python truthiness: False, None, 0, 0.0, '' and empty containers are false; NaN is true. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length !== 0;
  if (value === null) return false;
  return truthySlow(value);
}

function truthySlow(value: unknown): boolean {
  if (Array.isArray(value)) return value.length !== 0;
  if (value instanceof PyTuple) return value.items.length !== 0;
  if (value instanceof PyDict || value instanceof PySet) return value.size !== 0;
  if (value instanceof PyFloat) return value.value !== 0;
  return true;
}
