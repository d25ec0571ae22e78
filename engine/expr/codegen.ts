import type {
  AttributeExpr,
  CallExpr,
  CompExpr,
  Comprehension,
  DictCompExpr,
  Expr,
  FunctionDef,
  LambdaExpr,
  NumExpr,
  Param,
  Pos,
  SliceExpr,
  Stmt,
  TryStmt,
} from './ast.js';
import { BUILTINS, FORBIDDEN_BUILTINS, JSON_FUNCTIONS } from './builtins.js';
import { ExprError } from './expr-error.js';
import { isBudgetTicking } from './budget.js';
import { hasUnboundMethod, METHOD_KEYWORDS, METHOD_NAMES } from './methods.js';
import { collectBindings, comprehensionBindings, newScope, type Scope } from './scope.js';
import { MAX_ITEMS } from './size-limit.js';

/**
 * Compiles the Python AST to the body of a JS function `(rt, ...externals) => value`.
 *
 * Safety: every Python name becomes `p_<name>` and every name the generator needs starts with `$` (which Python
 * names cannot contain), so generated code can reach neither JS globals nor the runtime object except through the
 * `$` constants its prelude takes from `rt`. Attribute access never becomes a JS property access: methods are called
 * through dispatchers chosen by name from a whitelist, and `_`-prefixed attributes are refused.
 *
 * Speed: operators call small runtime helpers whose first branch is the common case (two numbers, two strs), which
 * V8 inlines; a few hot forms are emitted inline behind a `typeof` guard (`'x' in s` → `s.includes('x')`,
 * `s.split(',')` → native split, `for i in range(n)` → a counting loop). A function's arity check costs one compare.
 */
export interface GeneratedCode {
  /** The JS function body; parameters are `rt` followed by `$externals`'s mangled names. */
  code: string;
  /** Module names the code reads, in parameter order. */
  externals: string[];
}

/** The module a callable or expression is compiled against: its names, and which of them hold functions. */
export interface ExternalNames {
  names: ReadonlySet<string>;
  functions: ReadonlySet<string>;
  /** Names the module may leave unbound (`del g`, a branch not taken): reading one raises NameError. */
  unbound: ReadonlySet<string>;
}

type Flow = Set<string> | null;

// Name tables are Maps so that no key can find an Object.prototype member.
const BINARY_HELPERS: ReadonlyMap<string, string> = new Map([
  ['+', 'add'], ['-', 'sub'], ['*', 'mul'], ['/', 'truediv'], ['//', 'floordiv'], ['%', 'mod'], ['**', 'pow'],
  ['<<', 'lshift'], ['>>', 'rshift'], ['&', 'bitand'], ['|', 'bitor'], ['^', 'bitxor'],
]);
const INPLACE_HELPERS: ReadonlyMap<string, string> = new Map([
  ['+', 'iadd'], ['-', 'isub'], ['*', 'imul'], ['&', 'iand'], ['|', 'ior'], ['^', 'ixor'],
]);
const COMPARE_HELPERS: ReadonlyMap<string, string> = new Map([
  ['==', 'eq'], ['!=', 'ne'], ['<', 'lt'], ['<=', 'le'], ['>', 'gt'], ['>=', 'ge'],
]);
/** Builtins that consume a generator argument completely, so `sum(x for x in y)` may build an array instead. */
const EAGER_CONSUMERS = new Set(['sum', 'list', 'tuple', 'set', 'frozenset', 'sorted', 'min', 'max', 'dict', 'enumerate', 'zip']);
const BUILTIN_TYPES_WITH_METHODS = new Set(['str', 'list', 'dict', 'set', 'tuple', 'frozenset']);

class Unit {
  readonly helpers = new Set<string>();
  readonly builtins = new Set<string>();
  readonly methods = new Set<string>();
  readonly consts: string[] = [];
  readonly externalsUsed = new Set<string>();
  private counter = 0;

  fresh(prefix: string): string {
    return `$${prefix}${this.counter++}`;
  }
  helper(name: string): string {
    this.helpers.add(name);
    return '$' + name;
  }
  builtin(name: string): string {
    this.builtins.add(name);
    return '$b_' + name;
  }
  method(name: string): string {
    this.methods.add(name);
    return '$m_' + name;
  }
  constant(code: string): string {
    const name = `$c${this.consts.length}`;
    this.consts.push(`const ${name} = ${code};`);
    return name;
  }

  prelude(): string {
    const lines = ['"use strict";'];
    for (const h of this.helpers) lines.push(`const $${h} = rt.h.${h};`);
    for (const b of this.builtins) lines.push(`const $b_${b} = rt.builtin(${JSON.stringify(b)});`);
    for (const m of this.methods) lines.push(`const $m_${m} = rt.method(${JSON.stringify(m)});`);
    lines.push(...this.consts);
    return lines.join('\n');
  }
}

interface Loop {
  /** Set when the loop has an `else`, whose `break` must skip it. */
  label: string | null;
}

/** One JS function being generated: a def, a lambda, a comprehension, the module, or a top-level expression. */
class Ctx {
  readonly temps: string[] = [];
  readonly loops: Loop[] = [];
  /** Names certainly bound at the current point; null in unreachable code. */
  flow: Flow;
  /** The variable holding the exception of each enclosing except clause, for a bare `raise`. */
  readonly handling: string[] = [];

  constructor(
    readonly unit: Unit,
    readonly scope: Scope,
    readonly parent: Ctx | null,
    readonly kind: 'module' | 'function' | 'comprehension' | 'expression',
    readonly qualname: string,
    flow: Set<string>,
  ) {
    this.flow = flow;
  }

  temp(): string {
    const t = this.unit.fresh('t');
    this.temps.push(t);
    return t;
  }
}

function fail(code: ExprError['code'], message: string, at: Pos): never {
  throw new ExprError(code, message, at.line, at.column);
}

function mangle(name: string): string {
  return 'p_' + name;
}

function jsString(text: string): string {
  return JSON.stringify(text);
}

function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (value === Infinity) return '(1/0)';
  if (value === -Infinity) return '(-1/0)';
  return value < 0 ? `(${value})` : String(value);
}

function copyFlow(flow: Flow): Flow {
  return flow === null ? null : new Set(flow);
}

function mergeFlow(a: Flow, b: Flow): Flow {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((n) => b.has(n)));
}

function indent(lines: string[]): string[] {
  return lines.map((l) => '  ' + l);
}

// ---- entry points ------------------------------------------------------------------------------------------------

/**
 * A `functions` block: the code runs the module's statements and returns the values of its names, in `names`' order.
 */
