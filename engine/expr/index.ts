/**
 * Weft's safe Python subset: user expressions and `def`s compiled once to JS and run in the hot loop. See codegen.ts
 * for the safety rules and parser.ts for the supported syntax.
 */
export { compileModule, compileCallable, evaluateExpression, checkSource } from './compile.js';
export type { PyModule, PyCallable } from './compile.js';
export { ExprError } from './expr-error.js';
export type { ExprErrorCode } from './expr-error.js';
export { PyException, toPyException } from './py-exception.js';
export { truthy } from './truthy.js';
