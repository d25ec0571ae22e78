import { closestNames } from '../../spec/did-you-mean.js';
import type { DType, FrameMeta, Label } from '../frame.js';
import type { ArithOp, QueryNode, QueryStatement, Span } from './ast.js';
import { cleanBacktickName, cleanColumnName, isPythonIdentifier } from './backtick-names.js';
import { type NeValue, asNode, operandTypeName, opNode, power, resolveOpcodes, trueDivide } from './numexpr-build.js';
import { parseExpression } from './parse.js';
import type { NeKind, NeNode, PyScalar, PythonOp, QueryPlan, StatementPlan, ValueRef, VectorPlan } from './plan.js';
import { pyBinary, pyTypeOf, pyUnary } from './python-scalars.js';
import { QueryError, fail } from './query-error.js';

/**
 * The checker: pandas' `PandasExprVisitor` and numexpr's typing, run on a FrameMeta before any data exists.
 *
 * Policy, as pandas 1.5.3 with numexpr (the default engine when numexpr is installed, as it is beside Dask):
 * - Names resolve to columns (by pandas' cleaned name; integer labels are not reachable), then to the index
 *   (`index`, a level's name, `ilevel_<n>`), then to `inf`/`Inf`. Anything else is pandas' UndefinedVariableError,
 *   with Weft's did-you-mean.
 * - `==`/`!=` between two terms where one is a list or a string are `in`/`not in`; `in`/`not in` run in Python
 *   space as `Series.isin`; so do comparisons with an object operand (Python's rich comparison per value, a missing
 *   value comparing False, or True for `!=`). Their results are bool columns that numexpr then reads.
 * - A `/` casts every column, constant and Python-space result below it to float64 — and, as pandas swaps the
 *   column in its resolver, that column is float64 everywhere in the expression and in later eval lines.
 * - The result dtype is numpy's promotion of numexpr's result kind with pandas' `return_type` (bool for comparisons
 *   and boolean operators, else the promotion of every leaf's type below the operator).
 * Expressions without any column are refused (pandas returns a numpy scalar), except as an eval assignment.
 */

type PType = DType | 'npbool' | 'pyint' | 'pyfloat' | 'pybool' | 'pystr' | 'pynone' | 'pylist' | 'npfloat';

/** pandas' view of a node: its Term or Op, after its own Python-space evaluation. */
type PNode =
  | { t: 'ref'; key: string; ref: ValueRef; dtype: DType; span: Span }
  | { t: 'const'; value: PyScalar; isCast: boolean; isVariable?: boolean; span: Span }
  | { t: 'list'; items: PyScalar[]; span: Span }
  | { t: 'tmp'; op: PythonOp; isCast: boolean; span: Span }
  | { t: 'bin'; op: string; left: PNode; right: PNode; span: Span }
  | { t: 'unary'; op: '-' | '+' | '~'; operand: PNode; span: Span };

const COMPARE_OPS = ['<', '>', '<=', '>=', '==', '!='];
const BOOL_OPS = ['&', '|'];

interface Resolved {
  key: string;
  ref: ValueRef;
  dtype: DType;
}

/** The state pandas' Scope keeps across the lines of one eval: the resolvers and the columns cast by `/`. */
class Scope {
  readonly columns: Array<{ name: Label; dtype: DType }>;
  readonly castKeys = new Set<string>();
  private readonly columnKeys = new Map<string, Resolved>();
  private readonly indexKeys = new Map<string, Resolved>();
  private readonly addedKeys = new Map<string, Resolved>();

  constructor(readonly meta: FrameMeta) {
    this.columns = meta.columns.map((c) => ({ ...c }));
    meta.columns.forEach((c, position) => {
      if (typeof c.name !== 'string') return;
      const key = cleanColumnName(c.name);
      this.columnKeys.set(key, { key, ref: { kind: 'column', position }, dtype: c.dtype });
    });
    const { dtypes, names } = meta.index;
    dtypes.forEach((dtype, level) => {
      const name = names[level];
      if (typeof name === 'number') return;
      const key = name === null ? `ilevel_${level}` : cleanColumnName(name);
      this.indexKeys.set(key, { key, ref: { kind: 'index', level }, dtype });
    });
    if (dtypes.length === 1) this.indexKeys.set('index', { key: 'index', ref: { kind: 'index', level: 0 }, dtype: dtypes[0] });
  }

