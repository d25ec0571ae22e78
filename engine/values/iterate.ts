import { PyDict, PySet, PyTuple } from './py-types.js';

/** Iterates a Python iterable (list, tuple, str, dict keys, set); throws a plain TypeError for anything else. */
export function* iterateValue(value: unknown): Iterable<unknown> {
  if (Array.isArray(value)) return yield* value;
  if (value instanceof PyTuple) return yield* value.items;
  if (typeof value === 'string') return yield* value;
  if (value instanceof PyDict) return yield* value.keys();
  if (value instanceof PySet) return yield* value;
  throw new TypeError('not iterable');
}
