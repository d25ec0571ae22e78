import { eq, ge, gt, le, lt } from '../../expr/compare.js';
import { PyException } from '../../expr/py-exception.js';
import { makeFloat } from '../../values/py-types.js';
import { columnKeys, memberMask, membershipKeys } from '../kernels/isin.js';
import type { Column, DType, Frame, Index } from '../frame.js';
import { isMissing } from '../frame.js';
import type { Span } from './ast.js';
import type { NeNode, PyScalar, PythonOp, QueryPlan, ValueRef, VectorPlan } from './plan.js';
import { QueryError } from './query-error.js';
import { pyValue as rowValue } from '../python-values.js';

/**
 * The evaluator of a checked plan over a frame's column buffers. Every operation is one loop over typed arrays;
 * nothing is decided per row that the checker could decide. Semantics are numexpr's for its opcodes (C-style `%`
 * and integer division for integer kinds with 0 for a zero divisor, `a - floor(a/b)*b` for float `%`, IEEE
 * comparisons so that NaN != x), and pandas' for Python-space operations: `isin` by Python equality and hash (1,
 * 1.0 and True are one value, NaN matches NaN), and rich comparisons on object values where a missing value
 * compares False (True for `!=`). An object column is compared per dictionary entry once, then its codes are
 * mapped; a TypeError names the first row (in row order) whose value cannot be compared, as pandas' loop would.
 */

type Numbers = Float64Array | Uint8Array;
/** A numexpr value: an array or a broadcast constant. */
type NeValueArray = Numbers | number;

interface Context {
  columns: Column[];
  index: Index;
  length: number;
}

/** The values of every statement; `columns` is the working frame after eval's assignments. */
export function evaluatePlan(plan: QueryPlan, frame: Frame): { columns: Column[]; last: Column } {
  const ctx: Context = { columns: frame.columns.slice(), index: frame.index, length: frame.length };
  let last: Column | null = null;
  for (const statement of plan.statements) {
    if (statement.value.k === 'failed') {
      for (const op of statement.value.pending) python(op, ctx);
      const { pyType, pyMessage, span } = statement.value.error;
      throw new QueryError(pyType, pyMessage, span);
    }
    const value = statement.value.k === 'vector' ? vector(statement.value.plan, ctx) : broadcast(statement.value.value, statement.value.dtype, ctx.length);
    last = value;
    if (statement.target) {
      if (statement.target.isNew) ctx.columns.push(value);
      else ctx.columns[statement.target.position] = value;
    }
  }
  return { columns: ctx.columns, last: last as Column };
}

function broadcast(value: PyScalar, dtype: DType, n: number): Column {
  switch (value.t) {
    case 'int':
    case 'float':
      return { dtype: dtype as 'int64', values: new Float64Array(n).fill(value.v) };
    case 'bool':
      return { dtype: 'bool', values: new Uint8Array(n).fill(value.v ? 1 : 0) };
    case 'str':
      return { dtype: 'object', codes: new Int32Array(n), dictionary: [value.v] };
    case 'none':
      return { dtype: 'object', codes: new Int32Array(n), dictionary: [null] };
  }
}

function vector(plan: VectorPlan, ctx: Context): Column {
  switch (plan.k) {
    case 'ref':
      return asDtype(refColumn(plan.ref, ctx), plan.dtype);
    case 'python':
      return { dtype: 'bool', values: python(plan.op, ctx) };
    case 'numexpr': {
      const out = numexpr(plan.node, ctx);
      const values = typeof out === 'number' ? new Float64Array(ctx.length).fill(out) : out;
      return asDtype(values instanceof Uint8Array ? { dtype: 'bool', values } : { dtype: 'float64', values }, plan.dtype);
    }
  }
}

function refColumn(ref: ValueRef, ctx: Context): Column {
  if (ref.kind === 'column') return ctx.columns[ref.position];
  const index = ctx.index;
  if (index.kind === 'labels') return index.levels[ref.level];
  const values = new Float64Array(ctx.length);
  for (let i = 0; i < values.length; i++) values[i] = index.start + index.step * i;
  return { dtype: 'int64', values };
}

