import type { DType, Label } from '../frame.js';
import type { Span } from './ast.js';

/**
 * What the checker hands the evaluator: every decision pandas and numexpr make from types alone (which operations
 * run in "Python space", which numexpr opcode and kinds, where a column is cast to float64, what folds to a constant)
 * is taken before any data is read, so evaluation is a walk over typed column buffers.
 */

/** A Python scalar written in the expression (or folded from one), tagged with its Python type. */
export type PyScalar =
  | { t: 'int'; v: number }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'str'; v: string }
  | { t: 'none' };

/** Where a name's values come from: a column of the working frame (by position) or a level of its index. */
export type ValueRef = { kind: 'column'; position: number } | { kind: 'index'; level: number };

/** numexpr's kinds: bool, int32, int64, float64, and strings. */
export type NeKind = 'b' | 'i' | 'l' | 'd' | 's';

/** A numexpr expression node after typing; `kind` is its result kind. */
export type NeNode =
  | { k: 'var'; kind: NeKind; source: VectorPlan }
  | { k: 'const'; kind: NeKind; value: number | string }
  /** A scalar that pandas passes as a variable (`inf`), so numexpr neither folds nor optimises around it. */
  | { k: 'scalar'; kind: NeKind; value: number }
  /** A list pandas hands numexpr as a numpy array: it broadcasts against the rows only when it has one element. */
  | { k: 'array'; kind: NeKind; values: number[]; span: Span }
  | { k: 'op'; op: string; kind: NeKind; argKinds: NeKind[]; args: NeNode[] };

/** An operation pandas runs in Python space, on Series, before numexpr sees the rest. */
export type PythonOp =
  | { k: 'isin'; operand: VectorPlan; values: { k: 'list'; items: PyScalar[] } | { k: 'vector'; plan: VectorPlan }; isNegated: boolean }
  | { k: 'compare'; op: '<' | '>' | '<=' | '>=' | '==' | '!='; left: VectorPlan | PyScalar; right: VectorPlan | PyScalar; span: Span };

/** Something that yields one value per row, with the dtype pandas gives it. */
export type VectorPlan =
  | { k: 'ref'; ref: ValueRef; dtype: DType }
  | { k: 'python'; op: PythonOp; dtype: 'bool' }
  | { k: 'numexpr'; node: NeNode; dtype: DType };

/** One checked statement: its value, and for eval's `name = ...` the label it is stored under. */
export interface StatementPlan {
  value:
    | { k: 'vector'; plan: VectorPlan }
    | { k: 'scalar'; value: PyScalar; dtype: DType }
    /**
     * A statement that fails while checking after pandas would already have run Python-space comparisons that may
     * raise on the data (`s < 1` on strings): the evaluator runs those first, so the data's TypeError wins as in
     * pandas, and otherwise raises this error.
     */
    | { k: 'failed'; error: { pyType: string; pyMessage: string; span: Span }; pending: PythonOp[] };
  target: { label: Label; position: number; isNew: boolean } | null;
}

/** The checked program and the schema of what it makes. */
export interface QueryPlan {
  statements: StatementPlan[];
  /** The columns after every assignment, in order (eval's result frame). */
  columns: Array<{ name: Label; dtype: DType }>;
  /** The dtype of the last statement's value. */
  dtype: DType;
}