  resolve(key: string): Resolved | undefined {
    const found = this.columnKeys.get(key) ?? this.indexKeys.get(key) ?? this.addedKeys.get(key);
    if (!found) return undefined;
    return this.castKeys.has(key) && found.dtype !== 'float64' ? { ...found, dtype: 'float64' } : found;
  }

  isMultiIndexName(key: string): boolean {
    return key === 'index' && this.meta.index.dtypes.length > 1;
  }

  /** The names a mistyped name may have meant, as the user would write them. */
  knownNames(): string[] {
    const names = this.columns.filter((c) => typeof c.name === 'string').map((c) => (isPythonIdentifier(c.name as string) ? `'${c.name}'` : `\`${c.name}\``));
    return [...names, ...[...this.indexKeys.keys()].map((k) => `'${k}'`)];
  }

  /** eval's `label = value`: pandas replaces the column of that label or appends one, and updates the resolver. */
  assign(label: string, dtype: DType): { position: number; isNew: boolean } {
    let position = this.columns.findIndex((c) => c.name === label);
    const isNew = position < 0;
    if (isNew) {
      position = this.columns.length;
      this.columns.push({ name: label, dtype });
    } else this.columns[position] = { name: label, dtype };
    const resolved: Resolved = { key: label, ref: { kind: 'column', position }, dtype };
    this.castKeys.delete(label);
    if (this.columnKeys.has(label)) this.columnKeys.set(label, resolved);
    else if (this.indexKeys.has(label)) this.indexKeys.set(label, resolved);
    else this.addedKeys.set(label, resolved);
    return { position, isNew };
  }
}

/** What `query` or `eval` is checking: query has no target to assign to and must give booleans. */
export type QueryMode = 'query' | 'eval';

/**
 * Parses and checks an expression against a frame's schema; throws the first {@link QueryError}, except one that
 * pandas would raise only after comparisons that may fail on the data (then the plan's last statement is `failed`).
 */
export function planQuery(expr: string, meta: FrameMeta, mode: QueryMode): QueryPlan {
  if (expr === '') fail('ValueError', 'expr cannot be an empty string', { start: 0, end: 0 });
  const statements = parseExpression(expr);
  if (statements.length === 0) fail('ValueError', 'expr cannot be an empty string', { start: 0, end: expr.length });
  if (statements.length > 1 && mode === 'query') {
    fail('ValueError', 'multi-line expressions are only valid in the context of data, use DataFrame.eval', { start: statements[1].start, end: statements[1].end });
  }
  const scope = new Scope(meta);
  const plans: StatementPlan[] = [];
  let dtype: DType = 'bool';
  for (const statement of statements) {
    const plan = new StatementChecker(scope).check(statement, mode, statements.length > 1);
    plans.push(plan);
    if (plan.value.k === 'failed') return { statements: plans, columns: scope.columns.map((c) => ({ ...c })), dtype };
    dtype = plan.value.k === 'vector' ? plan.value.plan.dtype : plan.value.dtype;
  }
  if (mode === 'query' && dtype !== 'bool' && plans[plans.length - 1].value.k !== 'failed') {
    const last = statements[statements.length - 1];
    fail('TypeError', `query's expression must give booleans to select rows with, but it gives ${dtype} (pandas would look the values up as index labels; Weft refuses that)`, last.expr);
  }
  return { statements: plans, columns: scope.columns.map((c) => ({ ...c })), dtype };
}

