/**
 * A fast wrong answer is worthless, so every timed Weft result is checked against Dask's answer to the same file
 * before its time is reported. Results are compared as parsed JSON that keeps the int/float distinction (`2` is not
 * `2.0`) and ignores object key order; element order must match, as every bench output has a Dask-defined order.
 */
import { isDeepStrictEqual } from 'node:util';
import { toJsonText } from '../../engine/index.js';
import { asMultiset, parseJsonKeepingFloats } from '../support/compare-json.js';

/** Thrown when Weft and Dask disagree; the bench aborts on it. */
export class ResultMismatchError extends Error {
  override name = 'ResultMismatchError';
}

/**
 * Throws ResultMismatchError unless Weft's results equal Dask's, both already parsed with parseJsonKeepingFloats
 * (Weft's through resultsAsJson, or from `weft run --json`);
 * outputs named in `unordered` (a groupby's, whose order Dask leaves undefined) are compared as multisets.
 */
export function checkSameJson(pipeline: string, ours: Record<string, unknown>, daskResults: Record<string, unknown>, unordered: readonly string[] = []): void {
  const ids = new Set([...Object.keys(ours), ...Object.keys(daskResults)]);
  for (const id of ids) {
    const [a, b] = unordered.includes(id) ? [asMultiset(ours[id]), asMultiset(daskResults[id])] : [ours[id], daskResults[id]];
    if (isDeepStrictEqual(a, b)) continue;
    throw new ResultMismatchError(
      `${pipeline}: output '${id}' differs from Dask's\n  weft: ${excerpt(ours[id])}\n  dask: ${excerpt(daskResults[id])}`,
    );
  }
}

/** Each output as Weft prints it, parsed back keeping floats (toJsonText takes values, not the results record). */
export function resultsAsJson(results: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(results).map(([id, value]) => [id, parseJsonKeepingFloats(toJsonText(value))]));
}

function excerpt(value: unknown): string {
  const text = value === undefined ? '(missing)' : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
