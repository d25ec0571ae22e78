import { WeftError } from '../../errors.js';
import type { Span } from './ast.js';

/** A problem in a `query`/`eval` expression, where the editor marks it: `[start, end)` in the expression text. */
export interface QueryProblem {
  message: string;
  start: number;
  end: number;
}

/**
 * A failure of `query`/`eval`, found while checking or while evaluating. `pyType` is the exception pandas raises for
 * the same expression (SyntaxError, UndefinedVariableError, TypeError, ...); the message reads as pandas' does, with
 * Weft's hints (did-you-mean) added after it.
 */
export class QueryError extends WeftError {
  readonly pyType: string;
  readonly pyMessage: string;
  readonly span: Span;

  constructor(pyType: string, pyMessage: string, span: Span) {
    super('EXPRESSION', `${pyType}: ${pyMessage}`, { column: span.start });
    this.name = 'QueryError';
    this.pyType = pyType;
    this.pyMessage = pyMessage;
    this.span = span;
  }

  /** The problem as the editor's lint shows it. */
  toProblem(): QueryProblem {
    return { message: this.message, start: this.span.start, end: this.span.end };
  }
}

/** Throws a {@link QueryError}; typed `never` so call sites read as control flow. */
export function fail(pyType: string, pyMessage: string, span: Span): never {
  throw new QueryError(pyType, pyMessage, span);
}