/** The problems of an expression, for the editor's lint: empty when it checks. */
export function checkQuery(expr: string, meta: FrameMeta, mode: QueryMode): { problems: Array<{ message: string; start: number; end: number }>; plan: QueryPlan | null } {
  try {
    const plan = planQuery(expr, meta, mode);
    throwIfFailed(plan);
    return { problems: [], plan };
  } catch (error) {
    if (error instanceof QueryError) return { problems: [error.toProblem()], plan: null };
    throw error;
  }
}

/** Raises a plan's deferred error: what the metadata and the editor report, with no data to compare. */
export function throwIfFailed(plan: QueryPlan): void {
  const last = plan.statements[plan.statements.length - 1].value;
  if (last.k === 'failed') throw new QueryError(last.error.pyType, last.error.pyMessage, last.error.span);
}

class StatementChecker {
  /** The ordering comparisons run in Python space so far, in pandas' order: they may raise on the data. */
  private readonly orderings: PythonOp[] = [];
  constructor(private readonly scope: Scope) {}

  check(statement: QueryStatement, mode: QueryMode, isMultiLine: boolean): StatementPlan {
    if (statement.target && mode === 'query') fail('ValueError', 'cannot assign without a target object', statement);
    if (!statement.target && isMultiLine) fail('ValueError', 'Multi-line expressions are only valid if all expressions contain an assignment', statement);
    let label: string | null = null;
    if (statement.target) {
      const t = statement.target;
      label = t.isBacktick ? cleanBacktickName(t.name) : t.name;
      if (label === null) fail('SyntaxError', `Could not convert '${t.name}' to a valid Python identifier.`, t);
    }
    let value: StatementPlan['value'];
    try {
      value = this.finish(this.visit(statement.expr), statement.expr, label !== null);
    } catch (error) {
      if (!(error instanceof QueryError) || this.orderings.length === 0) throw error;
      return { value: { k: 'failed', error: { pyType: error.pyType, pyMessage: error.pyMessage, span: error.span }, pending: this.orderings }, target: null };
    }
    if (label === null) return { value, target: null };
    const dtype = value.k === 'vector' ? value.plan.dtype : value.k === 'scalar' ? value.dtype : 'bool';
    return { value, target: { label, ...this.scope.assign(label, dtype) } };
  }

  /** The statement's value: a vector, or for an assignment a constant broadcast to every row. */
  private finish(root: PNode, span: Span, isAssignment: boolean): StatementPlan['value'] {
    if (root.t === 'list') fail('TypeError', 'a list is not a value of query/eval by itself', span);
    // numexpr gets the object column itself and has no kind for it.
    if (root.t === 'ref' && root.dtype === 'object') fail('ValueError', 'unknown type object', span);
    if (isAssignment && root.t === 'const' && root.value.t === 'str') fail('ValueError', 'data type must provide an itemsize', span);
    if (isScalar(root)) {
      const folded = lowerValue(root, span, this.scope.castKeys);
      if (!isAssignment || folded.k !== 'py') fail('TypeError', "Weft's query/eval needs an expression that uses a column (pandas returns a numpy scalar here)", span);
      return scalarResult(folded.value, root);
    }
    return { k: 'vector', plan: toVector(root, span, this.scope.castKeys) };
  }

