import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';
import {
  add, bitand, bitor, bitxor, floordiv, iadd, iand, imul, invert, ior, isub, ixor, lshift, mod, mul, neg, pos, pow,
  rshift, sub, truediv,
} from './arith.js';
import { BUILTINS, exceptionMatches, JSON_FUNCTIONS, strOf, toRaise } from './builtins.js';
import { badArguments, callable, callKw, defineFunction } from './calls.js';
import { contains, eq, ge, gt, le, lt, ne } from './compare.js';
import { guardSize, iter, unpack } from './iterate.js';
import { bindMethod, methodDispatcher, unboundMethod, type MethodDispatcher } from './methods.js';
import { catchable, PyException, raise } from './py-exception.js';
import { PyGenerator } from './py-generator.js';
import { memoryError } from './size-limit.js';
import { delItem, delSlice, getItem, getSlice, setItem, setSlice, toIndex } from './subscript.js';
import { truthy } from './truthy.js';
import { BUDGET } from './budget.js';

/**
 * The one object compiled code receives. Its prelude copies what it uses into `$`-named constants, so the generated
 * function reaches the runtime only through this table.
 */
function getIndex(container: unknown, index: number): unknown {
  // A literal int index (`elems[41]`, `x[-1]`): the list and str cases without the type checks on the index.
  if (Array.isArray(container) || typeof container === 'string') {
    const v = container[index < 0 ? index + container.length : index];
    if (v !== undefined) return v;
  }
  return getItem(container, index);
}

/** `s.split(sep)[k]` for k >= 0 (codegen's splitField): scanning as split does, left to right; too few fields raise as the list would. */
function splitField(s: string, sep: string, k: number): unknown {
  let start = 0;
  for (let i = 0; i < k; i++) {
    const at = s.indexOf(sep, start);
    if (at < 0) return getIndex(s.split(sep), k);
    start = at + sep.length;
  }
  const end = s.indexOf(sep, start);
  return end < 0 ? s.slice(start) : s.slice(start, end);
}

function isIn(item: unknown, container: unknown): boolean {
  return contains(container, item);
}

function itemsIter(d: unknown): Iterable<readonly unknown[]> {
  if (d instanceof PyDict) return guardSize(d, d.items(), 'dictionary');
  return (methodDispatcher('items')(d) as PyTuple[]).map((t) => t.items);
}

function rangeStep(step: unknown): number {
  const s = toIndex(step);
  if (s === 0) raise('ValueError', 'range() arg 3 must not be zero');
  return s;
}

/** `l.sort(x)`: list.sort takes its arguments by keyword only. */
function sortPositional(receiver: unknown): never {
  if (Array.isArray(receiver)) raise('TypeError', 'sort() takes no positional arguments');
  methodDispatcher('sort')(receiver);
  return raise('TypeError', 'sort() takes no positional arguments');
}

function makeSet(items: unknown[]): PySet {
  return new PySet(items);
}

function makeDict(flat: unknown[]): PyDict {
  const d = new PyDict();
  for (let i = 0; i < flat.length; i += 2) d.set(flat[i], flat[i + 1]);
  return d;
}

function assertionError(message: unknown): PyException {
  return new PyException('AssertionError', message === undefined ? '' : strOf(message));
}

function noActiveException(): PyException {
  return new PyException('RuntimeError', 'No active exception to reraise');
}

const HELPERS = {
  add, sub, mul, truediv, floordiv, mod, pow, lshift, rshift, bitand, bitor, bitxor, neg, pos, invert,
  iadd, isub, imul, iand, ior, ixor,
  eq, ne, lt, le, gt, ge, isIn, truthy,
  getItem, getIndex, splitField, getSlice, setItem, setSlice, delItem, delSlice,
  iter, itemsIter, unpack, toIndex, rangeStep, sortPositional,
  callable, callKw, defineFunction, badArguments, bindMethod,
  makeSet, makeDict, PyFloat, PyTuple, PyDict, PySet, PyGenerator,
  raise, toRaise, catchable, exceptionMatches, noActiveException, assertionError, memoryError,
  // Mutable: generated code ticks its counter (budget.ts); HELPERS is frozen, the budget object is not.
  budget: BUDGET,
};

export interface Runtime {
  h: typeof HELPERS;
  builtin(name: string): unknown;
  method(name: string): MethodDispatcher;
  unboundMethod(type: string, name: string): unknown;
  json(name: string): unknown;
}

export const RUNTIME: Runtime = Object.freeze({
  h: Object.freeze(HELPERS),
  builtin: (name: string) => BUILTINS.get(name),
  method: (name: string) => methodDispatcher(name),
  unboundMethod: (type: string, name: string) => unboundMethod(type, name),
  json: (name: string) => JSON_FUNCTIONS.get(name),
});

