import { pyRepr, pyStr } from '../values/repr.js';
import { BUDGET } from './budget.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from '../values/py-types.js';
import { add, divmod, intResult, pow } from './arith.js';
import { checkArity } from './arity.js';
import { callable, defineBuiltin, type KwEntry, type PyFunction } from './calls.js';
import { gt, lt } from './compare.js';
import { updateDict } from './container-methods.js';
import { itemsOf, iter, toList } from './iterate.js';
import { isLazyList } from '../values/lazy-list.js';
import { jsonDumps, jsonLoads } from './json-module.js';
import { parseFloatText, parseIntText } from './number-parse.js';
import { EXCEPTION_NAMES, PyException, isSubclassOf, raise } from './py-exception.js';
import { PyGenerator } from './py-generator.js';
import { round } from './round.js';
import { sortInPlace } from './sort.js';
import { toIndex } from './subscript.js';
import { truthy } from './truthy.js';
import { typeName } from './type-name.js';
import { checkItems, pushChecked, sizedStr } from './size-limit.js';

/**
 * The builtins user code may name. Iterator-returning builtins of Python (range, enumerate, zip, map, filter,
 * reversed) return lists here: they iterate and index the same, but print as lists. Keyword arguments are accepted
 * where Python's common uses need them (`sorted(key=, reverse=)`, `min/max(key=, default=)`, `int(base=)`, ...).
 */