  private visit(node: QueryNode): PNode {
    switch (node.kind) {
      case 'name':
        return this.visitName(node);
      case 'number':
        return { t: 'const', value: node.isFloat ? { t: 'float', v: node.value } : { t: 'int', v: node.value }, isCast: false, span: node };
      case 'bool':
        return { t: 'const', value: { t: 'bool', v: node.value }, isCast: false, span: node };
      case 'none':
        return { t: 'const', value: { t: 'none' }, isCast: false, span: node };
      case 'string':
        return { t: 'const', value: { t: 'str', v: node.value }, isCast: false, span: node };
      case 'list':
        return { t: 'list', items: node.items.map((item) => literalValue(item)), span: node };
      case 'unary': {
        const operand = this.visit(node.operand);
        if (operand.t === 'list') fail('TypeError', `bad operand type for unary ${node.op}: 'list'`, node);
        return { t: 'unary', op: node.op === 'not' ? '~' : node.op, operand, span: node };
      }
      case 'binary':
        return this.binary(node.op, this.visit(node.left), this.visit(node.right), node);
      case 'compare': {
        if (node.ops.length === 1) return this.binary(node.ops[0].op, this.visit(node.left), this.visit(node.ops[0].right), node);
        // pandas visits a chain as `and` of its pairs, visiting each middle operand twice.
        let left = node.left;
        const pairs: PNode[] = [];
        for (const { op, right } of node.ops) {
          pairs.push(this.binary(op, this.visit(left), this.visit(right), { start: left.start, end: right.end }));
          left = right;
        }
        return pairs.reduce((l, r) => this.binary('&', l, r, node));
      }
      case 'boolean': {
        const operands = node.operands.map((o) => this.visit(o));
        return operands.reduce((l, r) => this.binary(node.op === 'and' ? '&' : '|', l, r, node));
      }
    }
  }

  private visitName(node: QueryNode & { kind: 'name' }): PNode {
    const key = node.isBacktick ? cleanBacktickName(node.name) : node.name;
    if (key === null) fail('SyntaxError', `Could not convert '${node.name}' to a valid Python identifier.`, node);
    if (this.scope.isMultiIndexName(key)) fail('NotImplementedError', "'index' of a MultiIndex is not supported in Weft's query/eval; use a level's name or ilevel_<n>", node);
    const found = this.scope.resolve(key);
    if (found) return { t: 'ref', key, ref: found.ref, dtype: found.dtype, span: node };
    // pandas' DEFAULT_GLOBALS: a Term, not a Constant, so numexpr gets it as a variable.
    if (key === 'inf' || key === 'Inf') return { t: 'const', value: { t: 'float', v: Infinity }, isCast: false, isVariable: true, span: node };
    const close = closestNames(node.isBacktick ? `\`${node.name}\`` : `'${node.name}'`, this.scope.knownNames());
    const hint = close.length > 0 ? `; did you mean ${close.slice(0, 3).join(' or ')}?` : '';
    return fail('UndefinedVariableError', `name '${key}' is not defined${hint}`, node);
  }

  /** pandas' `visit_BinOp`/`visit_BoolOp`: the `==`→`in` rewrite, BinOp's checks, and where the operation runs. */
  private binary(op: string, left: PNode, right: PNode, span: Span): PNode {
    if (['==', '!=', 'in', 'not in'].includes(op)) {
      const listOrStr = (p: PNode) => p.t === 'list' || (p.t === 'const' && p.value.t === 'str');
      if (isTerm(left) && isTerm(right) && (listOrStr(left) || listOrStr(right))) {
        op = op === '==' || op === 'in' ? 'in' : 'not in';
        const asList = (p: PNode): PNode => (p.t === 'const' && p.value.t === 'str' ? { t: 'list', items: [p.value], span: p.span } : p);
        left = asList(left);
        right = asList(right);
      }
    }
    if (op === 'in' || op === 'not in') return this.isin(op === 'not in', left, right, span);
    if ((left.t === 'list' || right.t === 'list') && !BOOL_OPS.includes(op) && !COMPARE_OPS.includes(op)) fail('TypeError', `a list can only be used with in, not in and comparisons (got ${op})`, span);
    if (BOOL_OPS.includes(op)) {
      const isBoolish = (p: PNode) => ['bool', 'npbool', 'pybool'].includes(returnType(p));
      if ((isScalar(left) || isScalar(right)) && !(isBoolish(left) && isBoolish(right))) fail('NotImplementedError', 'cannot evaluate scalar only bool ops', span);
      if (returnType(left) === 'object' || returnType(right) === 'object') fail('TypeError', `unsupported operand type(s) for ${op}: an object column is not boolean; compare it first`, span);
      return { t: 'bin', op, left, right, span };
    }
    if (COMPARE_OPS.includes(op)) {
      if (returnType(left) === 'object' || returnType(right) === 'object') return this.pythonCompare(op as '<', left, right, span);
      return { t: 'bin', op, left, right, span };
    }
    return this.arithmetic(op as ArithOp, left, right, span);
  }

