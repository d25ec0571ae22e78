import { PyDict, PyFloat, PySet, PyTuple } from './py-types.js';
import { estimateFrameSize, isFrameValue } from '../dataframe/frame-codec.js';

/**
 * Roughly how many bytes a value's encoding takes, without encoding it: what the spill policy counts for results
 * kept as live objects. Strings count their length (UTF-8 of ASCII text), containers their items plus a few bytes.
 */
export function estimateSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 5 + value.length;
    case 'number':
      return 9;
    case 'object': {
      if (value === null) return 1;
      if (Array.isArray(value)) {
        let n = 5;
        for (let i = 0; i < value.length; i++) n += estimateSize(value[i]);
        return n;
      }
      if (value instanceof PyTuple) return estimateSize(value.items);
      if (value instanceof PyFloat) return 9;
      if (value instanceof PyDict) {
        let n = 5;
        for (const [k, v] of value.items()) n += estimateSize(k) + estimateSize(v);
        return n;
      }
      if (value instanceof PySet) return estimateSize([...value]);
      if (isFrameValue(value)) return estimateFrameSize(value);
      return 8;
    }
    default:
      return 1;
  }
}