export function generateModule(body: readonly Stmt[]): { code: string; names: string[]; functions: string[]; unbound: string[] } {
  const unit = new Unit();
  const scope = newScope('module', null);
  collectBindings(body, scope);
  const ctx = new Ctx(unit, scope, null, 'module', '', new Set());
  // Names bound only by one top-level def can be called directly, without a callable check.
  const functions = collectDefNames(body);
  moduleFunctions.set(unit, new Set(functions));
  const lines = stmts(body, ctx);
  const names = [...scope.locals];
  const declarations = names.length ? [`let ${names.map(mangle).join(', ')};`] : [];
  const code = [
    unit.prelude(),
    ...declarations,
    ...tempDeclarations(ctx),
    ...lines,
    `return [${names.map(mangle).join(', ')}];`,
  ].join('\n');
  const bound = ctx.flow;
  const unbound = bound === null ? [] : names.filter((n) => !bound.has(n));
  return { code, names, functions, unbound };
}

function isDefOnly(body: readonly Stmt[], name: string): boolean {
  let defs = 0;
  for (const stmt of body) {
    if (stmt.kind === 'FunctionDef' && stmt.name === name) defs++;
    else {
      const probe = newScope('function', null);
      collectBindings([stmt], probe);
      if (probe.locals.has(name)) return false;
    }
  }
  return defs === 1;
}

/** A single expression evaluated against a module's names. */
export function generateExpression(expr: Expr, external: ExternalNames): GeneratedCode {
  const unit = new Unit();
  const externalScope = newScope('external', null);
  for (const n of external.names) externalScope.locals.add(n);
  const scope = newScope('function', externalScope);
  const ctx = new Ctx(unit, scope, null, 'expression', '', new Set());
  externalFunctions.set(unit, external.functions);
  externalUnbound.set(unit, external.unbound);
  const value = gen(expr, ctx);
  const code = [unit.prelude(), ...tempDeclarations(ctx), `return ${value};`].join('\n');
  return { code, externals: [...unit.externalsUsed] };
}

const externalFunctions = new WeakMap<Unit, ReadonlySet<string>>();
const externalUnbound = new WeakMap<Unit, ReadonlySet<string>>();

function tempDeclarations(ctx: Ctx): string[] {
  return ctx.temps.length ? [`let ${ctx.temps.join(', ')};`] : [];
}

// ---- names -------------------------------------------------------------------------------------------------------

type Resolution =
  | { kind: 'scope'; owner: Scope }
  | { kind: 'external' }
  | { kind: 'builtin' }
  | { kind: 'json' };

function resolve(name: string, ctx: Ctx, at: Pos): Resolution {
  for (let s: Scope | null = ctx.scope; s; s = s.parent) {
    if (s.locals.has(name)) return s.kind === 'external' ? { kind: 'external' } : { kind: 'scope', owner: s };
  }
  if (name === 'json') return { kind: 'json' };
  if (BUILTINS.has(name)) return { kind: 'builtin' };
  if (FORBIDDEN_BUILTINS.has(name) || name.startsWith('__')) {
    fail('EXPR_UNSUPPORTED', `'${name}' is not available in Weft expressions`, at);
  }
  return fail('EXPR_NAME', `name '${name}' is not defined`, at);
}

/** The context generating the code of `scope`, walking out from `ctx`, and whether a def or lambda was crossed. */
function ownerCtx(ctx: Ctx, scope: Scope): { owner: Ctx | null; crossedFunction: boolean } {
  let crossed = false;
  for (let c: Ctx | null = ctx; c; c = c.parent) {
    if (c.scope === scope) return { owner: c, crossedFunction: crossed };
    if (c.kind === 'function') crossed = true;
  }
  return { owner: null, crossedFunction: true };
}