/** A numeric column as another numeric dtype (values are already doubles; bools become 0/1). */
function asDtype(column: Column, dtype: DType): Column {
  if (column.dtype === dtype) return column;
  if (column.dtype === 'object' || dtype === 'object') return column;
  if (dtype === 'bool') {
    const values = new Uint8Array(column.values.length);
    for (let i = 0; i < values.length; i++) values[i] = column.values[i] !== 0 ? 1 : 0;
    return { dtype: 'bool', values };
  }
  return { dtype, values: column.values instanceof Float64Array ? column.values : Float64Array.from(column.values) };
}

// ---- numexpr ----

function numexpr(node: NeNode, ctx: Context): NeValueArray {
  switch (node.k) {
    case 'const':
    case 'scalar':
      return node.value as number;
    case 'array':
      if (node.values.length !== 1) throw new QueryError('ValueError', `operands could not be broadcast together with shapes (${ctx.length},) (${node.values.length},) `, node.span);
      return node.values[0];
    case 'var': {
      const column = vector(node.source, ctx);
      if (column.dtype === 'object') throw new Error('an object column reached numexpr');
      return column.values;
    }
    case 'op':
      return operation(node, node.args.map((a) => numexpr(a, ctx)), ctx.length);
  }
}

function unary(x: NeValueArray, n: number, f: (a: number) => number, out: Numbers): NeValueArray {
  if (typeof x === 'number') return f(x);
  for (let i = 0; i < n; i++) out[i] = f(x[i]);
  return out;
}

function binary(x: NeValueArray, y: NeValueArray, n: number, f: (a: number, b: number) => number, out: Numbers): NeValueArray {
  if (typeof x === 'number' && typeof y === 'number') return f(x, y);
  if (typeof x === 'number') for (let i = 0; i < n; i++) out[i] = f(x, (y as Numbers)[i]);
  else if (typeof y === 'number') for (let i = 0; i < n; i++) out[i] = f(x[i], y);
  else for (let i = 0; i < n; i++) out[i] = f(x[i], y[i]);
  return out;
}

function asArray(v: NeValueArray, n: number): Numbers {
  return typeof v === 'number' ? new Float64Array(n).fill(v) : v;
}

/**
 * The hot opcodes as one loop each: a closure per element is not inlined once the call site has seen several, and
 * filters on millions of rows live in these loops.
 */
function fastBinary(op: string, xv: NeValueArray, yv: NeValueArray, n: number): Numbers | null {
  const x = asArray(xv, n);
  const y = asArray(yv, n);
  switch (op) {
    case 'add': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
      return out;
    }
    case 'sub': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
      return out;
    }
    case 'mul': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
      return out;
    }
    case 'eq': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] === y[i] ? 1 : 0;
      return out;
    }
    case 'ne': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] !== y[i] ? 1 : 0;
      return out;
    }
    case 'gt': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] > y[i] ? 1 : 0;
      return out;
    }
    case 'ge': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] >= y[i] ? 1 : 0;
      return out;
    }
    case 'div': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
      return out;
    }
    case 'and': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] & y[i];
      return out;
    }
    case 'or': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = x[i] | y[i];
      return out;
    }
  }
  return null;
}