  private arithmetic(op: ArithOp, left: PNode, right: PNode, span: Span): PNode {
    const node: PNode = { t: 'bin', op, left, right, span };
    const leaves = flatten(node);
    if (leaves.some((l) => leafType(l) === 'object')) {
      const shown = (p: PNode) => typeText(p.t === 'ref' || p.t === 'const' || p.t === 'tmp' ? leafType(p) : returnType(p));
      fail('TypeError', `unsupported operand type(s) for ${op}: '${shown(left)}' and '${shown(right)}'`, span);
    }
    if (leaves.some((l) => l.t === 'const' && l.value.t === 'none')) fail('TypeError', "unsupported object type: <class 'NoneType'>", span);
    if (op === '/') {
      const numeric = (p: PNode) => ['int64', 'float64', 'pyint', 'pyfloat', 'npfloat'].includes(returnType(p));
      if (!numeric(left) || !numeric(right)) fail('TypeError', `unsupported operand type(s) for /: '${typeText(returnType(left))}' and '${typeText(returnType(right))}'`, span);
      for (const leaf of leaves) this.castToFloat(leaf, span);
    }
    return node;
  }

  /** pandas' `_cast_inplace` for a Div: a leaf becomes float64, a column in the whole scope. */
  private castToFloat(leaf: PNode, span: Span): void {
    if (leaf.t === 'ref' && leaf.dtype !== 'float64') {
      leaf.dtype = 'float64';
      this.scope.castKeys.add(leaf.key);
    } else if (leaf.t === 'const') {
      const v = leaf.value;
      if (v.t === 'str') fail('ValueError', `could not convert string to float: '${v.v}'`, span);
      const x = v.t === 'bool' ? (v.v ? 1 : 0) : v.t === 'none' ? NaN : v.v;
      leaf.value = { t: 'float', v: x };
      leaf.isCast = true;
    } else if (leaf.t === 'tmp') leaf.isCast = true;
  }

  private isin(isNegated: boolean, x: PNode, y: PNode, span: Span): PNode {
    const dressed = (v: PNode) => (v.t === 'list' ? { k: 'list' as const, items: v.items } : { k: 'vector' as const, plan: toVector(v, span, this.scope.castKeys) });
    if (isVector(x)) {
      if (y.t !== 'list' && isScalar(y)) {
        const shown = y.t === 'const' ? pyTypeOf(y.value) : 'scalar';
        fail('TypeError', `only list-like objects are allowed to be passed to isin(), you passed a [${shown}]`, span);
      }
      return { t: 'tmp', op: { k: 'isin', operand: toVector(x, span, this.scope.castKeys), values: dressed(y), isNegated }, isCast: false, span };
    }
    if (x.t === 'list' && isVector(y)) return { t: 'tmp', op: { k: 'isin', operand: toVector(y, span, this.scope.castKeys), values: dressed(x), isNegated }, isCast: false, span };
    return fail('NotImplementedError', "`value in column` tests pandas' index labels, not the column's values; Weft refuses it: write `column == value`", span);
  }

  private pythonCompare(op: '<' | '>' | '<=' | '>=' | '==' | '!=', left: PNode, right: PNode, span: Span): PNode {
    const side = (p: PNode): VectorPlan | PyScalar => {
      if (isVector(p)) return toVector(p, span, this.scope.castKeys);
      if (p.t === 'const') return p.value;
      const folded = lowerValue(p, span, this.scope.castKeys);
      if (folded.k !== 'py') fail('TypeError', 'cannot compare an object column with this value', span);
      return folded.value;
    };
    const compare: PythonOp = { k: 'compare', op, left: side(left), right: side(right), span };
    if (op !== '==' && op !== '!=') this.orderings.push(compare);
    return { t: 'tmp', op: compare, isCast: false, span };
  }
}

