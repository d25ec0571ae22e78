import { pyRepr } from '../values/repr.js';
import { PyDict, PyFrozenSet, PySet, PyTuple } from '../values/py-types.js';
import { checkArity } from './arity.js';
import { eq } from './compare.js';
import { itemsOf, iter } from './iterate.js';
import { raise, raiseKeyError } from './py-exception.js';
import { sortInPlace } from './sort.js';
import type { MethodImpl } from './str-methods.js';
import { toIndex } from './subscript.js';
import { nameTable } from './name-table.js';
import { checkItems, pushChecked } from './size-limit.js';

/**
 * The methods of list, tuple, dict and set. Views (`dict.keys()`, `.values()`, `.items()`) are returned as lists:
 * they iterate, index and print as lists, not as live `dict_keys` views.
 */
function optionalIndex(value: unknown, fallback: number): number {
  return value === undefined || value === null ? fallback : toIndex(value);
}

/** Clamp a start/stop argument of index() the way slices clamp. */
function clampIndex(value: number, length: number): number {
  if (value < 0) return Math.max(0, value + length);
  return Math.min(value, length);
}

function indexIn(items: readonly unknown[], x: unknown, startArg: unknown, stopArg: unknown): number {
  const start = clampIndex(optionalIndex(startArg, 0), items.length);
  const stop = clampIndex(optionalIndex(stopArg, items.length), items.length);
  for (let i = start; i < stop; i++) if (items[i] === x || eq(items[i], x)) return i;
  return -1;
}

function countIn(items: readonly unknown[], x: unknown): number {
  let total = 0;
  for (const item of items) if (item === x || eq(item, x)) total++;
  return total;
}

