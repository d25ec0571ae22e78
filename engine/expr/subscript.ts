import { pyRepr } from '../values/repr.js';
import { PyDict, PyTuple } from '../values/py-types.js';
import { isIterable, toList } from './iterate.js';
import { raise, raiseKeyError } from './py-exception.js';
import { typeName } from './type-name.js';

/**
 * Indexing and slicing with Python's rules: negative indices count from the end, out-of-range indices raise
 * IndexError, slices clamp, dict lookups raise KeyError with the key's repr. Strs index by UTF-16 unit.
 */
export function getItem(container: unknown, index: unknown): unknown {
  if (typeof index === 'number') {
    if (Array.isArray(container)) {
      // Arrays never hold `undefined`, so it means "not a valid position" (out of range or not an integer).
      const v = container[index < 0 ? index + container.length : index];
      if (v !== undefined) return v;
    } else if (typeof container === 'string') {
      const v = container[index < 0 ? index + container.length : index];
      if (v !== undefined) return v;
    }
  }
  if (container instanceof PyDict) {
    const entry = container.entry(index);
    if (entry) return entry[1];
    return raiseKeyError(index, pyRepr);
  }
  return getItemSlow(container, index);
}

function sequenceName(container: unknown): string | null {
  if (Array.isArray(container)) return 'list';
  if (container instanceof PyTuple) return 'tuple';
  if (typeof container === 'string') return 'string';
  return null;
}

/** The integer an index value stands for (bools count), or null. */
function indexOf(index: unknown): number | null {
  if (typeof index === 'number') return Number.isInteger(index) ? index : null;
  if (typeof index === 'boolean') return index ? 1 : 0;
  return null;
}

function getItemSlow(container: unknown, index: unknown): unknown {
  const name = sequenceName(container);
  if (name === null) {
    return raise('TypeError', `'${typeName(container)}' object is not subscriptable`);
  }
  const i = indexOf(index);
  if (i === null) {
    if (name === 'string') return raise('TypeError', `string indices must be integers, not '${typeName(index)}'`);
    return raise('TypeError', `${name} indices must be integers or slices, not ${typeName(index)}`);
  }
  const items = container instanceof PyTuple ? container.items : (container as string | unknown[]);
  const j = i < 0 ? i + items.length : i;
  if (j < 0 || j >= items.length) return raise('IndexError', `${name} index out of range`);
  return items[j];
}

/** `container[index] = value`. */
export function setItem(container: unknown, index: unknown, value: unknown): void {
  if (Array.isArray(container)) {
    const i = indexOf(index);
    if (i === null) raise('TypeError', `list indices must be integers or slices, not ${typeName(index)}`);
    const j = i < 0 ? i + container.length : i;
    if (j < 0 || j >= container.length) raise('IndexError', 'list assignment index out of range');
    container[j] = value;
    return;
  }
  if (container instanceof PyDict) {
    container.set(index, value);
    return;
  }
  raise('TypeError', `'${typeName(container)}' object does not support item assignment`);
}

/** `del container[index]`. */
export function delItem(container: unknown, index: unknown): void {
  if (Array.isArray(container)) {
    const i = indexOf(index);
    if (i === null) raise('TypeError', `list indices must be integers or slices, not ${typeName(index)}`);
    const j = i < 0 ? i + container.length : i;
    if (j < 0 || j >= container.length) raise('IndexError', 'list assignment index out of range');
    container.splice(j, 1);
    return;
  }
  if (container instanceof PyDict) {
    if (!container.delete(index)) raiseKeyError(index, pyRepr);
    return;
  }
  raise('TypeError', `'${typeName(container)}' object doesn't support item deletion`);
}

function sliceBound(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const i = indexOf(value);
  if (i === null) raise('TypeError', 'slice indices must be integers or None or have an __index__ method');
  return i;
}