function loadName(name: string, ctx: Ctx, at: Pos): string {
  const r = resolve(name, ctx, at);
  switch (r.kind) {
    case 'external': {
      ctx.unit.externalsUsed.add(name);
      const v = mangle(name);
      if (!externalUnbound.get(ctx.unit)?.has(name)) return v;
      const raise = ctx.unit.helper('raise');
      return `(${v} === undefined ? ${raise}("NameError", ${jsString(`name '${name}' is not defined`)}) : ${v})`;
    }
    case 'builtin':
      return ctx.unit.builtin(name);
    case 'json':
      return fail('EXPR_UNSUPPORTED', "'json' can only be used as json.loads or json.dumps", at);
    case 'scope': {
      const v = mangle(name);
      if (r.owner.params.has(name)) return v;
      const { owner, crossedFunction } = ownerCtx(ctx, r.owner);
      if (r.owner.kind === 'module' && owner === null) return v;
      if (owner && (owner.flow === null || owner.flow.has(name)) && !(crossedFunction && r.owner.deleted.has(name))) {
        return v;
      }
      const message =
        r.owner.kind === 'module'
          ? ['NameError', `name '${name}' is not defined`]
          : crossedFunction
            ? ['NameError', `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`]
            : ['UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`];
      return `(${v} === undefined ? ${ctx.unit.helper('raise')}(${jsString(message[0])}, ${jsString(message[1])}) : ${v})`;
    }
  }
}

/**
 * `name.split('sep')[k]` for a literal k >= 0 on a str: the k-th field found by indexOf, without the list. It is the
 * commonest record step of the tutorials (`x.split(',')[1]`), which spent most of its time making 42 strings to keep
 * one. Anything else (another receiver type, a str past the size limit, too few fields) takes `general`, the
 * subscript of the real split, so values and errors are the same.
 */
function splitField(value: Expr, index: NumExpr, general: string, ctx: Ctx): string | null {
  if (value.kind !== 'Call' || value.keywords.length > 0 || value.args.length !== 1 || index.value < 0) return null;
  const { func, args } = value;
  const sep = args[0];
  if (func.kind !== 'Attribute' || func.attr !== 'split' || func.value.kind !== 'Name' || sep.kind !== 'Str' || sep.value === '') return null;
  const receiver = gen(func.value, ctx);
  return `(${splittableStr(receiver)} ? ${ctx.unit.helper('splitField')}(${receiver}, ${jsString(sep.value)}, ${numberLiteral(index.value)}) : ${general})`;
}

/** The test for a str that JS's split may split: past MAX_ITEMS code units it could pass the list limit, so such a str takes the checked method. */
function splittableStr(receiver: string): string {
  return `typeof ${receiver} === "string" && ${receiver}.length <= ${MAX_ITEMS}`;
}

/** True for expressions that may be evaluated twice without effect: literals and names. */
function isPure(e: Expr): boolean {
  return e.kind === 'Num' || e.kind === 'Str' || e.kind === 'Const' || e.kind === 'Name';
}

function isBuiltin(e: Expr, name: string, ctx: Ctx): boolean {
  if (e.kind !== 'Name' || e.id !== name) return false;
  for (let s: Scope | null = ctx.scope; s; s = s.parent) if (s.locals.has(name)) return false;
  return true;
}

// ---- expressions -------------------------------------------------------------------------------------------------

function gen(e: Expr, ctx: Ctx): string {
  const u = ctx.unit;
  switch (e.kind) {
    case 'Name':
      return loadName(e.id, ctx, e);
    case 'Num':
      if (!e.isFloat || !Number.isInteger(e.value)) return numberLiteral(e.value);
      return u.constant(`new ${u.helper('PyFloat')}(${numberLiteral(e.value)})`);
    case 'Str':
      return jsString(e.value);
    case 'Const':
      return e.value === null ? 'null' : String(e.value);
    case 'Tuple': {
      const items = e.elts.map((x) => gen(x, ctx));
      const tuple = `new ${u.helper('PyTuple')}([${items.join(', ')}])`;
      return e.elts.every(isConstant) ? u.constant(tuple) : tuple;
    }
    case 'List':
      return `[${e.elts.map((x) => gen(x, ctx)).join(', ')}]`;
    case 'Set':
      return `${u.helper('makeSet')}([${e.elts.map((x) => gen(x, ctx)).join(', ')}])`;
    case 'Dict': {
      const parts: string[] = [];
      e.keys.forEach((k, i) => parts.push(gen(k, ctx), gen(e.values[i], ctx)));
      return `${u.helper('makeDict')}([${parts.join(', ')}])`;
    }
    case 'BinOp':
      return `${u.helper(BINARY_HELPERS.get(e.op)!)}(${gen(e.left, ctx)}, ${gen(e.right, ctx)})`;
    case 'UnaryOp':
      if (e.op === 'not') return `!${cond(e.operand, ctx)}`;
      return `${u.helper(e.op === '-' ? 'neg' : e.op === '+' ? 'pos' : 'invert')}(${gen(e.operand, ctx)})`;
    case 'BoolOp':
      return boolOp(e.op, e.values, ctx);
    case 'Compare':
      return compare(e.left, e.ops, e.comparators, ctx);
    case 'IfExp':
      return `(${cond(e.test, ctx)} ? ${gen(e.body, ctx)} : ${gen(e.orelse, ctx)})`;
    case 'Lambda':
      return lambda(e, ctx);
    case 'Call':
      return call(e, ctx);
    case 'Attribute':
      return attribute(e, ctx);
    case 'Subscript': {
      const value = gen(e.value, ctx);
      if (e.index.kind === 'Slice') {
        const s = e.index;
        const parts = [value, s.lower ? gen(s.lower, ctx) : 'null', s.upper ? gen(s.upper, ctx) : 'null'];
        if (s.step) parts.push(gen(s.step, ctx));
        return `${u.helper('getSlice')}(${parts.join(', ')})`;
      }
      if (e.index.kind === 'Num' && !e.index.isFloat) {
        const index = `${u.helper('getIndex')}(${value}, ${numberLiteral(e.index.value)})`;
        return splitField(e.value, e.index, index, ctx) ?? index;
      }
      return `${u.helper('getItem')}(${value}, ${gen(e.index, ctx)})`;
    }
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
    case 'DictComp':
      return comprehension(e, ctx, e.kind === 'GeneratorExp' ? 'lazy' : 'eager');
    case 'Yield':
      // The parser makes a Yield only as a whole statement, which `stmt` handles; this is for hand-built trees.
      return fail('EXPR_UNSUPPORTED', "'yield' is only supported as a statement of its own", e);
  }
}

function isFastIterable(e: Expr): boolean {
  if (e.kind !== 'Call' || e.keywords.length > 0) return false;
  if (e.func.kind === 'Name') return e.func.id === 'range' || e.func.id === 'enumerate';
  return e.func.kind === 'Attribute' && e.func.attr === 'items';
}

/** Every name an expression mentions, at any depth. */
function namesIn(e: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as { kind?: string; id?: string };
      if (n.kind === 'Name' && typeof n.id === 'string') out.push(n.id);
      for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
    }
  };
  walk(e);
  return out;
}

function isConstant(e: Expr): boolean {
  return e.kind === 'Num' || e.kind === 'Str' || e.kind === 'Const' || (e.kind === 'Tuple' && e.elts.every(isConstant));
}

/** Code for a JS boolean: Python's truth value of `e`, without building a bool value where the form gives one. */
function cond(e: Expr, ctx: Ctx): string {
  switch (e.kind) {
    case 'Compare':
      return compare(e.left, e.ops, e.comparators, ctx);
    case 'UnaryOp':
      if (e.op === 'not') return `!${cond(e.operand, ctx)}`;
      break;
    case 'BoolOp':
      return `(${e.values.map((v) => cond(v, ctx)).join(e.op === 'and' ? ' && ' : ' || ')})`;
    case 'Const':
      return e.value === true ? 'true' : 'false';
  }
  if (isBoolValued(e, ctx)) return gen(e, ctx);
  return `${ctx.unit.helper('truthy')}(${gen(e, ctx)})`;
}

/** Forms whose value is always a Python bool, so `and`/`or` on them can use `&&`/`||` directly. */
function isBoolValued(e: Expr, ctx: Ctx): boolean {
  if (e.kind === 'Compare' || (e.kind === 'UnaryOp' && e.op === 'not')) return true;
  if (e.kind === 'Const') return e.value !== null;
  if (e.kind === 'BoolOp') return e.values.every((v) => isBoolValued(v, ctx));
  if (e.kind === 'Call' && e.func.kind === 'Name') {
    return ['isinstance', 'bool', 'callable', 'any', 'all'].includes(e.func.id) && isBuiltin(e.func, e.func.id, ctx);
  }
  return false;
}

function boolOp(op: 'and' | 'or', values: Expr[], ctx: Ctx): string {
  let code = gen(values[0], ctx);
  let allBool = isBoolValued(values[0], ctx);
  for (let i = 1; i < values.length; i++) {
    const next = gen(values[i], ctx);
    if (allBool) {
      // `a and b` is `a` when a is False, else `b`: exactly JS `&&` when `a` is a boolean.
      code = `(${code} ${op === 'and' ? '&&' : '||'} ${next})`;
    } else {
      const t = ctx.temp();
      const truth = `${ctx.unit.helper('truthy')}(${t} = ${code})`;
      code = op === 'and' ? `(${truth} ? ${next} : ${t})` : `(${truth} ? ${t} : ${next})`;
    }
    allBool = allBool && isBoolValued(values[i], ctx);
  }
  return code;
}