function kwOnly(name: string, kw: Map<string, unknown>, allowed: readonly string[]): void {
  for (const k of kw.keys()) {
    if (!allowed.includes(k)) raise('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
  }
}

function kwEntry(name: string, allowed: readonly string[], fn: (pos: unknown[], kw: Map<string, unknown>) => unknown): KwEntry {
  return (pos, kw) => {
    kwOnly(name, kw, allowed);
    return fn(pos, kw);
  };
}

// ---- numbers -------------------------------------------------------------------------------------------------------

function int(x?: unknown, base?: unknown): unknown {
  const n = arguments.length;
  if (n === 0) return 0;
  if (n > 2) raise('TypeError', `int() takes at most 2 arguments (${n} given)`);
  if (n === 2 && base !== undefined) {
    if (typeof x !== 'string') raise('TypeError', "int() can't convert non-string with explicit base");
    const b = toIndex(base);
    if (b !== 0 && (b < 2 || b > 36)) raise('ValueError', 'int() base must be >= 2 and <= 36, or 0');
    return parseIntText(x, b);
  }
  if (typeof x === 'number') {
    if (Number.isInteger(x)) return x;
    return floatToInt(x);
  }
  if (typeof x === 'string') return parseIntText(x, 10);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return floatToInt(x.value);
  return raise(
    'TypeError',
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`,
  );
}

function floatToInt(v: number): number {
  if (Number.isNaN(v)) raise('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(v)) raise('OverflowError', 'cannot convert float infinity to integer');
  return intResult(Math.trunc(v));
}

function float(x?: unknown): unknown {
  if (arguments.length === 0) return new PyFloat(0);
  checkArity('float', arguments.length, 0, 1);
  if (typeof x === 'number') return Number.isInteger(x) ? new PyFloat(x + 0) : x;
  if (x instanceof PyFloat) return x;
  if (typeof x === 'boolean') return new PyFloat(x ? 1 : 0);
  if (typeof x === 'string') {
    const v = parseFloatText(x);
    return Number.isInteger(v) ? new PyFloat(v) : v;
  }
  return raise('TypeError', `float() argument must be a string or a real number, not '${typeName(x)}'`);
}

function abs(x: unknown): unknown {
  checkArity('abs', arguments.length, 1, 1);
  if (typeof x === 'number') return Number.isInteger(x) ? Math.abs(x) : Math.abs(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return new PyFloat(Math.abs(x.value));
  return raise('TypeError', `bad operand type for abs(): '${typeName(x)}'`);
}

function bool(x?: unknown): boolean {
  if (arguments.length > 1) raise('TypeError', `bool expected at most 1 argument, got ${arguments.length}`);
  return arguments.length === 0 ? false : truthy(x);
}

// ---- str -----------------------------------------------------------------------------------------------------------

/** str() of any runtime value, exceptions included (`str(e)` in an except clause). */
export function strOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof PyException) return x.pyMessage;
  if (x instanceof PyGenerator) return x.repr();
  return pyStr(x);
}

/** repr() of any runtime value. */
export function reprOf(x: unknown): string {
  if (x instanceof PyException) return `${x.pyType}(${x.pyArgs.map(reprOf).join(', ')})`;
  if (x instanceof PyGenerator) return x.repr();
  return pyRepr(x);
}

function str(x?: unknown): string {
  if (arguments.length === 0) return '';
  if (arguments.length > 1) raise('TypeError', 'str() with an encoding is not supported');
  // The text of a large container may pass the str limit that keeps split() within the list limit.
  return sizedStr(strOf(x));
}

function repr(x: unknown): string {
  checkArity('repr', arguments.length, 1, 1);
  return sizedStr(reprOf(x));
}

function ord(c: unknown): number {
  checkArity('ord', arguments.length, 1, 1);
  if (typeof c !== 'string') return raise('TypeError', `ord() expected string of length 1, but ${typeName(c)} found`);
  const code = c.codePointAt(0);
  if (code === undefined || String.fromCodePoint(code).length !== c.length) {
    raise('TypeError', `ord() expected a character, but string of length ${c.length} found`);
  }
  return code!;
}

function chr(i: unknown): string {
  checkArity('chr', arguments.length, 1, 1);
  const n = toIndex(i);
  if (n < 0 || n > 0x10ffff) raise('ValueError', 'chr() arg not in range(0x110000)');
  return String.fromCodePoint(n);
}

// ---- containers ----------------------------------------------------------------------------------------------------

export function len(x: unknown): number {
  if (typeof x === 'string' || Array.isArray(x)) return x.length;
  if (arguments.length !== 1) checkArity('len', arguments.length, 1, 1);
  if (x instanceof PyTuple) return x.items.length;
  if (x instanceof PyDict || x instanceof PySet) return x.size;
  return raise('TypeError', `object of type '${typeName(x)}' has no len()`);
}

function list(x?: unknown): unknown[] {
  if (arguments.length === 0) return [];
  checkArity('list', arguments.length, 0, 1);
  return toList(x);
}

function tuple(x?: unknown): PyTuple {
  if (arguments.length === 0) return new PyTuple([]);
  checkArity('tuple', arguments.length, 0, 1);
  if (x instanceof PyTuple) return x;
  return new PyTuple(toList(x));
}

function dictFrom(pos: unknown[], kw: Map<string, unknown>): PyDict {
  if (pos.length > 1) raise('TypeError', `dict expected at most 1 argument, got ${pos.length}`);
  const d = new PyDict();
  if (pos.length === 1) updateDict(d, pos[0]);
  for (const [k, v] of kw) d.set(k, v);
  return d;
}

function dict(...args: unknown[]): PyDict {
  return dictFrom(args, new Map());
}

function set(x?: unknown): PySet {
  if (arguments.length === 0) return new PySet();
  checkArity('set', arguments.length, 0, 1);
  return new PySet(iter(x));
}

function frozenset(x?: unknown): PyFrozenSet {
  if (arguments.length === 0) return new PyFrozenSet();
  checkArity('frozenset', arguments.length, 0, 1);
  return new PyFrozenSet(iter(x));
}

function rangeArg(v: unknown): number {
  return toIndex(v);
}

export function range(a: unknown, b?: unknown, c?: unknown): number[] {
  const n = arguments.length;
  if (n === 0) raise('TypeError', 'range expected at least 1 argument, got 0');
  if (n > 3) raise('TypeError', `range expected at most 3 arguments, got ${n}`);
  const start = n === 1 ? 0 : rangeArg(a);
  const stop = n === 1 ? rangeArg(a) : rangeArg(b);
  const step = n === 3 ? rangeArg(c) : 1;
  if (step === 0) raise('ValueError', 'range() arg 3 must not be zero');
  const count = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
  checkItems(count);
  const out: number[] = [];
  // Ticks the user-code budget (budget.ts) as a loop of generated code would: range(2**31) at plan time must stop.
  if (step > 0) for (let i = start; i < stop; i += step) { if (--BUDGET.n < 0) BUDGET.check(); out.push(i); }
  else for (let i = start; i > stop; i += step) { if (--BUDGET.n < 0) BUDGET.check(); out.push(i); }
  return out;
}

function enumerateFrom(iterable: unknown, start: unknown): PyTuple[] {
  let i = start === undefined ? 0 : toIndex(start);
  const out: PyTuple[] = [];
  for (const v of iter(iterable)) pushChecked(out, new PyTuple([intResult(i++), v]));
  return out;
}

function enumerate(iterable: unknown, start?: unknown): PyTuple[] {
  checkArity('enumerate', arguments.length, 1, 2);
  return enumerateFrom(iterable, start);
}

function zip(...iterables: unknown[]): PyTuple[] {
  const lists = iterables.map(itemsOf);
  const n = lists.length === 0 ? 0 : Math.min(...lists.map((l) => l.length));
  const out: PyTuple[] = [];
  for (let i = 0; i < n; i++) out.push(new PyTuple(lists.map((l) => l[i])));
  return out;
}

function sortedFrom(iterable: unknown, key: unknown, reverse: unknown): unknown[] {
  const items = toList(iterable);
  sortInPlace(items, key, reverse);
  return items;
}

function sorted(iterable: unknown): unknown[] {
  if (arguments.length !== 1) raise('TypeError', `sorted expected 1 argument, got ${arguments.length}`);
  return sortedFrom(iterable, undefined, undefined);
}

function reversed(seq: unknown): unknown[] {
  checkArity('reversed', arguments.length, 1, 1);
  if (typeof seq === 'string') return seq.split('').reverse();
  if (Array.isArray(seq)) return seq.slice().reverse();
  if (seq instanceof PyTuple) return seq.items.slice().reverse();
  if (seq instanceof PyDict) return [...seq.keys()].reverse();
  return raise('TypeError', `'${typeName(seq)}' object is not reversible`);
}

function map(f: unknown, ...iterables: unknown[]): unknown[] {
  if (iterables.length === 0) raise('TypeError', 'map() must have at least two arguments.');
  const fn = callable(f);
  if (iterables.length === 1) {
    const out: unknown[] = [];
    for (const v of iter(iterables[0])) pushChecked(out, fn(v));
    return out;
  }
  return zip(...iterables).map((t) => fn(...t.items));
}

function filter(f: unknown, iterable: unknown): unknown[] {
  checkArity('filter', arguments.length, 2, 2);
  const out: unknown[] = [];
  if (f === null) {
    for (const v of iter(iterable)) if (truthy(v)) pushChecked(out, v);
    return out;
  }
  const fn = callable(f);
  for (const v of iter(iterable)) if (truthy(fn(v))) pushChecked(out, v);
  return out;
}

// ---- reductions ----------------------------------------------------------------------------------------------------

export function sumOf(iterable: unknown, start: unknown): unknown {
  if (typeof start === 'string') raise('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  let acc = start;
  // A lazy group (values/lazy-list.ts) is summed as it streams, not indexed, which would decode it whole.
  if (Array.isArray(iterable) && !isLazyList(iterable)) {
    for (let i = 0; i < iterable.length; i++) acc = add(acc, iterable[i]);
    return acc;
  }
  for (const v of iter(iterable)) acc = add(acc, v);
  return acc;
}

function sum(iterable: unknown, start?: unknown): unknown {
  checkArity('sum', arguments.length, 1, 2);
  return sumOf(iterable, arguments.length === 2 ? start : 0);
}

function extreme(name: 'min' | 'max', pos: unknown[], key: unknown, hasDefault: boolean, dflt: unknown): unknown {
  if (pos.length === 0) raise('TypeError', `${name} expected at least 1 argument, got 0`);
  if (pos.length > 1 && hasDefault) {
    raise('TypeError', `Cannot specify a default for ${name}() with multiple positional arguments`);
  }
  const isLazy = pos.length === 1 && isLazyList(pos[0]);
  const items = isLazy ? [] : pos.length === 1 ? itemsOf(pos[0]) : pos;
  const better = name === 'min' ? lt : gt;
  const keyFn = key === undefined || key === null ? null : callable(key);
  if (isLazy) return streamingExtreme(name, pos[0] as unknown[], better, keyFn, hasDefault, dflt);
  if (items.length === 0) {
    if (hasDefault) return dflt;
    raise('ValueError', `${name}() arg is an empty sequence`);
  }
  let best = items[0];
  let bestKey = keyFn ? keyFn(best) : best;
  for (let i = 1; i < items.length; i++) {
    const k = keyFn ? keyFn(items[i]) : items[i];
    if (better(k, bestKey)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}

/** {@link extreme} over a lazy group, as it streams: the same comparisons in the same order. */
function streamingExtreme(
  name: 'min' | 'max',
  items: unknown[],
  better: (a: unknown, b: unknown) => boolean,
  keyFn: ((x: unknown) => unknown) | null,
  hasDefault: boolean,
  dflt: unknown,
): unknown {
  let first = true;
  let best: unknown;
  let bestKey: unknown;
  for (const x of items) {
    if (first) {
      best = x;
      bestKey = keyFn ? keyFn(x) : x;
      first = false;
      continue;
    }
    const k = keyFn ? keyFn(x) : x;
    if (better(k, bestKey)) {
      best = x;
      bestKey = k;
    }
  }
  if (first) {
    if (hasDefault) return dflt;
    raise('ValueError', `${name}() arg is an empty sequence`);
  }
  return best;
}

function min(...args: unknown[]): unknown {
  return extreme('min', args, undefined, false, undefined);
}

function max(...args: unknown[]): unknown {
  return extreme('max', args, undefined, false, undefined);
}

function any(iterable: unknown): boolean {
  checkArity('any', arguments.length, 1, 1);
  for (const v of iter(iterable)) if (truthy(v)) return true;
  return false;
}

function all(iterable: unknown): boolean {
  checkArity('all', arguments.length, 1, 1);
  for (const v of iter(iterable)) if (!truthy(v)) return false;
  return true;
}

function builtinPow(base: unknown, exp: unknown, modulus?: unknown): unknown {
  checkArity('pow', arguments.length, 2, 3);
  if (arguments.length === 2 || modulus === null) return pow(base, exp);
  const b = toIndex(base);
  const e = toIndex(exp);
  const m = toIndex(modulus);
  if (m === 0) raise('ValueError', 'pow() 3rd argument cannot be 0');
  if (e < 0) raise('ValueError', 'pow() negative exponent is not supported');
  // Work modulo |m|, then give the result the sign of the modulus as Python does.
  const mm = BigInt(Math.abs(m));
  let result = 1n % mm;
  let bb = ((BigInt(b) % mm) + mm) % mm;
  let ee = BigInt(e);
  while (ee > 0n) {
    if (ee & 1n) result = (result * bb) % mm;
    bb = (bb * bb) % mm;
    ee >>= 1n;
  }
  return Number(m < 0 && result !== 0n ? result - mm : result);
}

function builtinDivmod(a: unknown, b: unknown): PyTuple {
  checkArity('divmod', arguments.length, 2, 2);
  return divmod(a, b);
}

function builtinRound(x: unknown, ndigits?: unknown): unknown {
  checkArity('round', arguments.length, 1, 2);
  return round(x, ndigits);
}

// ---- types ---------------------------------------------------------------------------------------------------------

function isinstance(x: unknown, types: unknown): boolean {
  checkArity('isinstance', arguments.length, 2, 2);
  const candidates = types instanceof PyTuple ? types.items : [types];
  for (const t of candidates) {
    if (typeof t !== 'function' || (t as { pyKind?: string }).pyKind !== 'type') {
      raise('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
    }
    if (isInstanceOf(x, t as PyFunction)) return true;
  }
  return false;
}

function isInstanceOf(x: unknown, t: PyFunction): boolean {
  const name = (t as { pyName?: string }).pyName!;
  if (x instanceof PyException) return isSubclassOf(x.pyType, name);
  switch (name) {
    case 'int':
      return typeof x === 'boolean' || (typeof x === 'number' && Number.isInteger(x));
    case 'float':
      return x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x));
    case 'object':
      return true;
    default:
      return typeName(x) === name;
  }
}

const NONE_TYPE = defineBuiltin(() => null, 'NoneType', 'type');

function type(x: unknown): unknown {
  if (arguments.length !== 1) raise('TypeError', 'type() takes 1 argument');
  const name = typeName(x);
  return TYPES.get(name) ?? (x === null ? NONE_TYPE : defineBuiltin(() => raise('TypeError', `cannot create '${name}' instances`), name, 'type'));
}

function callableCheck(x: unknown): boolean {
  checkArity('callable', arguments.length, 1, 1);
  return typeof x === 'function';
}

// ---- exceptions ----------------------------------------------------------------------------------------------------

/** The message an exception instance carries, from its constructor arguments, as `str(e)` prints it. */
function exceptionMessage(pyType: string, args: unknown[]): string {
  if (args.length === 0) return '';
  if (args.length === 1) return pyType === 'KeyError' ? reprOf(args[0]) : strOf(args[0]);
  return reprOf(new PyTuple(args));
}

function exceptionType(name: string): PyFunction {
  return defineBuiltin((...args: unknown[]) => new PyException(name, exceptionMessage(name, args), args), name, 'type');
}

/** `raise X`: an exception instance as is, an exception class instantiated without arguments. */
export function toRaise(value: unknown): PyException {
  if (value instanceof PyException) return value;
  if (typeof value === 'function' && EXCEPTION_TYPES.has((value as { pyName?: string }).pyName ?? '')) {
    return (value as PyFunction)() as PyException;
  }
  return raise('TypeError', 'exceptions must derive from BaseException');
}

/** Whether an `except <handler>:` clause catches `error`; the handler is a class or a tuple of classes. */
export function exceptionMatches(error: PyException, handler: unknown): boolean {
  const candidates = handler instanceof PyTuple ? handler.items : [handler];
  for (const h of candidates) {
    const name = typeof h === 'function' ? (h as { pyName?: string }).pyName : undefined;
    if (!name || !EXCEPTION_TYPES.has(name)) {
      raise('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
    }
    if (isSubclassOf(error.pyType, name)) return true;
  }
  return false;
}

const EXCEPTION_TYPES = new Map(EXCEPTION_NAMES.map((name) => [name, exceptionType(name)]));

// ---- the table -----------------------------------------------------------------------------------------------------

const TYPES = new Map<string, PyFunction>([
  ['int', defineBuiltin(int, 'int', 'type', kwEntry('int', ['base'], (pos, kw) => (int as PyFunction)(...pos, ...(kw.has('base') ? [kw.get('base')] : []))))],
  ['float', defineBuiltin(float, 'float', 'type')],
  ['str', defineBuiltin(str, 'str', 'type')],
  ['bool', defineBuiltin(bool, 'bool', 'type')],
  ['list', defineBuiltin(list, 'list', 'type')],
  ['tuple', defineBuiltin(tuple, 'tuple', 'type')],
  ['dict', defineBuiltin(dict, 'dict', 'type', dictFrom)],
  ['set', defineBuiltin(set, 'set', 'type')],
  ['frozenset', defineBuiltin(frozenset, 'frozenset', 'type')],
  ['range', defineBuiltin(range, 'range', 'type')],
  ['enumerate', defineBuiltin(enumerate, 'enumerate', 'type', kwEntry('enumerate', ['start'], (pos, kw) => {
    if (pos.length !== 1) raise('TypeError', 'enumerate() missing required argument iterable');
    return enumerateFrom(pos[0], kw.get('start'));
  }))],
  ['zip', defineBuiltin(zip, 'zip', 'type')],
  ['map', defineBuiltin(map, 'map', 'type')],
  ['filter', defineBuiltin(filter, 'filter', 'type')],
  ['reversed', defineBuiltin(reversed, 'reversed', 'type')],
]);

const FUNCTIONS = new Map<string, PyFunction>([
  ['len', defineBuiltin(len, 'len', 'builtin')],
  ['abs', defineBuiltin(abs, 'abs', 'builtin')],
  ['repr', defineBuiltin(repr, 'repr', 'builtin')],
  ['ord', defineBuiltin(ord, 'ord', 'builtin')],
  ['chr', defineBuiltin(chr, 'chr', 'builtin')],
  ['any', defineBuiltin(any, 'any', 'builtin')],
  ['all', defineBuiltin(all, 'all', 'builtin')],
  ['pow', defineBuiltin(builtinPow, 'pow', 'builtin')],
  ['divmod', defineBuiltin(builtinDivmod, 'divmod', 'builtin')],
  ['isinstance', defineBuiltin(isinstance, 'isinstance', 'builtin')],
  ['callable', defineBuiltin(callableCheck, 'callable', 'builtin')],
  ['type', defineBuiltin(type, 'type', 'type')],
  ['sum', defineBuiltin(sum, 'sum', 'builtin', kwEntry('sum', ['start'], (pos, kw) => {
    if (pos.length < 1 || pos.length > 2) raise('TypeError', `sum() takes at most 2 arguments (${pos.length} given)`);
    return sumOf(pos[0], kw.has('start') ? kw.get('start') : pos.length === 2 ? pos[1] : 0);
  }))],
  ['round', defineBuiltin(builtinRound, 'round', 'builtin', kwEntry('round', ['ndigits'], (pos, kw) => {
    if (pos.length !== 1) raise('TypeError', 'round() missing required argument number');
    return round(pos[0], kw.get('ndigits'));
  }))],
  ['sorted', defineBuiltin(sorted, 'sorted', 'builtin', kwEntry('sorted', ['key', 'reverse'], (pos, kw) => {
    if (pos.length !== 1) raise('TypeError', `sorted expected 1 argument, got ${pos.length}`);
    return sortedFrom(pos[0], kw.get('key'), kw.get('reverse'));
  }))],
  ['min', defineBuiltin(min, 'min', 'builtin', kwEntry('min', ['key', 'default'], (pos, kw) =>
    extreme('min', pos, kw.get('key'), kw.has('default'), kw.get('default'))))],
  ['max', defineBuiltin(max, 'max', 'builtin', kwEntry('max', ['key', 'default'], (pos, kw) =>
    extreme('max', pos, kw.get('key'), kw.has('default'), kw.get('default'))))],
]);

for (const [name, fn] of FUNCTIONS) if (name === 'type') TYPES.set('type', fn);

/** `json.loads` and `json.dumps`, reachable only as attributes of the `json` name. */
export const JSON_FUNCTIONS = new Map<string, PyFunction>([
  ['loads', defineBuiltin((s: unknown) => jsonLoads(s), 'loads', 'builtin')],
  [
    'dumps',
    defineBuiltin((v: unknown) => jsonDumps(v), 'dumps', 'builtin', kwEntry('dumps', ['indent', 'sort_keys', 'ensure_ascii'], (pos, kw) => {
      if (pos.length !== 1) raise('TypeError', 'dumps() takes 1 positional argument');
      return jsonDumps(pos[0], { indent: kw.get('indent'), sort_keys: kw.get('sort_keys'), ensure_ascii: kw.get('ensure_ascii') });
    })),
  ],
]);

/** Every builtin name, mapped to its value. */
export const BUILTINS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...TYPES,
  ...FUNCTIONS,
  ...EXCEPTION_TYPES,
]);

/** What a builtin name is, for an editor that completes it: a type (callable to convert), a function, an exception class or a module. */
export interface BuiltinName {
  name: string;
  kind: 'type' | 'function' | 'exception' | 'module';
}

/**
 * Every name user code may use without defining it that Python's builtins also have, in the table's order, and the
 * `json` module. JSONDecodeError resolves here but is `json.JSONDecodeError` in Python, where the bare name fails:
 * an editor should not offer code that the Dask export cannot run.
 */
export const BUILTIN_NAMES: readonly BuiltinName[] = [
  ...[...TYPES.keys()].map((name) => ({ name, kind: 'type' as const })),
  ...[...FUNCTIONS.keys()].filter((name) => !TYPES.has(name)).map((name) => ({ name, kind: 'function' as const })),
  ...EXCEPTION_NAMES.filter((name) => name !== 'JSONDecodeError').map((name) => ({ name, kind: 'exception' as const })),
  { name: 'json', kind: 'module' },
];

/** Python builtins that exist but that Weft deliberately does not offer: named in errors as unsupported. */
export const FORBIDDEN_BUILTINS: ReadonlySet<string> = new Set([
  'eval', 'exec', 'compile', 'open', 'input', 'print', '__import__', 'globals', 'locals', 'vars', 'getattr', 'setattr',
  'delattr', 'hasattr', 'dir', 'id', 'object', 'super', 'breakpoint', 'help', 'exit', 'quit', 'memoryview',
  'bytearray', 'bytes', 'classmethod', 'staticmethod', 'property', 'iter', 'next', 'hash', 'format', 'ascii', 'bin',
  'hex', 'oct', 'slice', 'complex', 'issubclass', 'aiter', 'anext', '__build_class__', '__builtins__', '__name__',
]);

