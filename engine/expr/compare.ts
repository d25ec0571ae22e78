import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';
import { raise } from './py-exception.js';
import { PyGenerator } from './py-generator.js';
import { typeName } from './type-name.js';

/**
 * Python's comparisons on the value model. `==` treats 1, 1.0 and True as equal and compares containers by value;
 * ordering compares numbers, strs (by UTF-16 unit, which matches Python's code-point order except between astral
 * characters and U+E000..U+FFFF), lists and tuples lexicographically, and sets by inclusion; any other pair raises
 * TypeError as Python does.
 */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === typeof b && (ta === 'number' || ta === 'string')) return false;
  return eqSlow(a, b);
}

export function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  return null;
}

function eqSlow(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return false;
  const x = numeric(a);
  if (x !== null) {
    const y = numeric(b);
    return y !== null && x === y;
  }
  if (Array.isArray(a)) return Array.isArray(b) && itemsEqual(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && itemsEqual(a.items, b.items);
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    for (const [k, v] of a.items()) {
      const other = b.entry(k);
      if (!other || !eq(v, other[1])) return false;
    }
    return true;
  }
  if (a instanceof PySet) {
    if (!(b instanceof PySet) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  return false;
}

function itemsEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !eq(a[i], b[i])) return false;
  return true;
}

type Order = '<' | '<=' | '>' | '>=';

export function lt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return order('<', a, b);
}
export function le(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  return order('<=', a, b);
}
export function gt(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a > b;
  if (typeof a === 'string' && typeof b === 'string') return a > b;
  return order('>', a, b);
}
export function ge(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  if (typeof a === 'string' && typeof b === 'string') return a >= b;
  return order('>=', a, b);
}

function apply(op: Order, x: number | string, y: number | string): boolean {
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function order(op: Order, a: unknown, b: unknown): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) return apply(op, x, y);
  if (typeof a === 'string' && typeof b === 'string') return apply(op, a, b);
  if (Array.isArray(a) && Array.isArray(b)) return orderItems(op, a, b);
  if (a instanceof PyTuple && b instanceof PyTuple) return orderItems(op, a.items, b.items);
  if (a instanceof PySet && b instanceof PySet) {
    const subset = (s: PySet, t: PySet) => [...s].every((v) => t.has(v));
    switch (op) {
      case '<':
        return a.size < b.size && subset(a, b);
      case '<=':
        return subset(a, b);
      case '>':
        return a.size > b.size && subset(b, a);
      case '>=':
        return subset(b, a);
    }
  }
  return raise('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Lexicographic order: the first unequal items decide, else the lengths do. */
function orderItems(op: Order, a: readonly unknown[], b: readonly unknown[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i] || eq(a[i], b[i])) continue;
    return order(op, a[i], b[i]);
  }
  return apply(op, a.length, b.length);
}

/** A comparison function for sorting with Python's `<` (the only comparison list.sort uses). */
export function compareLt(a: unknown, b: unknown): number {
  return lt(a, b) ? -1 : lt(b, a) ? 1 : 0;
}

/** `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item === 'string') return container.includes(item);
    return raise('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
  }
  if (Array.isArray(container)) return includesItem(container, item);
  if (container instanceof PyDict || container instanceof PySet) return container.has(item);
  if (container instanceof PyTuple) return includesItem(container.items, item);
  if (container instanceof PyGenerator) {
    for (const v of container) if (v === item || eq(v, item)) return true;
    return false;
  }
  return raise('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

function includesItem(items: readonly unknown[], item: unknown): boolean {
  // A str equals only a str, so the native search is exact for it.
  if (typeof item === 'string') return items.includes(item);
  for (let i = 0, n = items.length; i < n; i++) {
    const v = items[i];
    if (v === item || eq(v, item)) return true;
  }
  return false;
}