function compare(left: Expr, ops: string[], comparators: Expr[], ctx: Ctx): string {
  const parts: string[] = [];
  let leftCode = gen(left, ctx);
  let leftExpr = left;
  ops.forEach((op, i) => {
    const rightExpr = comparators[i];
    let rightCode = gen(rightExpr, ctx);
    let rightUse = rightCode;
    if (i < ops.length - 1 && !isPure(rightExpr)) {
      // A middle operand is evaluated once and used by two comparisons.
      const t = ctx.temp();
      rightCode = `(${t} = ${rightCode})`;
      rightUse = t;
    }
    parts.push(compareOne(op, leftCode, rightCode, leftExpr, rightExpr, ctx));
    leftCode = rightUse;
    leftExpr = rightExpr;
  });
  return parts.length === 1 ? parts[0] : `(${parts.join(' && ')})`;
}

function compareOne(op: string, l: string, r: string, leftExpr: Expr, rightExpr: Expr, ctx: Ctx): string {
  const u = ctx.unit;
  switch (op) {
    case 'is':
      return `(${l} === ${r})`;
    case 'is not':
      return `(${l} !== ${r})`;
    case 'in':
    case 'not in': {
      const negate = op === 'not in' ? '!' : '';
      if (leftExpr.kind === 'Str' && rightExpr.kind === 'Name' && isPure(rightExpr)) {
        // The hot filter `'normal.' in line`: a native substring search behind a type check.
        return `${negate}(typeof ${r} === "string" ? ${r}.includes(${l}) : ${u.helper('isIn')}(${l}, ${r}))`;
      }
      return `${negate}${u.helper('isIn')}(${l}, ${r})`;
    }
    default:
      return `${u.helper(COMPARE_HELPERS.get(op)!)}(${l}, ${r})`;
  }
}

// ---- calls and attributes ----------------------------------------------------------------------------------------

function args(e: CallExpr, ctx: Ctx, eager: boolean): string[] {
  return e.args.map((a) => (a.kind === 'GeneratorExp' && eager ? comprehension(a, ctx, 'eager') : gen(a, ctx)));
}

function call(e: CallExpr, ctx: Ctx): string {
  const u = ctx.unit;
  const f = e.func;
  if (f.kind === 'Attribute') {
    const receiver = f.value;
    if (receiver.kind === 'Name' && receiver.id === 'json' && resolveQuiet(receiver.id, ctx) === 'json') {
      return callValue(jsonFunction(f, ctx), e, ctx, false);
    }
    if (receiver.kind === 'Name' && BUILTIN_TYPES_WITH_METHODS.has(receiver.id) && resolveQuiet(receiver.id, ctx) === 'builtin') {
      return callValue(unboundMethod(f, ctx), e, ctx, false);
    }
    return methodCall(f, e, ctx);
  }
  if (f.kind === 'Name') {
    const r = resolve(f.id, ctx, f);
    if (r.kind === 'builtin') {
      const eager = EAGER_CONSUMERS.has(f.id);
      return callValue(u.builtin(f.id), e, ctx, eager);
    }
    const callee = loadName(f.id, ctx, f);
    const direct =
      (r.kind === 'scope' && r.owner.kind === 'module' && moduleFunctions.get(u)?.has(f.id)) ||
      (r.kind === 'external' && externalFunctions.get(u)?.has(f.id));
    return callValue(direct ? callee : `${u.helper('callable')}(${callee})`, e, ctx, false);
  }
  return callValue(`${u.helper('callable')}(${gen(f, ctx)})`, e, ctx, false);
}

/** Names of module-level defs that may be called directly, per unit (set while generating a module). */
const moduleFunctions = new WeakMap<Unit, ReadonlySet<string>>();

function callValue(callee: string, e: CallExpr, ctx: Ctx, eager: boolean): string {
  const positional = args(e, ctx, eager);
  if (e.keywords.length === 0) return `${callee}(${positional.join(', ')})`;
  const names = e.keywords.map((k) => jsString(k.name));
  const values = e.keywords.map((k) => gen(k.value, ctx));
  return `${ctx.unit.helper('callKw')}(${callee}, [${positional.join(', ')}], [${names.join(', ')}], [${values.join(', ')}])`;
}

function resolveQuiet(name: string, ctx: Ctx): 'scope' | 'json' | 'builtin' | 'other' {
  for (let s: Scope | null = ctx.scope; s; s = s.parent) if (s.locals.has(name)) return 'scope';
  if (name === 'json') return 'json';
  return BUILTINS.has(name) ? 'builtin' : 'other';
}

function checkAttributeName(e: AttributeExpr): void {
  if (e.attr.startsWith('_')) {
    fail('EXPR_UNSUPPORTED', `access to the attribute '${e.attr}' is not allowed (names starting with '_' are private)`, e.attrPos);
  }
}

function jsonFunction(e: AttributeExpr, ctx: Ctx): string {
  checkAttributeName(e);
  if (!JSON_FUNCTIONS.has(e.attr)) fail('EXPR_UNSUPPORTED', `json.${e.attr} is not supported (only json.loads and json.dumps)`, e.attrPos);
  return ctx.unit.constant(`rt.json(${jsString(e.attr)})`);
}

function unboundMethod(e: AttributeExpr, ctx: Ctx): string {
  checkAttributeName(e);
  const type = (e.value as { id: string }).id;
  if (!hasUnboundMethod(type, e.attr)) fail('EXPR_UNSUPPORTED', `${type}.${e.attr} is not supported`, e.attrPos);
  return ctx.unit.constant(`rt.unboundMethod(${jsString(type)}, ${jsString(e.attr)})`);
}

function attribute(e: AttributeExpr, ctx: Ctx): string {
  const receiver = e.value;
  if (receiver.kind === 'Name' && receiver.id === 'json' && resolveQuiet('json', ctx) === 'json') return jsonFunction(e, ctx);
  if (receiver.kind === 'Name' && BUILTIN_TYPES_WITH_METHODS.has(receiver.id) && resolveQuiet(receiver.id, ctx) === 'builtin') {
    return unboundMethod(e, ctx);
  }
  checkAttributeName(e);
  if (!METHOD_NAMES.has(e.attr)) fail('EXPR_UNSUPPORTED', `the attribute '${e.attr}' is not supported`, e.attrPos);
  return `${ctx.unit.helper('bindMethod')}(${gen(receiver, ctx)}, ${jsString(e.attr)})`;
}

