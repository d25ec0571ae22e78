/**
 * Which fields of a list a lambda reads: the constant int subscripts (`x[1]`, `x[-1]`) it applies to one of its
 * parameters, or null when it uses that parameter in any other way (passes it on, takes its len, slices it,
 * iterates it, or a nested scope rebinds its name). Split projection relies on this to make only those fields.
 */
import type { Expr } from '../expr/ast.js';
import { parseExpression } from '../expr/parser.js';

export function subscriptsOfParam(source: string, paramIndex: number): Set<number> | null {
  let expr: Expr;
  try {
    expr = parseExpression(source);
  } catch {
    return null;
  }
  if (expr.kind !== 'Lambda' || paramIndex >= expr.params.length) return null;
  const name = expr.params[paramIndex].name;
  const fields = new Set<number>();
  return visit(expr.body, name, fields) ? fields : null;
}

/** A constant int index: `3` or `-1`. */
function constantIndex(index: unknown): number | null {
  const node = index as { kind: string; value?: unknown; isFloat?: boolean; op?: string; operand?: unknown };
  if (node.kind === 'Num' && !node.isFloat && Number.isInteger(node.value)) return node.value as number;
  if (node.kind === 'UnaryOp' && node.op === '-') {
    const inner = constantIndex(node.operand);
    return inner === null ? null : -inner;
  }
  return null;
}

/** Walks any AST node generically, so that node kinds added later are handled conservatively. */
function visit(node: unknown, name: string, fields: Set<number>): boolean {
  if (Array.isArray(node)) return node.every((child) => visit(child, name, fields));
  if (node === null || typeof node !== 'object') return true;
  const n = node as Record<string, unknown> & { kind?: string };
  if (n.kind === 'Subscript' && (n.value as { kind: string; id?: string }).kind === 'Name' && (n.value as { id: string }).id === name) {
    const index = constantIndex(n.index);
    if (index === null) return false;
    fields.add(index);
    return true;
  }
  if (n.kind === 'Name' && n.id === name) return false;
  // A nested lambda or comprehension that binds the same name would make "the parameter" ambiguous: give up.
  if (n.kind === 'Lambda' && (n.params as Array<{ name: string }>).some((p) => p.name === name)) return false;
  if (n.kind === 'ListComp' || n.kind === 'SetComp' || n.kind === 'GeneratorExp' || n.kind === 'DictComp') {
    if (JSON.stringify((n.generators as Array<{ target: unknown }>).map((g) => g.target)).includes(`"id":${JSON.stringify(name)}`)) return false;
  }
  for (const [key, value] of Object.entries(n)) {
    if (key === 'kind' || typeof value !== 'object' || value === null) continue;
    if (!visit(value, name, fields)) return false;
  }
  return true;
}
