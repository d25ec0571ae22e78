import { type Column, type Frame, type FrameMeta, type Label, type Series, type SeriesMeta, frameMeta } from '../frame.js';
import { parseExpression } from './parse.js';
import { cleanColumnName } from './backtick-names.js';
import type { QueryNode } from './ast.js';
import { maskPositions, takeFrameRows } from '../take-rows.js';
import { type QueryMode, checkQuery, planQuery, throwIfFailed } from './check.js';
import { evaluatePlan } from './evaluate.js';
import type { QueryPlan } from './plan.js';

/**
 * `df.query(expr)` and `df.eval(expr)` as pandas 1.5.3 computes them with its default numexpr engine; the language
 * is described in check.ts. Each has a meta function for Dask's `_meta`, raising the same errors before any data
 * exists, and `checkQueryExpression` gives the editor its lint.
 */

export { checkQuery as checkQueryExpression };
export type { QueryMode };

/** `df.query(expr)`: the rows where the expression holds, with their index labels. */
export function queryFrame(frame: Frame, expr: string): Frame {
  const plan = planQuery(expr, frameMeta(frame), 'query');
  const mask = evaluatePlan(plan, frame).last;
  return takeFrameRows(frame, maskPositions((mask as Column & { dtype: 'bool' }).values));
}

/** The schema of `df.query(expr)`; a RangeIndex becomes integer labels, as pandas' boolean selection gives. */
export function queryMeta(meta: FrameMeta, expr: string): FrameMeta {
  throwIfFailed(planQuery(expr, meta, 'query'));
  return { kind: 'frame', columns: meta.columns.map((c) => ({ ...c })), index: { dtypes: meta.index.dtypes.slice(), names: meta.index.names.slice() } };
}

/** `df.eval(expr)` on one frame, as pandas computes it: a Series (named None: numexpr's result) or, with `name = expression` lines, the new frame. */
export function evalFrame(frame: Frame, expr: string): Frame | Series {
  const plan = planQuery(expr, frameMeta(frame), 'eval');
  const { columns, last } = evaluatePlan(plan, frame);
  if (!isAssignment(plan)) return { kind: 'series', name: null, column: last, index: frame.index, length: frame.length };
  return { kind: 'frame', names: plan.columns.map((c) => c.name), columns, index: frame.index, length: frame.length };
}

/** The schema of `df.eval(expr)`. */
export function evalMeta(meta: FrameMeta, expr: string): FrameMeta | SeriesMeta {
  const plan = planQuery(expr, meta, 'eval');
  throwIfFailed(plan);
  if (!isAssignment(plan)) return { kind: 'series', name: evalSeriesName(expr, meta), dtype: plan.dtype, index: { ...meta.index, dtypes: meta.index.dtypes.slice(), names: meta.index.names.slice() } };
  return { kind: 'frame', columns: plan.columns, index: { ...meta.index, dtypes: meta.index.dtypes.slice(), names: meta.index.names.slice() } };
}

/**
 * The name of an expression's Series in its meta (pandas' eval of the empty meta frame, which goes through pandas'
 * operators rather than numexpr, so names pass on as operators pass them): the column's when the expression reads one
 * column (`age + 1`, `-age`, `age > 1`), None when it reads several (`age + score`) or none.
 */
function evalSeriesName(expr: string, meta: FrameMeta): Label | null {
  const statements = parseExpression(expr);
  const names = new Set<string>();
  const visit = (node: QueryNode): void => {
    switch (node.kind) {
      case 'name':
        names.add(node.name);
        return;
      case 'list':
        return node.items.forEach(visit);
      case 'unary':
        return visit(node.operand);
      case 'binary':
        visit(node.left);
        return visit(node.right);
      case 'compare':
        visit(node.left);
        return node.ops.forEach((o) => visit(o.right));
      case 'boolean':
        return node.operands.forEach(visit);
    }
  };
  visit(statements[statements.length - 1].expr);
  if (names.size !== 1) return null;
  const [name] = names;
  const column = meta.columns.find((c) => String(c.name) === name || cleanColumnName(String(c.name)) === name);
  return column ? column.name : null;
}

function isAssignment(plan: QueryPlan): boolean {
  return plan.statements[plan.statements.length - 1].target !== null;
}