function methodCall(f: AttributeExpr, e: CallExpr, ctx: Ctx): string {
  checkAttributeName(f);
  const name = f.attr;
  if (!METHOD_NAMES.has(name)) fail('EXPR_UNSUPPORTED', `the method '${name}' is not supported`, f.attrPos);
  const u = ctx.unit;
  const receiverExpr = f.value;
  const receiver = gen(receiverExpr, ctx);
  const positional = args(e, ctx, name === 'join');
  const dispatcher = u.method(name);
  if (name === 'sort' && e.args.length > 0) return `${u.helper('sortPositional')}(${receiver})`;
  if (e.keywords.length > 0) {
    const slots = METHOD_KEYWORDS.get(name) ?? [];
    const keywords = new Map(e.keywords.map((k) => [k.name, k]));
    for (const k of e.keywords) {
      if (!slots.includes(k.name)) {
        return `${u.helper('raise')}("TypeError", ${jsString(`${name}() takes no keyword argument '${k.name}'`)})`;
      }
    }
    const filled = [...positional];
    slots.forEach((slot, i) => {
      const k = keywords.get(slot);
      if (!k) return;
      while (filled.length < i) filled.push('undefined');
      if (filled.length > i) {
        filled[i] = `${u.helper('raise')}("TypeError", ${jsString(`argument for ${name}() given by name ('${slot}') and position`)})`;
      } else {
        filled.push(gen(k.value, ctx));
      }
    });
    return `${dispatcher}(${[receiver, ...filled].join(', ')})`;
  }
  if (receiverExpr.kind === 'Name' && isPure(receiverExpr)) {
    // Native string methods behind a type check, for the forms whose JS meaning is exactly Python's.
    const a = e.args[0];
    if (name === 'split' && e.args.length === 1 && a.kind === 'Str' && a.value !== '') {
      return `(${splittableStr(receiver)} ? ${receiver}.split(${positional[0]}) : ${dispatcher}(${receiver}, ${positional[0]}))`;
    }
    if ((name === 'startswith' || name === 'endswith') && e.args.length === 1 && a.kind === 'Str') {
      const js = name === 'startswith' ? 'startsWith' : 'endsWith';
      return `(typeof ${receiver} === "string" ? ${receiver}.${js}(${positional[0]}) : ${dispatcher}(${receiver}, ${positional[0]}))`;
    }
    if ((name === 'lower' || name === 'upper') && e.args.length === 0) {
      const js = name === 'lower' ? 'toLowerCase' : 'toUpperCase';
      return `(typeof ${receiver} === "string" ? ${receiver}.${js}() : ${dispatcher}(${receiver}))`;
    }
  }
  return `${dispatcher}(${[receiver, ...positional].join(', ')})`;
}

// ---- functions ---------------------------------------------------------------------------------------------------

function lambda(e: LambdaExpr, ctx: Ctx): string {
  return functionValue(e.params, [{ kind: 'Return', value: e.body, line: e.body.line, column: e.body.column }], '<lambda>', ctx);
}

function functionValue(params: Param[], body: readonly Stmt[], name: string, ctx: Ctx): string {
  const u = ctx.unit;
  const prefix = functionPrefix(ctx);
  const qualname = prefix + name;
  const scope = newScope('function', ctx.scope, `${qualname}.<locals>.`);
  for (const p of params) {
    scope.params.add(p.name);
    scope.locals.add(p.name);
  }
  collectBindings(body, scope);
  // Defaults are evaluated once, where the def is, in the enclosing scope.
  const defaults = params.filter((p) => p.default).map((p) => ({ name: u.fresh('d'), code: gen(p.default!, ctx) }));
  const fctx = new Ctx(u, scope, ctx, 'function', qualname, new Set(scope.params));
  const bodyLines = stmts(body, fctx);
  const required = params.filter((p) => !p.default).length;
  const meta = u.constant(JSON.stringify({ name: qualname, params: params.map((p) => p.name), required }));
  const paramNames = params.map((p) => mangle(p.name));
  const checks = [`arguments.length > ${params.length}`, ...params.slice(0, required).map((p) => `${mangle(p.name)} === undefined`)];
  const locals = [...scope.locals].filter((n) => !scope.params.has(n)).map(mangle);
  const prologue = [
    budgetTick(u),
    `if (${checks.join(' || ')}) ${u.helper('badArguments')}(${meta}, arguments.length${paramNames.length ? ', ' : ''}${paramNames.join(', ')});`,
    ...params
      .filter((p) => p.default)
      .map((p, i) => `if (${mangle(p.name)} === undefined) ${mangle(p.name)} = ${defaults[i].name};`),
  ];
  const frame = [...(locals.length ? [`let ${locals.join(', ')};`] : []), ...tempDeclarations(fctx), ...bodyLines];
  let lines: string[];
  if (isGeneratorBody(body)) {
    // Arguments are checked at the call, as Python does; the body runs only when the generator is iterated. Its
    // `return` (with or without a value) ends the iteration: for...of ignores a JS generator's return value.
    const gen = `new ${u.helper('PyGenerator')}((function* () {\n${indent(frame).join('\n')}\n})(), ${jsString(qualname)})`;
    lines = [...prologue, `return ${gen};`];
  } else {
    lines = [...prologue, ...frame];
    if (!endsWithReturn(body)) lines.push('return null;');
  }
  const fn = `${u.helper('defineFunction')}(function (${paramNames.join(', ')}) {\n${indent(lines).join('\n')}\n}, ${meta})`;
  if (defaults.length === 0) return fn;
  return `((${defaults.map((d) => d.name).join(', ')}) => ${fn})(${defaults.map((d) => d.code).join(', ')})`;
}

/** A tick of the user-code budget (budget.ts), at every loop iteration and function entry. */
function budgetTick(u: Unit): string {
  if (!isBudgetTicking()) return '';
  const budget = u.helper('budget');
  return `if (--${budget}.n < 0) ${budget}.check();`;
}

function functionPrefix(ctx: Ctx): string {
  let c: Ctx | null = ctx;
  while (c && c.kind === 'comprehension') c = c.parent;
  return c ? c.scope.prefix : '';
}

/** True when a def's body holds a `yield` statement (nested defs do not count: they are generators themselves). */
function isGeneratorBody(body: readonly Stmt[]): boolean {
  return body.some((s) => {
    switch (s.kind) {
      case 'Expr':
        return s.value.kind === 'Yield';
      case 'If':
      case 'For':
      case 'While':
        return isGeneratorBody(s.body) || isGeneratorBody(s.orelse);
      case 'Try':
        return (
          isGeneratorBody(s.body) ||
          s.handlers.some((h) => isGeneratorBody(h.body)) ||
          isGeneratorBody(s.orelse) ||
          isGeneratorBody(s.finalbody)
        );
      default:
        return false;
    }
  });
}

function endsWithReturn(body: readonly Stmt[]): boolean {
  const last = body[body.length - 1];
  return last !== undefined && (last.kind === 'Return' || last.kind === 'Raise');
}

// ---- comprehensions and loops ------------------------------------------------------------------------------------

/**
 * A comprehension as an immediately-called arrow function, so its variables get their own scope. The first
 * iterable is evaluated outside, in the enclosing scope, as Python does. A lazy generator expression becomes a JS
 * generator wrapped as a PyGenerator.
 */