/** C's pow, which differs from Math.pow where the base is ±1. */
function cPow(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

function integerPow(a: number, b: number): number {
  if (b < 0) return a === 0 ? 0 : Math.trunc(1 / a) + 0;
  return Math.pow(a, b);
}

function operation(node: NeNode & { k: 'op' }, args: NeValueArray[], n: number): NeValueArray {
  const isInt = node.argKinds[0] === 'i' || node.argKinds[0] === 'l';
  const nums = () => new Float64Array(n);
  const bools = () => new Uint8Array(n);
  const [x, y] = args;
  if (args.length === 2 && (typeof x !== 'number' || typeof y !== 'number') && !(isInt && node.op === 'div')) {
    const fast = fastBinary(node.op, x, y, n);
    if (fast) return fast;
  }
  switch (node.op) {
    case 'add':
      return binary(x, y, n, (a, b) => a + b, nums());
    case 'sub':
      return binary(x, y, n, (a, b) => a - b, nums());
    case 'mul':
      return binary(x, y, n, (a, b) => a * b, nums());
    case 'div':
      return isInt ? binary(x, y, n, (a, b) => (b === 0 ? 0 : Math.trunc(a / b) + 0), nums()) : binary(x, y, n, (a, b) => a / b, nums());
    case 'mod':
      return isInt ? binary(x, y, n, (a, b) => (b === 0 ? 0 : (a % b) + 0), nums()) : binary(x, y, n, (a, b) => a - Math.floor(a / b) * b, nums());
    case 'pow':
      return binary(x, y, n, isInt ? integerPow : cPow, nums());
    case 'eq':
      return binary(x, y, n, (a, b) => (a === b ? 1 : 0), bools());
    case 'ne':
      return binary(x, y, n, (a, b) => (a !== b ? 1 : 0), bools());
    case 'gt':
      return binary(x, y, n, (a, b) => (a > b ? 1 : 0), bools());
    case 'ge':
      return binary(x, y, n, (a, b) => (a >= b ? 1 : 0), bools());
    case 'and':
      return binary(x, y, n, (a, b) => a & b, bools());
    case 'or':
      return binary(x, y, n, (a, b) => a | b, bools());
    case 'invert': {
      if (typeof x === 'number') return x ? 0 : 1;
      const out = bools();
      for (let i = 0; i < n; i++) out[i] = x[i] ? 0 : 1;
      return out;
    }
    case 'neg':
      return unary(x, n, isInt ? (a) => -a + 0 : (a) => -a, nums());
    case 'sqrt':
      return unary(x, n, Math.sqrt, nums());
    case 'ones_like':
      return unary(x, n, () => 1, node.kind === 'b' ? bools() : nums());
  }
  throw new Error(`no evaluator for numexpr opcode ${node.op}`);
}

// ---- Python space ----

function python(op: PythonOp, ctx: Context): Uint8Array {
  return op.k === 'isin' ? isin(op, ctx) : compare(op, ctx);
}

function pyValue(x: PyScalar): unknown {
  switch (x.t) {
    case 'int':
      return x.v;
    case 'float':
      return makeFloat(x.v);
    case 'bool':
      return x.v;
    case 'str':
      return x.v;
    case 'none':
      return null;
  }
}

function isin(op: PythonOp & { k: 'isin' }, ctx: Context): Uint8Array {
  const keys = op.values.k === 'list' ? membershipKeys(op.values.items.map(pyValue)) : columnKeys(vector(op.values.plan, ctx));
  return memberMask(vector(op.operand, ctx), keys, op.isNegated);
}

type CompareOp = '<' | '>' | '<=' | '>=' | '==' | '!=';
const FLIPPED: Record<CompareOp, CompareOp> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };
const RICH: Record<CompareOp, (a: unknown, b: unknown) => boolean> = { '<': lt, '>': gt, '<=': le, '>=': ge, '==': eq, '!=': (a, b) => !eq(a, b) };

/** One pair as pandas' `scalar_compare`/`vec_compare`: missing values compare False (True for `!=`). */
function compareValues(op: CompareOp, a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return op === '!=';
  return RICH[op](a, b);
}

function asQueryError(error: unknown, span: Span): unknown {
  return error instanceof PyException ? new QueryError(error.pyType, error.pyMessage, span) : error;
}

function compare(op: PythonOp & { k: 'compare' }, ctx: Context): Uint8Array {
  let how = op.op as CompareOp;
  let left = op.left;
  let right = op.right;
  // pandas reflects `scalar < series` to `series > scalar`.
  if (!('k' in left) && 'k' in right) {
    [left, right] = [right, left];
    how = FLIPPED[how];
  }
  const out = new Uint8Array(ctx.length);
  const l = vector(left as VectorPlan, ctx);
  if (!('k' in right)) {
    const scalar = pyValue(right);
    if (l.dtype === 'object') {
      const results = l.dictionary.map((v) => {
        try {
          return compareValues(how, v, scalar) ? 1 : 0;
        } catch (error) {
          return error;
        }
      });
      for (let i = 0; i < out.length; i++) {
        const r = results[l.codes[i]];
        if (typeof r !== 'number') throw asQueryError(r, op.span);
        out[i] = r;
      }
      return out;
    }
    try {
      for (let i = 0; i < out.length; i++) out[i] = compareValues(how, rowValue(l, i), scalar) ? 1 : 0;
    } catch (error) {
      throw asQueryError(error, op.span);
    }
    return out;
  }
  const r = vector(right, ctx);
  try {
    for (let i = 0; i < out.length; i++) out[i] = compareValues(how, rowValue(l, i), rowValue(r, i)) ? 1 : 0;
  } catch (error) {
    throw asQueryError(error, op.span);
  }
  return out;
}
