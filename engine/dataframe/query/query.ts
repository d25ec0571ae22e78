import { type Column, type Frame, type FrameMeta, type Series, type SeriesMeta, frameMeta } from '../frame.js';
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

/** `df.eval(expr)`: a Series (named None, as pandas leaves it) or, with `name = expression` lines, the new frame. */
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
  if (!isAssignment(plan)) return { kind: 'series', name: null, dtype: plan.dtype, index: { ...meta.index, dtypes: meta.index.dtypes.slice(), names: meta.index.names.slice() } };
  return { kind: 'frame', columns: plan.columns, index: { ...meta.index, dtypes: meta.index.dtypes.slice(), names: meta.index.names.slice() } };
}

function isAssignment(plan: QueryPlan): boolean {
  return plan.statements[plan.statements.length - 1].target !== null;
}