/**
 * pandas' `reconstruct_object` for an expression of constants only: the value goes through the numpy type of the
 * constants (`2 ** -2` is 0.25 but its constants are ints, so the column is 0.0), then the promotion of numexpr's
 * result with the return type.
 */
function scalarResult(v: PyScalar, root: PNode): StatementPlan['value'] {
  if (v.t === 'str' || v.t === 'none') return { k: 'scalar', value: v, dtype: 'object' };
  const x = v.t === 'bool' ? Number(v.v) : v.v;
  const through = dtypeOf(promote(flatten(root).map(leafType)));
  const own: DType = v.t === 'int' ? 'int64' : v.t === 'float' ? 'float64' : 'bool';
  const dtype = DTYPE_RANK[Math.max(DTYPE_RANK.indexOf(own), DTYPE_RANK.indexOf(dtypeOf(returnType(root))))];
  let y = x;
  if (through === 'int64') y = Math.trunc(x) + 0;
  else if (through === 'bool' && dtype === 'bool') y = x !== 0 ? 1 : 0;
  if (dtype === 'bool') return { k: 'scalar', value: { t: 'bool', v: y !== 0 }, dtype };
  return { k: 'scalar', value: dtype === 'int64' ? { t: 'int', v: Math.trunc(y) + 0 } : { t: 'float', v: y }, dtype };
}

function literalValue(node: QueryNode): PyScalar {
  switch (node.kind) {
    case 'number':
      return node.isFloat ? { t: 'float', v: node.value } : { t: 'int', v: node.value };
    case 'string':
      return { t: 'str', v: node.value };
    case 'bool':
      return { t: 'bool', v: node.value };
    case 'none':
      return { t: 'none' };
    case 'unary':
      if (node.op === '-' || node.op === '+' || node.op === '~') return pyUnary(node.op, literalValue(node.operand), node);
  }
  return fail('NotImplementedError', "a list in Weft's query/eval holds literal values only (numbers, strings, True, False, None)", node);
}

function isTerm(p: PNode): boolean {
  return p.t === 'ref' || p.t === 'const' || p.t === 'list' || p.t === 'tmp';
}

function isScalar(p: PNode): boolean {
  switch (p.t) {
    case 'const':
      return true;
    case 'ref':
    case 'list':
    case 'tmp':
      return false;
    case 'bin':
      return isScalar(p.left) && isScalar(p.right);
    case 'unary':
      return isScalar(p.operand);
  }
}

function isVector(p: PNode): boolean {
  return p.t !== 'list' && !isScalar(p);
}

/** `com.flatten` of an Op: its Terms, through every nested Op. */
function flatten(p: PNode): PNode[] {
  if (p.t === 'bin') return [...flatten(p.left), ...flatten(p.right)];
  if (p.t === 'unary') return flatten(p.operand);
  return [p];
}

function leafType(p: PNode): PType {
  switch (p.t) {
    case 'ref':
      return p.dtype;
    case 'const':
      if (p.isCast) return 'npfloat';
      return ({ int: 'pyint', float: 'pyfloat', bool: 'pybool', str: 'pystr', none: 'pynone' } as const)[p.value.t];
    case 'list':
      return 'pylist';
    case 'tmp':
      return p.isCast ? 'float64' : 'bool';
    default:
      return returnType(p);
  }
}

/** pandas' `return_type`. */
function returnType(p: PNode): PType {
  if (p.t === 'bin') {
    if (COMPARE_OPS.includes(p.op) || BOOL_OPS.includes(p.op)) return 'npbool';
    return promote(flatten(p).map(leafType));
  }
  if (p.t === 'unary') {
    const inner = returnType(p.operand);
    if (['bool', 'npbool', 'pybool'].includes(inner)) return 'bool';
    if (p.operand.t === 'bin' && (COMPARE_OPS.includes(p.operand.op) || BOOL_OPS.includes(p.operand.op))) return 'bool';
    return 'int64';
  }
  return leafType(p);
}

