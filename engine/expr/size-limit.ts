import { raise } from './py-exception.js';

/**
 * How large one value may grow, so that user code gets Python's MemoryError instead of killing the process. V8 does
 * not throw when an array's backing store passes its maximum (about 112 million elements): it aborts the whole
 * process with "Fatal JavaScript invalid size error", even inside a worker thread. So every operation whose
 * allocation grows with an argument or with iteration checks the size it is about to reach first:
 * - a list or tuple holds at most MAX_ITEMS items (2**26, about 67 million: well below V8's limit);
 * - a str holds at most MAX_STR_LENGTH code units (2**26), so that splitting one cannot build a list past MAX_ITEMS.
 * Dicts and sets are Maps, whose limit (2**24 entries) V8 reports as a RangeError; py-exception.ts maps that, and
 * V8's "Invalid array length" / "Invalid string length" / allocation failures, to MemoryError as well.
 * Memory in total (many values each under the limit) is bounded by the worker's heap limit, not here.
 */
export const MAX_ITEMS = 2 ** 26;
export const MAX_STR_LENGTH = 2 ** 26;

// Formatted only when an error is raised: the first toLocaleString loads ICU's data, ~10 ms of every start-up.
const itemsLimit = () => `${MAX_ITEMS.toLocaleString('en-US')} items`;
const strLimit = () => `${MAX_STR_LENGTH.toLocaleString('en-US')} characters`;

/**
 * Python's MemoryError has no message; Weft's says which limit was reached, since a user who sees it on a machine
 * with memory to spare needs to know that it is Weft's bound and not the machine's.
 */
export function memoryError(message = `a list may hold at most ${itemsLimit()} and a str at most ${strLimit()} in Weft`): never {
  return raise('MemoryError', message);
}

/** Raises MemoryError unless a list or tuple of `count` items may be built. */
export function checkItems(count: number): void {
  if (count > MAX_ITEMS) memoryError(`a list of ${count.toLocaleString('en-US')} items is past Weft's limit of ${itemsLimit()}`);
}

/** Raises MemoryError unless a str of `length` code units may be built. */
export function checkStrLength(length: number): void {
  if (length > MAX_STR_LENGTH) memoryError(`a str of ${length.toLocaleString('en-US')} characters is past Weft's limit of ${strLimit()}`);
}

/** The checked result of a str operation that may have grown. */
export function sizedStr(s: string): string {
  if (s.length > MAX_STR_LENGTH) checkStrLength(s.length);
  return s;
}

/** Appends to a list, refusing to pass MAX_ITEMS. */
export function pushChecked<T>(list: T[], item: T): void {
  if (list.push(item) > MAX_ITEMS) {
    list.pop();
    memoryError();
  }
}

/** The items of any iterable as a fresh array, refusing to pass MAX_ITEMS (a generator may not end). */
export function collect(items: Iterable<unknown>): unknown[] {
  const out: unknown[] = [];
  for (const v of items) if (out.push(v) > MAX_ITEMS) memoryError();
  return out;
}