function comprehension(e: CompExpr | DictCompExpr, ctx: Ctx, mode: 'eager' | 'lazy'): string {
  const u = ctx.unit;
  const scope = newScope('comprehension', ctx.scope, ctx.scope.prefix);
  comprehensionBindings(e.generators, scope);
  const firstIter = e.generators[0].iter;
  // A first iterable that names none of the comprehension's variables can be evaluated inside, which lets
  // `[f(i) for i in range(n)]` use the counting loop; otherwise it is evaluated outside, as Python does.
  const inside = isFastIterable(firstIter) && !namesIn(firstIter).some((n) => scope.locals.has(n));
  const first = inside ? 'null' : gen(firstIter, ctx);
  const cctx = new Ctx(u, scope, ctx, 'comprehension', ctx.qualname, new Set());
  const firstParam = u.fresh('it');
  const result = u.fresh('r');
  const kind = e.kind === 'GeneratorExp' && mode === 'eager' ? 'ListComp' : e.kind;
  let innermost: string[];
  if (kind === 'DictComp') {
    const d = e as DictCompExpr;
    innermost = [`${result}.set(${gen(d.key, cctx)}, ${gen(d.value, cctx)});`];
  } else {
    const elt = gen((e as CompExpr).elt, cctx);
    // A list may not pass MAX_ITEMS (V8 aborts the process past its array limit); sets and dicts meet V8's own
    // catchable Map limit first.
    const push = `if (${result}.push(${elt}) > ${MAX_ITEMS}) ${u.helper('memoryError')}();`;
    innermost = [kind === 'ListComp' ? push : kind === 'SetComp' ? `${result}.add(${elt});` : `yield ${elt};`];
  }
  const body = comprehensionLoops(e.generators, 0, inside ? null : firstParam, innermost, cctx);
  const init = kind === 'DictComp' ? `new ${u.helper('PyDict')}()` : kind === 'SetComp' ? `new ${u.helper('PySet')}()` : '[]';
  const locals = [...scope.locals].map(mangle);
  const decls = [...(locals.length ? [`let ${locals.join(', ')};`] : []), ...tempDeclarations(cctx)];
  if (kind === 'GeneratorExp') {
    const name = jsString(functionPrefix(ctx) + '<genexpr>');
    return `new ${u.helper('PyGenerator')}((function* (${firstParam}) {\n${indent([...decls, ...body]).join('\n')}\n})(${first}), ${name})`;
  }
  const lines = [...decls, `const ${result} = ${init};`, ...body, `return ${result};`];
  return `((${firstParam}) => {\n${indent(lines).join('\n')}\n})(${first})`;
}

function comprehensionLoops(generators: Comprehension[], i: number, firstParam: string | null, innermost: string[], ctx: Ctx): string[] {
  if (i === generators.length) return innermost;
  const g = generators[i];
  const outside = i === 0 && firstParam !== null;
  return loop(g.target, outside ? firstParam : '', outside ? null : g.iter, ctx, () => {
    let inner = comprehensionLoops(generators, i + 1, firstParam, innermost, ctx);
    for (let k = g.ifs.length - 1; k >= 0; k--) inner = [`if (${cond(g.ifs[k], ctx)}) {`, ...indent(inner), '}'];
    return inner;
  });
}

/**
 * A loop over `iterCode` binding `target` each time. `iterExpr`, when given, lets the common shapes compile to
 * cheaper JS: `range(...)` to a counting loop, `enumerate(x)` to a counter beside the loop, `d.items()` to the
 * dict's own entries.
 */
function loop(target: Expr, iterCode: string, iterExpr: Expr | null, ctx: Ctx, loopBody: () => string[]): string[] {
  const u = ctx.unit;
  const body = () => [budgetTick(u), ...loopBody()];
  if (iterExpr && iterExpr.kind === 'Call' && iterExpr.keywords.length === 0) {
    const f = iterExpr.func;
    if (isBuiltin(f, 'range', ctx) && iterExpr.args.length >= 1 && iterExpr.args.length <= 3) {
      return rangeLoop(target, iterExpr, ctx, body);
    }
    if (isBuiltin(f, 'enumerate', ctx) && iterExpr.args.length === 1 && target.kind === 'Tuple' && target.elts.length === 2) {
      const counter = u.fresh('k');
      const item = u.fresh('v');
      const source = gen(iterExpr.args[0], ctx);
      const binds = [...assignTo(target.elts[0], `${counter}++`, ctx), ...assignTo(target.elts[1], item, ctx)];
      return [`let ${counter} = 0;`, `for (const ${item} of ${u.helper('iter')}(${source})) {`, ...indent([...binds, ...body()]), '}'];
    }
    if (
      f.kind === 'Attribute' &&
      f.attr === 'items' &&
      iterExpr.args.length === 0 &&
      target.kind === 'Tuple' &&
      target.elts.length === 2
    ) {
      const entry = u.fresh('e');
      const source = gen(f.value, ctx);
      const binds = [...assignTo(target.elts[0], `${entry}[0]`, ctx), ...assignTo(target.elts[1], `${entry}[1]`, ctx)];
      return [`for (const ${entry} of ${u.helper('itemsIter')}(${source})) {`, ...indent([...binds, ...body()]), '}'];
    }
  }
  const source = iterExpr ? gen(iterExpr, ctx) : iterCode;
  const item = u.fresh('v');
  return [`for (const ${item} of ${u.helper('iter')}(${source})) {`, ...indent([...assignTo(target, item, ctx), ...body()]), '}'];
}

function rangeLoop(target: Expr, call: CallExpr, ctx: Ctx, body: () => string[]): string[] {
  const u = ctx.unit;
  const argCode = call.args.map((a) => gen(a, ctx));
  const asInt = (code: string, e: Expr) => (e.kind === 'Num' && !e.isFloat ? code : `${u.helper('toIndex')}(${code})`);
  const [startCode, stopCode] =
    call.args.length === 1 ? ['0', asInt(argCode[0], call.args[0])] : [asInt(argCode[0], call.args[0]), asInt(argCode[1], call.args[1])];
  const i = u.fresh('i');
  const end = u.fresh('n');
  const stepExpr = call.args[2];
  let step = '1';
  let test = `${i} < ${end}`;
  const pre: string[] = [];
  if (stepExpr) {
    if (stepExpr.kind === 'Num' && !stepExpr.isFloat && stepExpr.value !== 0) {
      step = numberLiteral(stepExpr.value);
      if (stepExpr.value < 0) test = `${i} > ${end}`;
    } else {
      step = u.fresh('s');
      pre.push(`const ${step} = ${u.helper('rangeStep')}(${argCode[2]});`);
      test = `(${step} > 0 ? ${i} < ${end} : ${i} > ${end})`;
    }
  }
  // The start and stop are evaluated before the step, as range() evaluates its arguments in order.
  if (pre.length) {
    const s = u.fresh('a');
    const n = u.fresh('b');
    return [
      `const ${s} = ${startCode}, ${n} = ${stopCode};`,
      ...pre,
      `for (let ${i} = ${s}, ${end} = ${n}; ${test}; ${i} += ${step}) {`,
      ...indent([...assignTo(target, i, ctx), ...body()]),
      '}',
    ];
  }
  const header = `for (let ${i} = ${startCode}, ${end} = ${stopCode}; ${test}; ${i} += ${step}) {`;
  return [header, ...indent([...assignTo(target, i, ctx), ...body()]), '}'];
}

