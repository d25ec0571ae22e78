import { PyDict } from './py-types.js';

/**
 * The Python value a JSON param spells: objects become dicts, arrays lists, numbers ints (JSON cannot say `2.0`, so
 * a param that must be a float is written with a fraction or as Python source).
 */
export function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') {
    return PyDict.fromPairs(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)] as const));
  }
  return value;
}