/** `np.result_type` over leaf types (numeric ones; an object or str leaf wins, as it fails later anyway). */
function promote(types: PType[]): PType {
  if (types.includes('object')) return 'object';
  if (types.includes('pystr')) return 'pystr';
  if (types.some((t) => ['float64', 'pyfloat', 'npfloat', 'pynone'].includes(t))) return 'float64';
  if (types.some((t) => ['int64', 'pyint'].includes(t))) return 'int64';
  return 'bool';
}

function typeText(t: PType): string {
  const texts: Record<PType, string> = {
    int64: 'int64', float64: 'float64', bool: 'bool', object: 'object', npbool: "<class 'numpy.bool_'>", npfloat: "<class 'numpy.float64'>",
    pyint: "<class 'int'>", pyfloat: "<class 'float'>", pybool: "<class 'bool'>", pystr: "<class 'str'>", pynone: "<class 'NoneType'>", pylist: "<class 'list'>",
  };
  return texts[t];
}

function dtypeOf(t: PType): DType {
  if (t === 'object' || t === 'pystr' || t === 'pylist') return 'object';
  if (['float64', 'pyfloat', 'npfloat', 'pynone'].includes(t)) return 'float64';
  if (['int64', 'pyint'].includes(t)) return 'int64';
  return 'bool';
}

const KIND_DTYPE: Record<NeKind, DType> = { b: 'bool', i: 'int64', l: 'int64', d: 'float64', s: 'object' };
const DTYPE_RANK: DType[] = ['bool', 'int64', 'float64', 'object'];

/** A node as a vector: a column as is, a Python-space result, or a numexpr expression typed now. */
function toVector(p: PNode, span: Span, casts: ReadonlySet<string>): VectorPlan {
  if (p.t === 'ref') return { k: 'ref', ref: p.ref, dtype: casts.has(p.key) ? 'float64' : p.dtype };
  if (p.t === 'tmp' && !p.isCast) return { k: 'python', op: p.op, dtype: 'bool' };
  // numexpr builds the expression twice: once with every name a double (to find the names: Python's dispatch
  // errors and constant divisions by zero come from here), then with the arrays' real kinds.
  lowerValue(p, span, casts, true);
  const lowered = lowerValue(p, span, casts);
  if (lowered.k !== 'node' || lowered.node.k === 'const') fail('TypeError', "Weft's query/eval needs an expression that uses a column", span);
  const node = resolveOpcodes(lowered.node, p.span);
  if (node.kind === 's') fail('TypeError', 'strings can only be compared with an object column', span);
  // reconstruct_object: numpy's promotion of numexpr's result with pandas' return type.
  const a = KIND_DTYPE[node.kind];
  const b = dtypeOf(returnType(p));
  const dtype = DTYPE_RANK[Math.max(DTYPE_RANK.indexOf(a), DTYPE_RANK.indexOf(b))];
  return { k: 'numexpr', node, dtype };
}