// ---- assignment --------------------------------------------------------------------------------------------------

/** Statements binding `target` to the value of the JS expression `value` (evaluated exactly once). */
function assignTo(target: Expr, value: string, ctx: Ctx): string[] {
  const u = ctx.unit;
  switch (target.kind) {
    case 'Name':
      markAssigned(target.id, ctx);
      return [`${storeName(target.id, ctx, target)} = ${value};`];
    case 'Tuple':
    case 'List': {
      const t = ctx.temp();
      const lines = [`${t} = ${u.helper('unpack')}(${value}, ${target.elts.length});`];
      target.elts.forEach((elt, i) => lines.push(...assignTo(elt, `${t}[${i}]`, ctx)));
      return lines;
    }
    case 'Subscript': {
      const obj = gen(target.value, ctx);
      if (target.index.kind === 'Slice') {
        const s: SliceExpr = target.index;
        const parts = [obj, s.lower ? gen(s.lower, ctx) : 'null', s.upper ? gen(s.upper, ctx) : 'null', s.step ? gen(s.step, ctx) : 'null'];
        return [`${u.helper('setSlice')}(${parts.join(', ')}, ${value});`];
      }
      return [`${u.helper('setItem')}(${obj}, ${gen(target.index, ctx)}, ${value});`];
    }
    case 'Attribute':
      checkAttributeName(target);
      return fail('EXPR_UNSUPPORTED', 'assigning to attributes is not supported', target.attrPos);
    default:
      return fail('EXPR_SYNTAX', 'cannot assign to expression', target);
  }
}

function storeName(name: string, ctx: Ctx, at: Pos): string {
  if (!ctx.scope.locals.has(name)) fail('EXPR_NAME', `cannot assign to '${name}' here`, at);
  return mangle(name);
}

function markAssigned(name: string, ctx: Ctx): void {
  if (ctx.flow) ctx.flow.add(name);
}

// ---- statements --------------------------------------------------------------------------------------------------

function stmts(body: readonly Stmt[], ctx: Ctx): string[] {
  const out: string[] = [];
  for (const s of body) out.push(...stmt(s, ctx));
  return out;
}

function block(body: readonly Stmt[], ctx: Ctx): string[] {
  return indent(stmts(body, ctx));
}

function stmt(s: Stmt, ctx: Ctx): string[] {
  const u = ctx.unit;
  switch (s.kind) {
    case 'Expr':
      // A bare string is a docstring or a comment; nothing to run.
      if (s.value.kind === 'Str') return [];
      if (s.value.kind === 'Yield') {
        // Only a def's body can hold one, and a def whose body does is compiled to a JS generator function.
        if (ctx.kind !== 'function') fail('EXPR_SYNTAX', "'yield' outside function", s);
        return [`yield ${s.value.value ? gen(s.value.value, ctx) : 'null'};`];
      }
      return [`${gen(s.value, ctx)};`];
    case 'Pass':
    case 'Import':
      return [];
    case 'Assign':
      return assign(s.targets, s.value, ctx);
    case 'AugAssign':
      return augAssign(s.target, s.op, s.value, ctx);
    case 'Return': {
      if (ctx.kind !== 'function') fail('EXPR_SYNTAX', "'return' outside function", s);
      const value = s.value ? gen(s.value, ctx) : 'null';
      ctx.flow = null;
      return [`return ${value};`];
    }
    case 'Break':
    case 'Continue': {
      if (ctx.loops.length === 0) fail('EXPR_SYNTAX', `'${s.kind.toLowerCase()}' outside loop`, s);
      const label = ctx.loops[ctx.loops.length - 1].label;
      ctx.flow = null;
      if (s.kind === 'Continue') return ['continue;'];
      return [label ? `break ${label};` : 'break;'];
    }
    case 'If': {
      const test = cond(s.test, ctx);
      const before = copyFlow(ctx.flow);
      const then = block(s.body, ctx);
      const afterThen = ctx.flow;
      ctx.flow = before;
      const lines = [`if (${test}) {`, ...then];
      if (s.orelse.length) {
        const otherwise = block(s.orelse, ctx);
        lines.push('} else {', ...otherwise);
      }
      lines.push('}');
      ctx.flow = mergeFlow(afterThen, ctx.flow);
      return lines;
    }
    case 'While': {
      const label = s.orelse.length ? u.fresh('L') : null;
      const before = copyFlow(ctx.flow);
      const test = cond(s.test, ctx);
      ctx.loops.push({ label });
      const body = block(s.body, ctx);
      ctx.loops.pop();
      ctx.flow = before;
      const lines = [`while (${test}) {`, budgetTick(u), ...body, '}'];
      return withElse(lines, label, s.orelse, ctx, before);
    }
    case 'For': {
      const label = s.orelse.length ? u.fresh('L') : null;
      const before = copyFlow(ctx.flow);
      const lines = loop(s.target, '', s.iter, ctx, () => {
        ctx.loops.push({ label });
        const body = stmts(s.body, ctx);
        ctx.loops.pop();
        return body;
      });
      ctx.flow = before;
      return withElse(lines, label, s.orelse, ctx, before);
    }
    case 'FunctionDef':
      return functionDef(s, ctx);
    case 'Delete':
      return s.targets.flatMap((t) => deleteTarget(t, ctx));
    case 'Try':
      return tryStmt(s, ctx);
    case 'Raise': {
      let code: string;
      if (s.exc) code = `${u.helper('toRaise')}(${gen(s.exc, ctx)})`;
      else if (ctx.handling.length) code = ctx.handling[ctx.handling.length - 1];
      else code = `${u.helper('noActiveException')}()`;
      ctx.flow = null;
      return [`throw ${code};`];
    }
    case 'Assert': {
      const msg = s.msg ? gen(s.msg, ctx) : 'undefined';
      return [`if (!${cond(s.test, ctx)}) throw ${u.helper('assertionError')}(${msg});`];
    }
  }
}