/** The positions a slice selects in a sequence of `length` items (CPython's PySlice_AdjustIndices). */
function slicePositions(length: number, lower: unknown, upper: unknown, stepValue: unknown): [number, number, number] {
  const stepIndex = sliceBound(stepValue);
  const step = stepIndex === null ? 1 : stepIndex;
  if (step === 0) raise('ValueError', 'slice step cannot be zero');
  let start = sliceBound(lower);
  let stop = sliceBound(upper);
  if (step > 0) {
    start = start === null ? 0 : start < 0 ? Math.max(0, start + length) : Math.min(start, length);
    stop = stop === null ? length : stop < 0 ? Math.max(0, stop + length) : Math.min(stop, length);
  } else {
    start = start === null ? length - 1 : start < 0 ? Math.max(-1, start + length) : Math.min(start, length - 1);
    stop = stop === null ? -1 : stop < 0 ? Math.max(-1, stop + length) : Math.min(stop, length - 1);
  }
  return [start, stop, step];
}

/** `container[lower:upper:step]`, with `null`/`undefined` for an omitted part. */
export function getSlice(container: unknown, lower: unknown, upper: unknown, step?: unknown): unknown {
  if (
    step == null &&
    (typeof container === 'string' || Array.isArray(container)) &&
    (lower === null || (typeof lower === 'number' && Number.isInteger(lower))) &&
    (upper === null || (typeof upper === 'number' && Number.isInteger(upper)))
  ) {
    // JS slice clamps and counts negative bounds from the end exactly as Python does for a step of 1.
    return container.slice(lower === null ? 0 : lower, upper === null ? container.length : upper);
  }
  return getSliceSlow(container, lower, upper, step);
}

function getSliceSlow(container: unknown, lower: unknown, upper: unknown, stepValue: unknown): unknown {
  const name = sequenceName(container);
  if (name === null) {
    if (container instanceof PyDict) return raise('TypeError', "unhashable type: 'slice'");
    return raise('TypeError', `'${typeName(container)}' object is not subscriptable`);
  }
  const items = container instanceof PyTuple ? container.items : (container as string | unknown[]);
  const [start, stop, step] = slicePositions(items.length, lower, upper, stepValue);
  if (typeof items === 'string') {
    let out = '';
    if (step > 0) for (let i = start; i < stop; i += step) out += items[i];
    else for (let i = start; i > stop; i += step) out += items[i];
    return out;
  }
  const out: unknown[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]);
  else for (let i = start; i > stop; i += step) out.push(items[i]);
  return container instanceof PyTuple ? new PyTuple(out) : out;
}

/** `list[lower:upper:step] = value`. */
export function setSlice(container: unknown, lower: unknown, upper: unknown, stepValue: unknown, value: unknown): void {
  if (!Array.isArray(container)) {
    raise('TypeError', `'${typeName(container)}' object does not support item assignment`);
  }
  if (!isIterable(value)) raise('TypeError', 'can only assign an iterable');
  const items = value === container ? container.slice() : toList(value);
  const [start, stop, step] = slicePositions(container.length, lower, upper, stepValue);
  if (step === 1) {
    container.splice(start, Math.max(0, stop - start), ...items);
    return;
  }
  const positions: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) positions.push(i);
  else for (let i = start; i > stop; i += step) positions.push(i);
  if (positions.length !== items.length) {
    raise(
      'ValueError',
      `attempt to assign sequence of size ${items.length} to extended slice of size ${positions.length}`,
    );
  }
  positions.forEach((p, k) => (container[p] = items[k]));
}

/** `del list[lower:upper:step]`. */
export function delSlice(container: unknown, lower: unknown, upper: unknown, stepValue: unknown): void {
  if (!Array.isArray(container)) {
    raise('TypeError', `'${typeName(container)}' object doesn't support item deletion`);
  }
  const [start, stop, step] = slicePositions(container.length, lower, upper, stepValue);
  const positions = new Set<number>();
  if (step > 0) for (let i = start; i < stop; i += step) positions.add(i);
  else for (let i = start; i > stop; i += step) positions.add(i);
  const kept = container.filter((_, i) => !positions.has(i));
  container.length = 0;
  container.push(...kept);
}


/** An int argument where Python wants an index (`'float' object cannot be interpreted as an integer`). */
export function toIndex(value: unknown, what = 'integer'): number {
  const i = indexOf(value);
  if (i === null) {
    raise('TypeError', `'${typeName(value)}' object cannot be interpreted as an ${what}`);
  }
  return i;
}

