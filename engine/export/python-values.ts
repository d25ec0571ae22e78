/**
 * Python values reported by a Python process (engine/run/python/run_exported.py with `"values": "typed"`) turned into
 * Weft's own values, so that results computed by Dask print and serialize exactly as if Weft had computed them.
 * The typed JSON keeps what plain JSON loses: `{"$tuple": [...]}`, `{"$set": [...]}`, `{"$dict": [[k, v], ...]}`,
 * `{"$float": x}` (or "nan", "inf", "-inf"), `{"$repr": "..."}` for anything else.
 */
import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';

/** Decodes one typed-JSON value. */
export function fromTypedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromTypedJson);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('$tuple' in record) return new PyTuple((record.$tuple as unknown[]).map(fromTypedJson));
  if ('$set' in record) return new PySet((record.$set as unknown[]).map(fromTypedJson));
  if ('$dict' in record) return PyDict.fromPairs((record.$dict as Array<[unknown, unknown]>).map(([k, v]) => [fromTypedJson(k), fromTypedJson(v)] as const));
  if ('$float' in record) {
    const x = record.$float;
    const number = x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : (x as number);
    return Number.isInteger(number) || Object.is(number, -0) ? new PyFloat(number) : number;
  }
  if ('$repr' in record) return record.$repr;
  throw new Error(`not a typed Python value: ${JSON.stringify(value).slice(0, 200)}`);
}
