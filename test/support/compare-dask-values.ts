/**
 * Comparing a value Weft printed with the one Dask printed (both parsed by parseJsonKeepingFloats), the rule the
 * DataFrame differential tests use: the same shape, the same JSON kinds (a float `2.0` is not the int `2`), ints,
 * strings, booleans and nulls equal, floats equal to 1e-12 relative (Dask's summation order can be matched but a
 * kernel may add in another order).
 */

/** Relative tolerance for floats. */
export const FLOAT_TOLERANCE = 1e-12;

interface MarkedFloat {
  $float: number;
}

function isMarkedFloat(v: unknown): v is MarkedFloat {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as MarkedFloat).$float === 'number';
}

function floatsClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** The first place where `actual` and `expected` differ, as a path and both values; null when they agree. */
export function firstDifference(actual: unknown, expected: unknown, at = '$'): string | null {
  if (isMarkedFloat(expected) || isMarkedFloat(actual)) {
    if (!isMarkedFloat(expected) || !isMarkedFloat(actual)) return `${at}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)} (a float and a non-float)`;
    return floatsClose(actual.$float, expected.$float) ? null : `${at}: ${actual.$float} vs ${expected.$float}`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${at}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`;
    if (actual.length !== expected.length) return `${at}: length ${actual.length} vs ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of [...keys].sort()) {
      if (!(k in actual) || !(k in expected)) return `${at}.${k}: ${k in actual ? 'unexpected' : 'missing'}`;
      const d = firstDifference((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return actual === expected ? null : `${at}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`;
}

/** Throws, naming the first difference, unless the values agree under the rule above. */
export function assertDaskEqual(actual: unknown, expected: unknown, message: string): void {
  const d = firstDifference(actual, expected);
  if (d) throw new Error(`${message}: ${d}`);
}
