import type { Span } from './ast.js';
import type { NeKind, NeNode, PyScalar } from './plan.js';
import { pyTypeOf } from './python-scalars.js';
import { fail } from './query-error.js';

/**
 * numexpr 2.8's expression building and typing, as pandas' default engine runs it. pandas prints its tree as text
 * and numexpr evaluates that text as Python with one node per array, so these rules are numexpr's `expressions.py`
 * and `necompiler.py`, with `optimization='aggressive'` (numexpr's default):
 * - a constant becomes a ConstantNode of kind bool, int (int32 range), long or double;
 * - arithmetic takes the highest kind of its operands (`commonKind`), strings only with strings;
 * - `/` gives double for integer kinds, and `x / c` of doubles is `x * (1/c)` (so `c == 0` raises ZeroDivisionError);
 * - `**` with an integer exponent of an integer base must be a non-negative constant; a constant half-integral
 *   exponent up to 50 becomes multiplications (and a sqrt); a negative one divides 1 by that (integer division
 *   when the kinds are integers, as numexpr does);
 * - `//` does not exist (TypeError), `&`/`|`/`~` exist for bools only, and an opcode must exist for the kinds after
 *   upcasting each operand along b → i → l → f → d (otherwise "couldn't find matching opcode").
 * Errors raised while building come before opcode errors, as in numexpr.
 */

/** A numexpr operand while building: a Python constant not yet wrapped, or a node. */
export type NeValue = { k: 'py'; value: PyScalar } | { k: 'node'; node: NeNode };

const RANK = 'bilfdc';
const SIGNATURES: Record<string, string[]> = {
  add: ['iii', 'lll', 'fff', 'ddd', 'ccc'],
  sub: ['iii', 'lll', 'fff', 'ddd', 'ccc'],
  mul: ['iii', 'lll', 'fff', 'ddd', 'ccc'],
  div: ['iii', 'lll', 'fff', 'ddd', 'ccc'],
  pow: ['iii', 'lll', 'fff', 'ddd', 'ccc'],
  mod: ['iii', 'lll', 'fff', 'ddd'],
  eq: ['bbb', 'bii', 'bll', 'bff', 'bdd', 'bcc', 'bss'],
  ne: ['bbb', 'bii', 'bll', 'bff', 'bdd', 'bcc', 'bss'],
  gt: ['bii', 'bll', 'bff', 'bdd', 'bss'],
  ge: ['bii', 'bll', 'bff', 'bdd', 'bss'],
  and: ['bbb'],
  or: ['bbb'],
  invert: ['bb'],
  neg: ['ii', 'll', 'ff', 'dd', 'cc'],
  sqrt: ['ff', 'dd'],
  ones_like: ['ii', 'll', 'ff', 'dd', 'cc'],
};

/** numexpr's `bestConstantType` for a Python constant. */
export function constantKind(x: PyScalar, span: Span): NeKind {
  switch (x.t) {
    case 'bool':
      return 'b';
    case 'int':
      return x.v >= -2147483648 && x.v <= 2147483647 ? 'i' : 'l';
    case 'float':
      return 'd';
    case 'str':
      return 's';
    case 'none':
      return fail('TypeError', "unsupported object type: <class 'NoneType'>", span);
  }
}

function constantNode(x: PyScalar, span: Span): NeNode {
  const kind = constantKind(x, span);
  const value = x.t === 'bool' ? (x.v ? 1 : 0) : x.t === 'str' ? x.v : (x as { v: number }).v;
  return { k: 'const', kind, value };
}

export function asNode(v: NeValue, span: Span): NeNode {
  return v.k === 'node' ? v.node : constantNode(v.value, span);
}

/** Python's name for an operand as numexpr's TypeErrors print it. */
export function operandTypeName(v: NeValue): string {
  if (v.k === 'py') return pyTypeOf(v.value);
  return v.node.k === 'var' || v.node.k === 'scalar' ? 'VariableNode' : v.node.k === 'const' ? 'ConstantNode' : 'OpNode';
}

