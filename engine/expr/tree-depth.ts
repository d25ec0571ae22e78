import { ExprError } from './expr-error.js';

/**
 * Refuses a syntax tree deeper than `limit` nodes, walking it with an explicit stack so that the check itself cannot
 * overflow. Everything after parsing (scoping, code generation, the generated JS) recurses once per level, so this
 * is the one place that bounds them all. A node is any object with a `kind`; arrays and positions are not levels.
 * Two flat forms become nested JS and count as deep as that code: `a and b and c` (each operand one more level of
 * `&&`/`?:`) and a comprehension (each `for` and `if` clause one more nested block).
 */
export function checkTreeDepth(root: unknown, limit: number): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const child of node) stack.push({ node: child, depth });
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const n = node as { kind?: unknown; line?: number; column?: number };
    if (typeof n.kind !== 'string') continue;
    const level = depth + 1 + generatedNesting(n);
    if (level > limit) {
      throw new ExprError('EXPR_UNSUPPORTED', `expression nested deeper than ${limit} levels`, n.line ?? 1, n.column ?? 1);
    }
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') stack.push({ node: value, depth: level });
  }
}

function generatedNesting(node: { kind?: unknown }): number {
  if (node.kind === 'BoolOp') return (node as { values: unknown[] }).values.length;
  if (node.kind === 'ListComp' || node.kind === 'SetComp' || node.kind === 'GeneratorExp' || node.kind === 'DictComp') {
    const generators = (node as { generators: Array<{ ifs: unknown[] }> }).generators;
    return generators.reduce((sum, g) => sum + 1 + g.ifs.length, 0);
  }
  return 0;
}
