import type { Expr } from './ast.js';
import { generateExpression, generateModule, type ExternalNames } from './codegen.js';
import { ExprError } from './expr-error.js';
import { parseExpression, parseModule } from './parser.js';
import { toPyException } from './py-exception.js';
import { RUNTIME } from './runtime.js';
import { typeName } from './type-name.js';

/**
 * Compiling user Python to JS functions, once: modules are cached by source, and each module caches the callables
 * and expressions compiled against it, so asking again for the same source is a Map lookup.
 */
export type PyCallable = (...args: unknown[]) => unknown;

/** A compiled `functions` block: its top-level names (defs, constants) and their values. */
export interface PyModule {
  readonly source: string;
  /** Every name the block binds at top level, with its value after the block ran. */
  readonly names: ReadonlyMap<string, unknown>;
  /** The block's `def`s by name. */
  readonly functions: ReadonlyMap<string, PyCallable>;
}

interface ModuleInternals extends PyModule {
  readonly callables: Map<string, PyCallable>;
  readonly expressions: Map<string, () => unknown>;
  readonly external: ExternalNames;
}

type Factory = (...args: unknown[]) => unknown;

const MODULES = new Map<string, ModuleInternals>();

function build(params: string[], code: string): Factory {
  // The generated code is a function body that sees only its parameters: `rt` and the module's names.
  return new Function('rt', ...params, code) as Factory;
}

/**
 * Parsing and generating, with the one JS failure they can still meet mapped to an ExprError: the parser's and the
 * tree-depth limits keep nesting far below the stack, but a stack already deep when compiling starts (a caller's
 * recursion) may overflow anyway, and that must read as a limit, not as a RangeError.
 */
function compiling<T>(step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof RangeError) throw new ExprError('EXPR_UNSUPPORTED', 'expression too deeply nested to compile', 1, 1);
    throw e;
  }
}

/** Compiles and runs a `functions` block; throws ExprError (origin 'functions') or, if running it fails, PyException. */
export function compileModule(functionsSource: string): PyModule {
  const cached = MODULES.get(functionsSource);
  if (cached) return cached;
  let generated: ReturnType<typeof generateModule>;
  let factory: Factory;
  try {
    generated = compiling(() => generateModule(parseModule(functionsSource)));
    factory = compiling(() => build([], generated.code));
  } catch (e) {
    throw e instanceof ExprError ? e.inFunctions() : e;
  }
  let values: unknown[];
  try {
    values = factory(RUNTIME) as unknown[];
  } catch (e) {
    throw toPyException(e);
  }
  // A name the block deleted (or bound only in a branch not taken) holds undefined; it is not a value of the module,
  // and expressions reading it raise NameError as Python does.
  const unbound = new Set(generated.names.filter((_, i) => values[i] === undefined));
  const names = new Map(generated.names.map((n, i) => [n, values[i]] as const).filter(([n]) => !unbound.has(n)));
  const functions = new Map<string, PyCallable>();
  for (const [n, v] of names) if (typeof v === 'function') functions.set(n, v as PyCallable);
  const module: ModuleInternals = {
    source: functionsSource,
    names,
    functions,
    callables: new Map(),
    expressions: new Map(),
    external: { names: new Set(generated.names), functions: new Set(functions.keys()), unbound },
  };
  MODULES.set(functionsSource, module);
  return module;
}

function internals(module: PyModule): ModuleInternals {
  const m = module as ModuleInternals;
  if (!m.callables) throw new TypeError('not a module made by compileModule');
  return m;
}

/** A function evaluating `source` against `module`'s names, compiled once per module and source. */
function expressionFactory(source: string, module: ModuleInternals): () => unknown {
  let run = module.expressions.get(source);
  if (run) return run;
  const generated = compiling(() => generateExpression(parseExpression(source), module.external));
  const factory = compiling(() => build(generated.externals.map((n) => 'p_' + n), generated.code));
  const args = [RUNTIME, ...generated.externals.map((n) => module.names.get(n))];
  run = () => factory(...args);
  module.expressions.set(source, run);
  return run;
}

/**
 * Compiles a Python expression that evaluates to a callable (`lambda x: ...`, a def's name, `len`, `str.upper`).
 * The result raises only PyException.
 */
export function compileCallable(source: string, module: PyModule): PyCallable {
  const m = internals(module);
  const cached = m.callables.get(source);
  if (cached) return cached;
  const run = expressionFactory(source, m);
  let value: unknown;
  try {
    value = run();
  } catch (e) {
    throw toPyException(e);
  }
  if (typeof value !== 'function') {
    throw new ExprError('EXPR_UNSUPPORTED', `expected a callable, but the expression gives a '${typeName(value)}'`, 1, 1);
  }
  const fn = guard(value as PyCallable);
  m.callables.set(source, fn);
  return fn;
}

/** Wraps a compiled callable so that whatever escapes it is a PyException (stack overflow → RecursionError...). */
function guard(fn: PyCallable): PyCallable {
  const guarded = function (this: unknown): unknown {
    try {
      // `arguments` rather than a rest parameter: V8 forwards it to apply without allocating an array.
      return fn.apply(undefined, arguments as unknown as unknown[]);
    } catch (e) {
      throw toPyException(e);
    }
  };
  Object.assign(guarded, { pyName: (fn as { pyName?: string }).pyName, pyKind: (fn as { pyKind?: string }).pyKind });
  return guarded;
}

/** Evaluates a Python expression to a value (`range(100)` → a list); runtime failures throw PyException. */
export function evaluateExpression(source: string, module: PyModule): unknown {
  const run = expressionFactory(source, internals(module));
  try {
    return run();
  } catch (e) {
    throw toPyException(e);
  }
}

/**
 * Checks sources without running them: the `functions` block (errors come back with origin 'functions'), then
 * `source` as a callable or a value. Kind 'callable-module' checks the functions block alone.
 */
export function checkSource(source: string, functionsSource: string, kind: 'callable' | 'value' | 'callable-module'): ExprError | null {
  let external: ExternalNames;
  try {
    const generated = compiling(() => generateModule(parseModule(functionsSource)));
    compiling(() => build([], generated.code));
    external = { names: new Set(generated.names), functions: new Set(generated.functions), unbound: new Set(generated.unbound) };
  } catch (e) {
    if (e instanceof ExprError) return e.inFunctions();
    throw e;
  }
  if (kind === 'callable-module') return null;
  try {
    const expr = compiling(() => parseExpression(source));
    const generated = compiling(() => generateExpression(expr, external));
    compiling(() => build(generated.externals.map((n) => 'p_' + n), generated.code));
    if (kind === 'callable') checkCallableShape(expr);
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw e;
  }
  return null;
}

/** Rejects expressions that can never evaluate to a callable (literals, displays, arithmetic, comparisons). */
function checkCallableShape(expr: Expr): void {
  switch (expr.kind) {
    case 'Num':
    case 'Str':
    case 'Const':
    case 'Tuple':
    case 'List':
    case 'Set':
    case 'Dict':
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
    case 'BinOp':
    case 'UnaryOp':
    case 'Compare':
      throw new ExprError('EXPR_UNSUPPORTED', 'expected a callable (a lambda, a def name or a builtin)', expr.line, expr.column);
    case 'IfExp':
      checkCallableShape(expr.body);
      checkCallableShape(expr.orelse);
      return;
    default:
      return;
  }
}
