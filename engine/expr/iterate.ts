import { PyDict, PySet, PyTuple } from '../values/py-types.js';
import { raise } from './py-exception.js';
import { PyGenerator } from './py-generator.js';
import { typeName } from './type-name.js';
import { collect } from './size-limit.js';
import { isLazyList } from '../values/lazy-list.js';

/** What `for x in value` walks: lists and tuples directly, a str by code point, a dict by key. */
export function iter(value: unknown): Iterable<unknown> {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value;
  if (value instanceof PyTuple) return value.items;
  if (value instanceof PyDict) return guardSize(value, value.keys(), 'dictionary');
  if (value instanceof PySet) return guardSize(value, value.keys(), 'Set');
  if (value instanceof PyGenerator) return value;
  return raise('TypeError', `'${typeName(value)}' object is not iterable`);
}

/** Iterates a dict or set, raising RuntimeError if it grows or shrinks meanwhile, as Python does. */
export function* guardSize<T>(container: PyDict | PySet, items: Iterable<T>, name: string): Generator<T> {
  const size = container.size;
  for (const item of items) {
    if (container.size !== size) raise('RuntimeError', `${name} changed size during iteration`);
    yield item;
  }
  if (container.size !== size) raise('RuntimeError', `${name} changed size during iteration`);
}

/** True for the values `iter` accepts, without consuming a generator. */
export function isIterable(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    Array.isArray(value) ||
    value instanceof PyTuple ||
    value instanceof PyDict ||
    value instanceof PySet ||
    value instanceof PyGenerator
  );
}

/**
 * The items of an iterable as an array the caller only reads: a list or tuple is returned as is, without copying,
 * so the caller must not mutate the result.
 */
export function itemsOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return value.items;
  return collect(iter(value));
}

/** A fresh list of the items, as `list(value)` makes. */
export function toList(value: unknown): unknown[] {
  // A lazy group (values/lazy-list.ts) is copied as it streams: slicing it would decode it twice, once to keep.
  if (Array.isArray(value) && !isLazyList(value)) return value.slice();
  if (value instanceof PyTuple) return value.items.slice();
  return collect(iter(value));
}

/** The items for `a, b = value`, checked against the number of targets as Python checks them. */
export function unpack(value: unknown, count: number): readonly unknown[] {
  let items: readonly unknown[];
  if (value instanceof PyTuple) items = value.items;
  else if (Array.isArray(value)) items = value;
  else if (
    typeof value === 'string' ||
    value instanceof PyDict ||
    value instanceof PySet ||
    value instanceof PyGenerator
  ) {
    items = collect(iter(value));
  } else {
    return raise('TypeError', `cannot unpack non-iterable ${typeName(value)} object`);
  }
  if (items.length !== count) {
    if (items.length > count) raise('ValueError', `too many values to unpack (expected ${count})`);
    raise('ValueError', `not enough values to unpack (expected ${count}, got ${items.length})`);
  }
  return items;
}