/** numexpr's building of the printed expression: Python constants fold in Python, the rest becomes nodes. */
function lowerValue(p: PNode, span: Span, casts: ReadonlySet<string>, isNamePass = false): NeValue {
  switch (p.t) {
    case 'ref': {
      // numexpr reads the resolver, where a `/` anywhere before has put the float64 copy of the column.
      const dtype = casts.has(p.key) ? 'float64' : p.dtype;
      const kind: NeKind = isNamePass ? 'd' : dtype === 'int64' ? 'l' : dtype === 'float64' ? 'd' : dtype === 'bool' ? 'b' : 's';
      if (kind === 's') fail('TypeError', 'an object column cannot be computed with by numexpr; compare it with a value', p.span);
      return { k: 'node', node: { k: 'var', kind, source: { k: 'ref', ref: p.ref, dtype } } };
    }
    case 'const':
      if (p.isVariable) return { k: 'node', node: { k: 'scalar', kind: 'd', value: (p.value as { v: number }).v } };
      if (isNamePass && p.value.t === 'str') return { k: 'node', node: { k: 'scalar', kind: 'd', value: NaN } };
      // pandas passes a string to numexpr as a variable; numexpr has no opcode mixing it with numbers, and strings
      // alone make a scalar expression, so such a node is refused before anything would read it.
      if (p.value.t === 'str') return { k: 'node', node: { k: 'const', kind: 's', value: p.value.v } };
      return { k: 'py', value: p.value };
    case 'tmp':
      return { k: 'node', node: { k: 'var', kind: p.isCast || isNamePass ? 'd' : 'b', source: { k: 'python', op: p.op, dtype: 'bool' } } };
    case 'list':
      return { k: 'node', node: { k: 'array', kind: isNamePass ? 'd' : arrayKind(p.items, p.span), values: p.items.map((x) => (x.t === 'bool' ? Number(x.v) : (x as { v: number }).v)), span: p.span } };
    case 'unary': {
      const v = lowerValue(p.operand, p.span, casts, isNamePass);
      if (v.k === 'py') return { k: 'py', value: pyUnary(p.op, v.value, p.span) };
      if (p.op === '+') return v;
      return { k: 'node', node: opNode(p.op === '-' ? 'neg' : 'invert', [v.node], p.span) };
    }
    case 'bin':
      return lowerBinary(p.op, lowerValue(p.left, p.span, casts, isNamePass), lowerValue(p.right, p.span, casts, isNamePass), p.span);
  }
}

/** numexpr's `getType` of `np.array(items)`: bools, int64 or float64; strings and mixed lists it refuses. */
function arrayKind(items: PyScalar[], span: Span): NeKind {
  if (items.some((x) => x.t === 'none')) fail('ValueError', 'unknown type object', span);
  if (items.some((x) => x.t === 'str')) fail('ValueError', 'NumExpr 2 does not support Unicode as a dtype.', span);
  if (items.every((x) => x.t === 'bool')) return 'b';
  return items.some((x) => x.t === 'float') ? 'd' : 'l';
}

function lowerBinary(op: string, l: NeValue, r: NeValue, span: Span): NeValue {
  if (l.k === 'py' && r.k === 'py') return { k: 'py', value: pyBinary(op, l.value, r.value, span) };
  const typeError = () => fail('TypeError', `unsupported operand type(s) for ${op}: '${operandTypeName(l)}' and '${operandTypeName(r)}'`, span);
  const a = () => asNode(l, span);
  const b = () => asNode(r, span);
  const node = (n: NeNode): NeValue => ({ k: 'node', node: n });
  switch (op) {
    case '+':
      return node(opNode('add', [a(), b()], span));
    case '-':
      return node(opNode('sub', [a(), b()], span));
    case '*':
      return node(opNode('mul', [a(), b()], span));
    case '%':
      return node(opNode('mod', [a(), b()], span));
    case '/':
      return node(trueDivide(a(), b(), span));
    case '**':
      return node(l.k === 'py' ? opNode('pow', [a(), b()], span) : power(a(), b(), span));
    case '//':
      return typeError();
    case '&':
    case '|':
      if (l.k === 'py') return typeError();
      return node(opNode(op === '&' ? 'and' : 'or', [a(), b()], span, 'b'));
    case '>':
      return node(opNode('gt', [a(), b()], span, 'b'));
    case '>=':
      return node(opNode('ge', [a(), b()], span, 'b'));
    case '<':
      return node(opNode('gt', [b(), a()], span, 'b'));
    case '<=':
      return node(opNode('ge', [b(), a()], span, 'b'));
    case '==':
      return node(opNode('eq', [a(), b()], span, 'b'));
    case '!=':
      return node(opNode('ne', [a(), b()], span, 'b'));
  }
  return fail('SyntaxError', `unknown operator ${op}`, span);
}
