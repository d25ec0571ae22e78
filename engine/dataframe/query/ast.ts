/**
 * The syntax tree of pandas' `query`/`eval` language, with character positions into the original expression so
 * that every problem can be marked where it is. Operators are kept as written (`&` and `and` both become `and`,
 * as pandas' preparser makes them); meaning is given by check.ts.
 */

/** A half-open character range `[start, end)` in the expression as the user typed it. */
export interface Span {
  start: number;
  end: number;
}

export type ArithOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type CompareOp = '<' | '>' | '<=' | '>=' | '==' | '!=' | 'in' | 'not in';
export type UnaryOp = '-' | '+' | '~' | 'not';

/** One expression node. */
export type QueryNode =
  | ({ kind: 'name'; name: string; isBacktick: boolean } & Span)
  | ({ kind: 'number'; value: number; isFloat: boolean } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'bool'; value: boolean } & Span)
  | ({ kind: 'none' } & Span)
  | ({ kind: 'list'; items: QueryNode[] } & Span)
  | ({ kind: 'unary'; op: UnaryOp; operand: QueryNode } & Span)
  | ({ kind: 'binary'; op: ArithOp; left: QueryNode; right: QueryNode } & Span)
  | ({ kind: 'compare'; left: QueryNode; ops: Array<{ op: CompareOp; right: QueryNode }> } & Span)
  | ({ kind: 'boolean'; op: 'and' | 'or'; operands: QueryNode[] } & Span);

/** One line of an expression: `expression`, or `name = expression` (eval's assignment). */
export interface QueryStatement extends Span {
  target: ({ name: string; isBacktick: boolean } & Span) | null;
  expr: QueryNode;
}
