import { compareLt } from './compare.js';
import { callable } from './calls.js';
import { truthy } from './truthy.js';
import { toIndex } from './subscript.js';

/**
 * Python's stable sort with `key` and `reverse`. Keys are computed once per item, in order, as Python does. Equal
 * items keep their order under `reverse` too, which a stable sort with the comparison flipped gives (Python reverses,
 * sorts and reverses back, with the same result).
 */
export function sortInPlace(items: unknown[], key: unknown, reverse: unknown): void {
  const descending = reverse === undefined || reverse === null ? false : truthy(toIndex(reverse));
  if (key === undefined || key === null) {
    sortValues(items, descending);
    return;
  }
  const fn = callable(key);
  const keyed = items.map((item) => ({ key: fn(item), item }));
  const sign = descending ? -1 : 1;
  keyed.sort(fastCompare(keyed.map((k) => k.key)) ? (a, b) => sign * nativeCompare(a.key, b.key) : (a, b) => sign * compareLt(a.key, b.key));
  for (let i = 0; i < items.length; i++) items[i] = keyed[i].item;
}

function sortValues(items: unknown[], descending: boolean): void {
  const compare = fastCompare(items) ? nativeCompare : compareLt;
  items.sort(descending ? (a, b) => compare(b, a) : compare);
}

/** True when every value is a plain number without NaN, or every value is a str: JS `<` is then Python's `<`. */
function fastCompare(values: readonly unknown[]): boolean {
  if (values.length === 0) return true;
  const kind = typeof values[0];
  if (kind !== 'number' && kind !== 'string') return false;
  for (const v of values) if (typeof v !== kind || v !== v) return false;
  return true;
}

function nativeCompare(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}