export const LIST_METHODS: Record<string, MethodImpl<unknown[]>> = nameTable({
  append: (l, n, a) => {
    if (n !== 1) checkArity('list.append', n, 1, 1);
    pushChecked(l, a);
    return null;
  },
  extend: (l, n, a) => {
    checkArity('list.extend', n, 1, 1);
    const items = a === l ? l.slice() : itemsOf(a);
    checkItems(l.length + items.length);
    for (let i = 0; i < items.length; i++) l.push(items[i]);
    return null;
  },
  pop: (l, n, a) => {
    checkArity('pop', n, 0, 1);
    if (l.length === 0) raise('IndexError', 'pop from empty list');
    const i = optionalIndex(a, -1);
    const j = i < 0 ? i + l.length : i;
    if (j < 0 || j >= l.length) raise('IndexError', 'pop index out of range');
    return j === l.length - 1 ? l.pop() : l.splice(j, 1)[0];
  },
  insert: (l, n, a, b) => {
    if (n !== 2) raise('TypeError', `insert expected 2 arguments, got ${n}`);
    checkItems(l.length + 1);
    l.splice(clampIndex(toIndex(a), l.length), 0, b);
    return null;
  },
  index: (l, n, a, b, c) => {
    checkArity('index', n, 1, 3);
    const i = indexIn(l, a, b, c);
    return i < 0 ? raise('ValueError', `${pyRepr(a)} is not in list`) : i;
  },
  count: (l, n, a) => {
    checkArity('list.count', n, 1, 1);
    return countIn(l, a);
  },
  remove: (l, n, a) => {
    checkArity('list.remove', n, 1, 1);
    const i = indexIn(l, a, undefined, undefined);
    if (i < 0) raise('ValueError', 'list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  sort: (l, n, key, reverse) => {
    if (n > 2) raise('TypeError', 'sort() takes no positional arguments');
    sortInPlace(l, key, reverse);
    return null;
  },
  reverse: (l, n) => {
    checkArity('list.reverse', n, 0, 0);
    l.reverse();
    return null;
  },
  copy: (l, n) => {
    checkArity('list.copy', n, 0, 0);
    return l.slice();
  },
  clear: (l, n) => {
    checkArity('list.clear', n, 0, 0);
    l.length = 0;
    return null;
  },
});

export const TUPLE_METHODS: Record<string, MethodImpl<PyTuple>> = nameTable({
  index: (t, n, a, b, c) => {
    checkArity('index', n, 1, 3);
    const i = indexIn(t.items, a, b, c);
    return i < 0 ? raise('ValueError', 'tuple.index(x): x not in tuple') : i;
  },
  count: (t, n, a) => {
    checkArity('tuple.count', n, 1, 1);
    return countIn(t.items, a);
  },
});

/** dict.update's argument: a dict, or an iterable of pairs. */
export function updateDict(d: PyDict, other: unknown): void {
  if (other instanceof PyDict) {
    for (const [k, v] of other.items()) d.set(k, v);
    return;
  }
  let index = 0;
  for (const pair of iter(other)) {
    let kv: readonly unknown[];
    if (pair instanceof PyTuple) kv = pair.items;
    else if (Array.isArray(pair)) kv = pair;
    else if (typeof pair === 'string') kv = pair.split('');
    else return raise('TypeError', `cannot convert dictionary update sequence element #${index} to a sequence`);
    if (kv.length !== 2) {
      raise('ValueError', `dictionary update sequence element #${index} has length ${kv.length}; 2 is required`);
    }
    d.set(kv[0], kv[1]);
    index++;
  }
}

export const DICT_METHODS: Record<string, MethodImpl<PyDict>> = nameTable({
  get: (d, n, a, b) => {
    if (n < 1 || n > 2) raise('TypeError', `get expected ${n < 1 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${n}`);
    const entry = d.entry(a);
    return entry ? entry[1] : b === undefined ? null : b;
  },
  keys: (d, n) => {
    checkArity('dict.keys', n, 0, 0);
    return [...d.keys()];
  },
  values: (d, n) => {
    checkArity('dict.values', n, 0, 0);
    return [...d.values()];
  },
  items: (d, n) => {
    checkArity('dict.items', n, 0, 0);
    const out: PyTuple[] = [];
    for (const [k, v] of d.items()) out.push(new PyTuple([k, v]));
    return out;
  },
  setdefault: (d, n, a, b) => {
    if (n < 1 || n > 2) {
      raise('TypeError', `setdefault expected ${n < 1 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${n}`);
    }
    const entry = d.entry(a);
    if (entry) return entry[1];
    const value = b === undefined ? null : b;
    d.set(a, value);
    return value;
  },
  pop: (d, n, a, b) => {
    if (n < 1 || n > 2) raise('TypeError', `pop expected ${n < 1 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${n}`);
    const entry = d.entry(a);
    if (entry) {
      d.delete(a);
      return entry[1];
    }
    return b === undefined ? raiseKeyError(a, pyRepr) : b;
  },
  popitem: (d, n) => {
    checkArity('dict.popitem', n, 0, 0);
    const last = [...d.items()].pop();
    if (!last) raiseKeyError('popitem(): dictionary is empty', pyRepr);
    d.delete(last[0]);
    return new PyTuple([last[0], last[1]]);
  },
  update: (d, n, a) => {
    if (n > 1) raise('TypeError', `update expected at most 1 argument, got ${n}`);
    if (n === 1) updateDict(d, a);
    return null;
  },
  copy: (d, n) => {
    checkArity('dict.copy', n, 0, 0);
    return PyDict.fromPairs(d.items());
  },
  clear: (d, n) => {
    checkArity('dict.clear', n, 0, 0);
    d.clear();
    return null;
  },
});

function setOf(value: unknown): PySet {
  return value instanceof PySet ? value : new PySet(iter(value));
}

function sameKind(s: PySet): PySet {
  return s instanceof PyFrozenSet ? new PyFrozenSet() : new PySet();
}

function mutable(s: PySet, name: string): void {
  if (s instanceof PyFrozenSet) raise('AttributeError', `'frozenset' object has no attribute '${name}'`);
}

export const SET_METHODS: Record<string, MethodImpl<PySet>> = nameTable({
  add: (s, n, a) => {
    mutable(s, 'add');
    checkArity('set.add', n, 1, 1);
    s.add(a);
    return null;
  },
  remove: (s, n, a) => {
    mutable(s, 'remove');
    checkArity('set.remove', n, 1, 1);
    if (!s.delete(a)) raiseKeyError(a, pyRepr);
    return null;
  },
  discard: (s, n, a) => {
    mutable(s, 'discard');
    checkArity('set.discard', n, 1, 1);
    s.delete(a);
    return null;
  },
  pop: (s, n) => {
    mutable(s, 'pop');
    checkArity('set.pop', n, 0, 0);
    for (const v of s) {
      s.delete(v);
      return v;
    }
    return raiseKeyError('pop from an empty set', pyRepr);
  },
  clear: (s, n) => {
    mutable(s, 'clear');
    checkArity('set.clear', n, 0, 0);
    s.clear();
    return null;
  },
  copy: (s, n) => {
    checkArity('set.copy', n, 0, 0);
    const out = sameKind(s);
    for (const v of s) out.add(v);
    return out;
  },
  update: (s, n, a, b, c) => {
    mutable(s, 'update');
    for (const other of [a, b, c].slice(0, n)) for (const v of iter(other)) s.add(v);
    return null;
  },
  union: (s, n, a, b, c) => {
    const out = sameKind(s);
    for (const v of s) out.add(v);
    for (const other of [a, b, c].slice(0, n)) for (const v of iter(other)) out.add(v);
    return out;
  },
  intersection: (s, n, a, b, c) => {
    let current: PySet = s;
    for (const other of [a, b, c].slice(0, n)) {
      const o = setOf(other);
      const next = sameKind(s);
      for (const v of current) if (o.has(v)) next.add(v);
      current = next;
    }
    if (current === s) {
      current = sameKind(s);
      for (const v of s) current.add(v);
    }
    return current;
  },
  difference: (s, n, a, b, c) => {
    const out = sameKind(s);
    const others = [a, b, c].slice(0, n).map(setOf);
    for (const v of s) if (!others.some((o) => o.has(v))) out.add(v);
    return out;
  },
  symmetric_difference: (s, n, a) => {
    checkArity('set.symmetric_difference', n, 1, 1);
    const o = setOf(a);
    const out = sameKind(s);
    for (const v of s) if (!o.has(v)) out.add(v);
    for (const v of o) if (!s.has(v)) out.add(v);
    return out;
  },
  issubset: (s, n, a) => {
    checkArity('set.issubset', n, 1, 1);
    const o = setOf(a);
    for (const v of s) if (!o.has(v)) return false;
    return true;
  },
  issuperset: (s, n, a) => {
    checkArity('set.issuperset', n, 1, 1);
    for (const v of iter(a)) if (!s.has(v)) return false;
    return true;
  },
  isdisjoint: (s, n, a) => {
    checkArity('set.isdisjoint', n, 1, 1);
    for (const v of iter(a)) if (s.has(v)) return false;
    return true;
  },
});
