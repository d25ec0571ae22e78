/**
 * JSON values (what a pipeline file holds for non-expression params) written as Python literals, and read back:
 * null/true/false are None/True/False, arrays are lists, objects are dicts with str keys.
 */
import type { Expr } from '../expr/ast.js';
import { formatFloat } from '../values/float-format.js';
import { reprString } from '../values/repr.js';

/** The Python literal spelling a JSON value. */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (typeof value === 'string') return reprString(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${reprString(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
}

/** The JSON value a literal expression spells, or `undefined` when it is not a literal. */
export function literalValue(expr: Expr): unknown {
  switch (expr.kind) {
    case 'Num':
    case 'Str':
    case 'Const':
      return expr.value;
    case 'UnaryOp':
      if (expr.op === '-' && expr.operand.kind === 'Num') return -expr.operand.value;
      return undefined;
    case 'List':
    case 'Tuple': {
      const items = expr.elts.map(literalValue);
      return items.includes(undefined) ? undefined : items;
    }
    case 'Dict': {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < expr.keys.length; i++) {
        const key = expr.keys[i];
        const value = literalValue(expr.values[i]);
        if (key.kind !== 'Str' || value === undefined) return undefined;
        out[key.value] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}
