/** Turns engine values into what the result panel draws: Python's repr, the JSON form, and the top-level type. */
import { pyRepr, toJsonText } from '../../engine/index.js';
import type { NodeResult, ShownValue } from '../ipc/contract.js';

/** The most characters of a repr sent to the renderer; a preview longer than this is cut, and says so. */
const MAX_REPR = 2000;

export function showValue(value: unknown): ShownValue {
  let repr = pyRepr(value);
  if (repr.length > MAX_REPR) repr = repr.slice(0, MAX_REPR) + ' ... (cut)';
  const json: unknown = JSON.parse(toJsonText(value));
  const first = repr[0];
  const pyType = first === '(' && Array.isArray(json) ? 'tuple' : first === '[' ? 'list' : first === '{' && json !== null && typeof json === 'object' && !Array.isArray(json) ? 'dict' : 'other';
  return { repr, json, pyType };
}

/**
 * The elements of a `take` result. The engine gives a Python tuple (a class not exported through engine/index.ts);
 * its JSON form is the list of elements, which is all the preview needs besides each element's own repr.
 */
export function previewOf(takeResult: unknown, npartitions: number, limit: number): NodeResult {
  const items = (takeResult as { items?: unknown[] }).items;
  const elements = Array.isArray(items) ? items : Array.isArray(takeResult) ? takeResult : [];
  return { kind: 'bag-preview', elements: elements.map(showValue), npartitions, limit };
}