function withElse(lines: string[], label: string | null, orelse: readonly Stmt[], ctx: Ctx, before: Flow): string[] {
  if (!label) return lines;
  const elseLines = stmts(orelse, ctx);
  ctx.flow = before;
  return [`${label}: {`, ...indent(lines), ...indent(elseLines), '}'];
}

function functionDef(s: FunctionDef, ctx: Ctx): string[] {
  const value = functionValue(s.params, s.body, s.name, ctx);
  markAssigned(s.name, ctx);
  return [`${storeName(s.name, ctx, s)} = ${value};`];
}

function assign(targets: Expr[], valueExpr: Expr, ctx: Ctx): string[] {
  // `a, b = b, a`: evaluate the right side's items into temps and skip building a tuple.
  if (
    targets.length === 1 &&
    (targets[0].kind === 'Tuple' || targets[0].kind === 'List') &&
    valueExpr.kind === 'Tuple' &&
    targets[0].elts.length === valueExpr.elts.length
  ) {
    const temps = valueExpr.elts.map(() => ctx.temp());
    const lines = valueExpr.elts.map((v, i) => `${temps[i]} = ${gen(v, ctx)};`);
    (targets[0].elts as Expr[]).forEach((t, i) => lines.push(...assignTo(t, temps[i], ctx)));
    return lines;
  }
  const value = gen(valueExpr, ctx);
  if (targets.length === 1) return assignTo(targets[0], value, ctx);
  const t = ctx.temp();
  return [`${t} = ${value};`, ...targets.flatMap((target) => assignTo(target, t, ctx))];
}

function augAssign(target: Expr, op: string, valueExpr: Expr, ctx: Ctx): string[] {
  const u = ctx.unit;
  const helper = u.helper(INPLACE_HELPERS.get(op) ?? BINARY_HELPERS.get(op)!);
  if (target.kind === 'Name') {
    const current = loadName(target.id, ctx, target);
    const value = gen(valueExpr, ctx);
    markAssigned(target.id, ctx);
    return [`${storeName(target.id, ctx, target)} = ${helper}(${current}, ${value});`];
  }
  if (target.kind === 'Subscript') {
    if (target.index.kind === 'Slice') fail('EXPR_UNSUPPORTED', 'augmented assignment to a slice is not supported', target);
    const obj = ctx.temp();
    const key = ctx.temp();
    const objCode = gen(target.value, ctx);
    const keyCode = gen(target.index as Expr, ctx);
    const value = gen(valueExpr, ctx);
    return [
      `${obj} = ${objCode};`,
      `${key} = ${keyCode};`,
      `${u.helper('setItem')}(${obj}, ${key}, ${helper}(${u.helper('getItem')}(${obj}, ${key}), ${value}));`,
    ];
  }
  if (target.kind === 'Attribute') checkAttributeName(target);
  return fail('EXPR_UNSUPPORTED', 'augmented assignment to attributes is not supported', target);
}

function deleteTarget(target: Expr, ctx: Ctx): string[] {
  const u = ctx.unit;
  switch (target.kind) {
    case 'Name': {
      const check = loadName(target.id, ctx, target);
      if (ctx.flow) ctx.flow.delete(target.id);
      return [`${check};`, `${storeName(target.id, ctx, target)} = undefined;`];
    }
    case 'Tuple':
    case 'List':
      return target.elts.flatMap((t) => deleteTarget(t, ctx));
    case 'Subscript': {
      const obj = gen(target.value, ctx);
      if (target.index.kind === 'Slice') {
        const s = target.index;
        const parts = [obj, s.lower ? gen(s.lower, ctx) : 'null', s.upper ? gen(s.upper, ctx) : 'null', s.step ? gen(s.step, ctx) : 'null'];
        return [`${u.helper('delSlice')}(${parts.join(', ')});`];
      }
      return [`${u.helper('delItem')}(${obj}, ${gen(target.index, ctx)});`];
    }
    case 'Attribute':
      checkAttributeName(target);
      return fail('EXPR_UNSUPPORTED', 'deleting attributes is not supported', target.attrPos);
    default:
      return fail('EXPR_SYNTAX', 'cannot delete expression', target);
  }
}

function tryStmt(s: TryStmt, ctx: Ctx): string[] {
  const u = ctx.unit;
  const before = copyFlow(ctx.flow);
  let lines: string[];
  if (s.handlers.length === 0) {
    // try/finally: the body goes straight into the JS `try { } finally { }` below; a JS `try` needs a catch or finally.
    lines = stmts(s.body, ctx);
  } else {
    const ok = s.orelse.length ? ctx.temp() : null;
    const body = block(s.body, ctx);
    const elseLines = s.orelse.length ? block(s.orelse, ctx) : [];
    let merged = ctx.flow;
    const caught = u.fresh('x');
    const raw = u.fresh('e');
    const handlerLines: string[] = [`const ${caught} = ${u.helper('catchable')}(${raw});`, `if (${caught} === null) throw ${raw};`];
    s.handlers.forEach((h, i) => {
      ctx.flow = copyFlow(before);
      const test = h.type ? `${u.helper('exceptionMatches')}(${caught}, ${gen(h.type, ctx)})` : 'true';
      ctx.handling.push(caught);
      const bind = h.name ? [`${storeName(h.name, ctx, h)} = ${caught};`] : [];
      if (h.name) markAssigned(h.name, ctx);
      const hbody = block(h.body, ctx);
      ctx.handling.pop();
      handlerLines.push(`${i ? '} else ' : ''}if (${test}) {`, ...indent(bind), ...hbody);
      merged = mergeFlow(merged, ctx.flow);
    });
    handlerLines.push('} else {', `  throw ${caught};`, '}');
    lines = [
      ...(ok ? [`${ok} = false;`] : []),
      'try {',
      ...body,
      ...(ok ? [`  ${ok} = true;`] : []),
      `} catch (${raw}) {`,
      ...indent(handlerLines),
      '}',
      ...(ok ? [`if (${ok}) {`, ...elseLines, '}'] : []),
    ];
    ctx.flow = merged;
  }
  if (s.finalbody.length) {
    const after = ctx.flow;
    ctx.flow = copyFlow(before);
    const fin = block(s.finalbody, ctx);
    const finFlow = ctx.flow;
    ctx.flow = after === null || finFlow === null ? null : new Set([...after, ...finFlow]);
    lines = ['try {', ...indent(lines), '} finally {', ...fin, '}'];
  }
  return lines;
}

function collectDefNames(body: readonly Stmt[]): string[] {
  const names = body.filter((s): s is FunctionDef => s.kind === 'FunctionDef').map((s) => s.name);
  return names.filter((n) => isDefOnly(body, n));
}
