import { PyDict, PySet, PyTuple } from '../values/py-types.js';
import { defineBuiltin, type PyFunction } from './calls.js';
import { DICT_METHODS, LIST_METHODS, SET_METHODS, TUPLE_METHODS } from './container-methods.js';
import { raise } from './py-exception.js';
import { STR_METHODS, type MethodImpl } from './str-methods.js';
import { typeName } from './type-name.js';
import { nameTable } from './name-table.js';

/**
 * Method calls. Compiled code never touches a JS property named by the user: `x.split(',')` becomes a call to the
 * dispatcher for the name `split`, which picks the implementation by the receiver's Python type, and a name outside
 * the whitelist is rejected at compile time. Dispatchers take fixed parameters (no rest arrays) because methods sit
 * in the hot loop.
 */
export type MethodDispatcher = (self: unknown, a?: unknown, b?: unknown, c?: unknown) => unknown;

type TypeKey = 'str' | 'list' | 'tuple' | 'dict' | 'set';

const TABLES: Record<TypeKey, Record<string, MethodImpl<never>>> = nameTable({
  str: STR_METHODS,
  list: LIST_METHODS,
  tuple: TUPLE_METHODS,
  dict: DICT_METHODS,
  set: SET_METHODS,
});

/** Every method name user code may call. */
export const METHOD_NAMES: ReadonlySet<string> = new Set(Object.values(TABLES).flatMap((t) => Object.keys(t)));

/** Methods that take keyword arguments, with the positions they map to (`sort` takes them only by keyword). */
export const METHOD_KEYWORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['split', ['sep', 'maxsplit']],
  ['rsplit', ['sep', 'maxsplit']],
  ['sort', ['key', 'reverse']],
  ['splitlines', ['keepends']],
]);

function has<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

function noAttribute(self: unknown, name: string): never {
  return raise('AttributeError', `'${typeName(self)}' object has no attribute '${name}'`);
}

function makeDispatcher(name: string): MethodDispatcher {
  const forStr = has(STR_METHODS, name);
  const forList = has(LIST_METHODS, name);
  const forTuple = has(TUPLE_METHODS, name);
  const forDict = has(DICT_METHODS, name);
  const forSet = has(SET_METHODS, name);
  return function (self: unknown, a?: unknown, b?: unknown, c?: unknown): unknown {
    const n = arguments.length - 1;
    if (typeof self === 'string') {
      if (forStr) return forStr(self, n, a, b, c);
    } else if (Array.isArray(self)) {
      if (forList) return forList(self, n, a, b, c);
    } else if (self instanceof PyDict) {
      if (forDict) return forDict(self, n, a, b, c);
    } else if (self instanceof PyTuple) {
      if (forTuple) return forTuple(self, n, a, b, c);
    } else if (self instanceof PySet) {
      if (forSet) return forSet(self, n, a, b, c);
    }
    return noAttribute(self, name);
  };
}

const DISPATCHERS = new Map<string, MethodDispatcher>();
for (const name of METHOD_NAMES) DISPATCHERS.set(name, makeDispatcher(name));

/** The dispatcher for a whitelisted method name. */
export function methodDispatcher(name: string): MethodDispatcher {
  const dispatcher = DISPATCHERS.get(name);
  if (!dispatcher) throw new Error(`no method '${name}'`);
  return dispatcher;
}

/** `x.name` without a call: a bound method, checked for existence now as Python does. */
export function bindMethod(self: unknown, name: string): PyFunction {
  const key = typeKey(self);
  if (!key || !has(TABLES[key], name)) noAttribute(self, name);
  const dispatcher = methodDispatcher(name);
  return defineBuiltin((...args: unknown[]) => dispatcher(self, ...args), name, 'builtin');
}

function typeKey(self: unknown): TypeKey | null {
  if (typeof self === 'string') return 'str';
  if (Array.isArray(self)) return 'list';
  if (self instanceof PyDict) return 'dict';
  if (self instanceof PyTuple) return 'tuple';
  if (self instanceof PySet) return 'set';
  return null;
}

/** True when `typeName.name` is a method (`str.upper`), for compile-time checks. */
export function hasUnboundMethod(type: string, name: string): boolean {
  const key = type === 'frozenset' ? 'set' : type;
  if (!Object.prototype.hasOwnProperty.call(TABLES, key)) return false;
  return has((TABLES as Record<string, Record<string, unknown>>)[key], name) !== undefined;
}

/** `str.upper` as a value: a function whose first argument must be a str. */
export function unboundMethod(type: string, name: string): PyFunction {
  const dispatcher = methodDispatcher(name);
  const tableType = type === 'frozenset' ? 'set' : type;
  return defineBuiltin(
    (...args: unknown[]) => {
      if (args.length === 0) raise('TypeError', `unbound method ${type}.${name}() needs an argument`);
      const self = args[0];
      if (typeKey(self) !== tableType) {
        raise('TypeError', `descriptor '${name}' for '${type}' objects doesn't apply to a '${typeName(self)}' object`);
      }
      return dispatcher(self, ...args.slice(1));
    },
    `${type}.${name}`,
    'builtin',
  );
}
