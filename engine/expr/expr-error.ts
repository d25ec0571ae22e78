/** What went wrong when compiling a Python expression: bad syntax, an unknown name, or a construct Weft does not run. */
export type ExprErrorCode = 'EXPR_SYNTAX' | 'EXPR_NAME' | 'EXPR_UNSUPPORTED';

/**
 * A compile-time error in user Python source, raised before anything runs so that `weft check` and the editor can
 * point at it. `line` and `column` are 1-based and point at the offending token within the source that was given;
 * `origin` says whether that source was the pipeline's `functions` block or the param itself.
 */
export class ExprError extends Error {
  override readonly name = 'ExprError';
  constructor(
    readonly code: ExprErrorCode,
    message: string,
    readonly line: number,
    readonly column: number,
    readonly origin: 'source' | 'functions' = 'source',
  ) {
    super(message);
  }

  /** The same error, attributed to the `functions` block. */
  inFunctions(): ExprError {
    return new ExprError(this.code, this.message, this.line, this.column, 'functions');
  }
}