function commonKind(nodes: NeNode[], span: Span): NeKind {
  const strings = nodes.filter((n) => n.kind === 's').length;
  if (strings > 0 && strings < nodes.length) fail('TypeError', 'strings can only be operated with strings', span);
  if (strings > 0) return 's';
  let best = 0;
  for (const n of nodes) best = Math.max(best, RANK.indexOf(n.kind));
  return RANK[best] as NeKind;
}

/** An OpNode; its opcode is resolved later by {@link resolveOpcodes}. */
export function opNode(op: string, args: NeNode[], span: Span, kind?: NeKind): NeNode {
  return { k: 'op', op, kind: kind ?? commonKind(args, span), argKinds: args.map((a) => a.kind), args };
}

const isIntKind = (k: NeKind) => k === 'i' || k === 'l';

/** numexpr's `truediv_op(a, b)`. */
export function trueDivide(a: NeNode, b: NeNode, span: Span): NeNode {
  if (b.k === 'const' && a.kind === b.kind && a.kind === 'd') {
    if (b.value === 0) fail('ZeroDivisionError', 'float division by zero', span);
    return opNode('mul', [a, { k: 'const', kind: 'd', value: 1 / (b.value as number) }], span);
  }
  let kind = commonKind([a, b], span);
  if (kind === 'b' || isIntKind(kind)) kind = 'd';
  return opNode('div', [a, b], span, kind);
}

/** numexpr's `pow_op(a, b)` with aggressive optimisation, `a` being a node. */
export function power(a: NeNode, b: NeNode, span: Span): NeNode {
  if (isIntKind(b.kind) && isIntKind(a.kind)) {
    if (b.k !== 'const') fail('TypeError', "'<' not supported between instances of 'str' and 'int'", span);
    if ((b.value as number) < 0) fail('ValueError', 'Integers to negative integer powers are not allowed.', span);
  }
  if (b.k === 'const' && typeof b.value === 'number') {
    const x = b.value;
    if (Number.isInteger(2 * x) && Math.abs(x) <= 50) {
      const n = Math.trunc(Math.abs(x));
      const isHalf = Math.trunc(Math.abs(2 * x)) % 2 === 1;
      const mul = (l: NeNode | null, r: NeNode) => (l === null ? r : opNode('mul', [l, r], span));
      let r: NeNode | null = null;
      let p = a;
      for (let mask = 1; ; ) {
        if (n & mask) r = mul(r, p);
        mask <<= 1;
        if (mask > n) break;
        p = opNode('mul', [p, p], span);
      }
      if (isHalf) {
        const kind = isIntKind(a.kind) ? 'd' : commonKind([a], span);
        r = mul(r, opNode('sqrt', [a], span, kind));
      }
      if (r === null) r = opNode('ones_like', [a], span);
      if (x < 0) r = opNode('div', [{ k: 'const', kind: 'i', value: 1 }, r], span);
      return r;
    }
  }
  return opNode('pow', [a, b], span);
}

/** Checks that every OpNode has an opcode for its kinds, recording the kinds its operands are cast to. */
export function resolveOpcodes(node: NeNode, span: Span): NeNode {
  if (node.k !== 'op') return node;
  const args = node.args.map((a) => resolveOpcodes(a, span));
  const base = args.map((a) => a.kind).join('');
  const found = (SIGNATURES[node.op] ?? []).find((sig) => sig[0] === node.kind && sig.length === base.length + 1 && [...base].every((k, j) => canCast(k, sig[j + 1])));
  if (!found) fail('NotImplementedError', `couldn't find matching opcode for '${node.op}_${node.kind}${base}'`, span);
  return { ...node, args, argKinds: [...found.slice(1)] as NeKind[] };
}

function canCast(from: string, to: string): boolean {
  if (from === 's' || to === 's') return from === to;
  return RANK.indexOf(from) <= RANK.indexOf(to);
}
