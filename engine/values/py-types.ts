/**
 * How Python values live in JavaScript, for the expression runtime and the operation kernels alike.
 *
 * - None → `null`; bool → `boolean`; str → `string`; list → a plain `Array`.
 * - int → an integral `number` (Weft's ints stop at 2**53 - 1; arithmetic past it raises OverflowError).
 * - float → a non-integral `number` (including NaN and ±Infinity), or a {@link PyFloat} box when the float's value
 *   is integral (`2.0`, `-0.0`), so that `str(4 / 2)` is `'2.0'` as in Python while the common case stays unboxed.
 * - tuple → {@link PyTuple}, dict → {@link PyDict}, set → {@link PySet}: wrappers, because Python tells a tuple from a
 *   list (hashability, repr) and a dict's keys may be tuples or numbers.
 */

/** A Python float whose value happens to be integral (`2.0`); non-integral floats are plain numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python tuple: an immutable sequence. */
export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
  get length(): number {
    return this.items.length;
  }
}

/** The key a Python value hashes to in a JS `Map`: equal Python values (`1`, `1.0`, `True`) give equal keys. */
export type HashKey = string | number | null;

/** Raised for a value that Python would not hash (list, dict, set). */
export class UnhashableError extends Error {
  constructor(readonly typeName: string) {
    super(`unhashable type: '${typeName}'`);
  }
}

const COMPOSITE = '\u0001';

/**
 * The Map key for a hashable Python value. Strings map to themselves (the hot path of frequencies and foldby), numbers
 * and bools to their numeric value, tuples to a tagged canonical string that no plain string can equal.
 */
export function hashKey(value: unknown): HashKey {
  switch (typeof value) {
    case 'string':
      return value.charCodeAt(0) === 1 ? COMPOSITE + 's' + value : value;
    case 'number':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'object':
      if (value === null) return null;
      if (value instanceof PyFloat) return value.value;
      if (value instanceof PyTuple) return COMPOSITE + '(' + canonicalParts(value.items) + ')';
      if (value instanceof PyFrozenSet) return COMPOSITE + '{' + [...value.keys()].map(canonicalPart).sort().join(',') + '}';
      throw new UnhashableError(pyTypeName(value));
    default:
      throw new UnhashableError(pyTypeName(value));
  }
}

function canonicalParts(items: readonly unknown[]): string {
  return items.map(canonicalPart).join(',');
}

function canonicalPart(item: unknown): string {
  const key = hashKey(item);
  if (typeof key === 'string') return JSON.stringify(key);
  if (key === null) return 'N';
  return 'n' + (Object.is(key, -0) ? 0 : key);
}

/** Python's name for a value's type, as error messages print it. */
export function pyTypeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'function';
    case 'object':
      if (value === null) return 'NoneType';
      if (Array.isArray(value)) return 'list';
      if (value instanceof PyFloat) return 'float';
      if (value instanceof PyTuple) return 'tuple';
      if (value instanceof PyDict) return 'dict';
      if (value instanceof PyFrozenSet) return 'frozenset';
      if (value instanceof PySet) return 'set';
      return 'object';
    default:
      return typeof value;
  }
}

/** A Python dict: insertion-ordered, keyed by Python equality. */
export class PyDict {
  private readonly entries = new Map<HashKey, [unknown, unknown]>();

  static fromPairs(pairs: Iterable<readonly [unknown, unknown]>): PyDict {
    const dict = new PyDict();
    for (const [k, v] of pairs) dict.set(k, v);
    return dict;
  }

  get size(): number {
    return this.entries.size;
  }
  has(key: unknown): boolean {
    return this.entries.has(hashKey(key));
  }
  get(key: unknown): unknown {
    return this.entries.get(hashKey(key))?.[1];
  }
  /** The stored entry, so callers can tell a missing key from a `None` value. */
  entry(key: unknown): [unknown, unknown] | undefined {
    return this.entries.get(hashKey(key));
  }
  set(key: unknown, value: unknown): void {
    const h = hashKey(key);
    const existing = this.entries.get(h);
    // Python keeps the first key object on update (d[1] = x then d[1.0] = y leaves key 1).
    if (existing) existing[1] = value;
    else this.entries.set(h, [key, value]);
  }
  delete(key: unknown): boolean {
    return this.entries.delete(hashKey(key));
  }
  clear(): void {
    this.entries.clear();
  }
  *keys(): IterableIterator<unknown> {
    for (const e of this.entries.values()) yield e[0];
  }
  *values(): IterableIterator<unknown> {
    for (const e of this.entries.values()) yield e[1];
  }
  items(): IterableIterator<[unknown, unknown]> {
    return this.entries.values();
  }
}

/** A Python set: insertion-ordered here (Python's order is by hash, so no caller may rely on any order). */
export class PySet {
  protected readonly members = new Map<HashKey, unknown>();

  constructor(items?: Iterable<unknown>) {
    if (items) for (const item of items) this.add(item);
  }
  get size(): number {
    return this.members.size;
  }
  has(item: unknown): boolean {
    return this.members.has(hashKey(item));
  }
  add(item: unknown): void {
    const h = hashKey(item);
    if (!this.members.has(h)) this.members.set(h, item);
  }
  delete(item: unknown): boolean {
    return this.members.delete(hashKey(item));
  }
  clear(): void {
    this.members.clear();
  }
  keys(): IterableIterator<unknown> {
    return this.members.values();
  }
  [Symbol.iterator](): IterableIterator<unknown> {
    return this.members.values();
  }
}

/** A Python frozenset: a hashable set. */
export class PyFrozenSet extends PySet {}

/** Wraps a float result so that integral floats stay floats (`2.0`), leaving non-integral ones unboxed. */
export function makeFloat(value: number): number | PyFloat {
  return Number.isInteger(value) ? new PyFloat(value) : value;
}

/** The JS number behind an int, float or bool. */
export function numberOf(value: number | boolean | PyFloat): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value.value;
}

/** True for a Python float (boxed or not). */
export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}
