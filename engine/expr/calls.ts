import { raise } from './py-exception.js';
import { typeName } from './type-name.js';

/**
 * How compiled code calls Python callables. User functions are plain JS functions with positional parameters; they
 * carry a {@link FunctionMeta} so that keyword calls can be mapped onto positions and arity errors read like Python's.
 * Builtins that take keyword arguments carry a `pyKw` entry point.
 */
export type PyFunction = (...args: unknown[]) => unknown;

export interface FunctionMeta {
  /** The qualified name Python prints: `f`, `<lambda>`, `outer.<locals>.inner`. */
  name: string;
  params: readonly string[];
  /** How many leading parameters have no default. */
  required: number;
}

/** A builtin's keyword entry point: positional arguments and keyword arguments by name. */
export type KwEntry = (pos: unknown[], kw: Map<string, unknown>) => unknown;

interface CallableInfo {
  pyName?: string;
  pyKind?: 'builtin' | 'type' | 'function';
  pyMeta?: FunctionMeta;
  pyKw?: KwEntry;
}

/** The callable itself, or TypeError `'int' object is not callable`. */
export function callable(f: unknown): PyFunction {
  if (typeof f === 'function') return f as PyFunction;
  return raise('TypeError', `'${typeName(f)}' object is not callable`);
}

/** Marks a compiled user function with its Python name and parameters. */
export function defineFunction<F extends PyFunction>(fn: F, meta: FunctionMeta): F {
  const info = fn as unknown as CallableInfo;
  info.pyMeta = meta;
  info.pyName = meta.name;
  info.pyKind = 'function';
  return fn;
}

/** Marks a builtin with its name, kind and optional keyword entry point. */
export function defineBuiltin<F extends PyFunction>(fn: F, name: string, kind: 'builtin' | 'type', kw?: KwEntry): F {
  const info = fn as unknown as CallableInfo;
  info.pyName = name;
  info.pyKind = kind;
  if (kw) info.pyKw = kw;
  return fn;
}

/** The name Python shows for a callable in messages. */
export function callableName(f: unknown): string {
  return (f as CallableInfo).pyName ?? 'function';
}

/** `f(*pos, **dict(zip(names, values)))`. */
export function callKw(f: unknown, pos: unknown[], names: readonly string[], values: readonly unknown[]): unknown {
  const fn = callable(f);
  const info = fn as unknown as CallableInfo;
  if (info.pyMeta) {
    const meta = info.pyMeta;
    const args = pos.slice();
    while (args.length < meta.params.length) args.push(undefined);
    names.forEach((name, k) => {
      const index = meta.params.indexOf(name);
      if (index < 0) raise('TypeError', `${meta.name}() got an unexpected keyword argument '${name}'`);
      if (args[index] !== undefined) raise('TypeError', `${meta.name}() got multiple values for argument '${name}'`);
      args[index] = values[k];
    });
    return fn(...args);
  }
  if (info.pyKw) {
    const kw = new Map<string, unknown>();
    names.forEach((name, k) => kw.set(name, values[k]));
    return info.pyKw(pos, kw);
  }
  return raise('TypeError', `${callableName(fn)}() takes no keyword arguments`);
}

/**
 * Raised from a compiled function's prologue when its arguments do not fit: too many, or a required one missing
 * (`undefined`, which is never a Python value).
 */
export function badArguments(meta: FunctionMeta, given: number, ...values: unknown[]): never {
  const total = meta.params.length;
  if (given > total) {
    const takes =
      meta.required === total ? `${total} positional argument${total === 1 ? '' : 's'}` : `from ${meta.required} to ${total} positional arguments`;
    raise('TypeError', `${meta.name}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  const missing = meta.params.slice(0, meta.required).filter((_, i) => values[i] === undefined);
  const quoted = missing.map((m) => `'${m}'`);
  const list =
    quoted.length === 1
      ? quoted[0]
      : quoted.length === 2
        ? `${quoted[0]} and ${quoted[1]}`
        : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
  return raise(
    'TypeError',
    `${meta.name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`,
  );
}
