import { formatFloat } from './float-format.js';
import { isFrameValue } from '../dataframe/frame-codec.js';
import { frameToJson } from '../dataframe/frame-json.js';
import { PyDict, PyFloat, PySet, PyTuple } from './py-types.js';

/**
 * Python values as JSON text, the way Weft prints results: tuples and sets as arrays, floats with Python's digits
 * (`2.0`, `1e-05`), dicts as objects when every key is a string and as lists of pairs otherwise. NaN and infinities,
 * which JSON cannot carry, become null. A plain JS record is written as an object.
 */
export function toJsonText(value: unknown, indent = 0): string {
  return write(value, indent, '');
}

function write(value: unknown, indent: number, pad: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) return 'null';
      return Number.isInteger(value) ? String(value === 0 ? 0 : value) : formatFloat(value);
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof PyFloat) return Number.isFinite(value.value) ? formatFloat(value.value) : 'null';
      if (Array.isArray(value)) return writeList(value, indent, pad);
      if (value instanceof PyTuple) return writeList(value.items, indent, pad);
      if (value instanceof PySet) return writeList([...value], indent, pad);
      if (value instanceof PyDict) return writeDict(value, indent, pad);
      // A DataFrame or Series as pandas' orient="split" with its dtypes.
      if (isFrameValue(value)) return write(frameToJson(value), indent, pad);
      // A plain record (results keyed by node id) is written as an object of its entries.
      if (Object.getPrototypeOf(value) === Object.prototype) return writeDict(PyDict.fromPairs(Object.entries(value)), indent, pad);
      return 'null';
    }
    default:
      return 'null';
  }
}

function writeList(items: readonly unknown[], indent: number, pad: string): string {
  if (items.length === 0) return '[]';
  const inner = pad + ' '.repeat(indent);
  const parts = items.map((item) => write(item, indent, inner));
  return indent ? '[\n' + inner + parts.join(',\n' + inner) + '\n' + pad + ']' : '[' + parts.join(', ') + ']';
}

function writeDict(dict: PyDict, indent: number, pad: string): string {
  const pairs = [...dict.items()];
  if (!pairs.every(([k]) => typeof k === 'string')) return writeList(pairs.map((p) => new PyTuple(p)), indent, pad);
  if (pairs.length === 0) return '{}';
  const inner = pad + ' '.repeat(indent);
  const parts = pairs.map(([k, v]) => JSON.stringify(k) + ': ' + write(v, indent, inner));
  return indent ? '{\n' + inner + parts.join(',\n' + inner) + '\n' + pad + '}' : '{' + parts.join(', ') + '}';
}
