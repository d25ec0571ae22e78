import type {
  BinOp,
  CmpOp,
  Comprehension,
  ExceptHandler,
  Expr,
  Keyword,
  Param,
  Pos,
  SliceExpr,
  Stmt,
} from './ast.js';
import { ExprError } from './expr-error.js';
import { tokenize, type Token } from './tokenizer.js';
import { checkTreeDepth } from './tree-depth.js';

/**
 * A recursive-descent parser for the Python subset, following the precedence levels of Python's grammar
 * (lambda < if-else < or < and < not < comparisons < | < ^ < & < shifts < + - < * / // % < unary < ** < trailers).
 * Constructs Python has but Weft does not run (classes, with, star-args, walrus...) are reported as
 * EXPR_UNSUPPORTED at their keyword, so a user learns what to change rather than seeing "invalid syntax".
 * `yield` is accepted only as a statement of its own (`yield x`, bare `yield`); as part of an expression
 * (`x = yield y`, `f((yield))`, in a lambda) and as `yield from` it is EXPR_UNSUPPORTED.
 */
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

// Maps, not object literals: a user's name such as `toString` or `__proto__` must not find Object.prototype's members.
const UNSUPPORTED_STATEMENTS: ReadonlyMap<string, string> = new Map([
  ['class', 'classes are not supported'],
  ['with', "'with' statements are not supported"],
  ['global', "'global' statements are not supported"],
  ['nonlocal', "'nonlocal' statements are not supported"],
  ['async', 'async code is not supported'],
  ['await', 'async code is not supported'],
  ['yield', "'yield' is only supported as a statement of its own (yield <value>), not inside an expression"],
  ['from', "'from ... import' is not supported"],
]);

function unsupportedStatement(name: string): string {
  return UNSUPPORTED_STATEMENTS.get(name)!;
}

const AUG_OPS: ReadonlyMap<string, BinOp> = new Map<string, BinOp>([
  ['+=', '+'], ['-=', '-'], ['*=', '*'], ['/=', '/'], ['//=', '//'], ['%=', '%'], ['**=', '**'], ['<<=', '<<'],
  ['>>=', '>>'], ['&=', '&'], ['|=', '|'], ['^=', '^'],
]);

/** Parses a `functions` block (or any sequence of statements). */
export function parseModule(source: string): Stmt[] {
  const parser = new Parser(tokenize(source, 'module'));
  const body: Stmt[] = [];
  while (!parser.atEof()) body.push(...parser.statement());
  checkTreeDepth(body, MAX_TREE_DEPTH);
  return body;
}

/** Parses a single expression, as Python's `eval` would (a bare tuple `1, 2` included). */
export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source, 'expression'));
  parser.skipNewlines();
  if (parser.atEof()) parser.syntaxError('expected an expression');
  const expr = parser.testList();
  parser.skipNewlines();
  if (!parser.atEof()) parser.syntaxError('invalid syntax');
  checkTreeDepth(expr, MAX_TREE_DEPTH);
  return expr;
}

/**
 * How deeply expressions and blocks may nest. The parser and the code generator recurse once per level, so without a
 * bound a deep input overflows the JS stack; Python refuses the same inputs (200 nested parentheses, 100 indentation
 * levels, RecursionError "during compilation" for a few thousand chained operators). Weft refuses them before any
 * recursion can overflow: nesting (parentheses, brackets, unary operators, `not`, lambdas, conditional expressions,
 * blocks) past {@link MAX_NESTING} at the parser, and a syntax tree deeper than {@link MAX_TREE_DEPTH} (long chains such
 * as `x + x + ... + x`, which the parser builds in a loop) before code generation.
 */
export const MAX_NESTING = 200;
export const MAX_TREE_DEPTH = 1000;
/** JS refuses calls and functions with more than 65,535 arguments or parameters; Weft refuses far fewer, clearly. */
export const MAX_ARGUMENTS = 10000;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Runs one level of nesting, refusing to go past MAX_NESTING at the token that would. */
  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      const t = this.tok;
      throw new ExprError('EXPR_UNSUPPORTED', `expression nested deeper than ${MAX_NESTING} levels`, t.line, t.column);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  // ---- token helpers -------------------------------------------------------------------------------------------

  private get tok(): Token {
    return this.tokens[this.pos];
  }
  /** A method rather than `this.tok.kind`, so TypeScript does not narrow it across `this.pos++`. */
  private kind(): Token['kind'] {
    return this.tokens[this.pos].kind;
  }
  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  atEof(): boolean {
    return this.kind() === 'eof';
  }
  skipNewlines(): void {
    while (this.kind() === 'newline') this.pos++;
  }
  private isOp(text: string): boolean {
    return this.kind() === 'op' && this.tok.text === text;
  }
  private isKeyword(text: string): boolean {
    return this.kind() === 'name' && this.tok.text === text;
  }
  private acceptOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.pos++;
    return true;
  }
  private acceptKeyword(text: string): boolean {
    if (!this.isKeyword(text)) return false;
    this.pos++;
    return true;
  }
  private expectOp(text: string): Token {
    if (!this.isOp(text)) this.syntaxError(`expected '${text}'`);
    return this.tokens[this.pos++];
  }
  private expectKeyword(text: string): Token {
    if (!this.isKeyword(text)) this.syntaxError(`expected '${text}'`);
    return this.tokens[this.pos++];
  }
  private expectName(): Token {
    const t = this.tok;
    if (t.kind !== 'name' || KEYWORDS.has(t.text)) this.syntaxError('invalid syntax');
    this.pos++;
    return t;
  }
  private at(t: Token): Pos {
    return { line: t.line, column: t.column };
  }
  syntaxError(message: string, t: Token = this.tok): never {
    if (message === 'invalid syntax' && t.kind === 'name' && UNSUPPORTED_STATEMENTS.has(t.text)) {
      throw new ExprError('EXPR_UNSUPPORTED', unsupportedStatement(t.text), t.line, t.column);
    }
    if (t.kind === 'indent') message = 'unexpected indent';
    throw new ExprError('EXPR_SYNTAX', message, t.line, t.column);
  }
  private unsupported(message: string, t: Token = this.tok): never {
    throw new ExprError('EXPR_UNSUPPORTED', message, t.line, t.column);
  }

  // ---- statements ----------------------------------------------------------------------------------------------

  /** One logical line (possibly several `;`-separated statements) or one compound statement. */
  statement(): Stmt[] {
    const t = this.tok;
    if (t.kind === 'indent') this.syntaxError('unexpected indent');
    if (t.kind === 'name') {
      switch (t.text) {
        case 'if':
          return [this.ifStatement()];
        case 'while':
          return [this.whileStatement()];
        case 'for':
          return [this.forStatement()];
        case 'def':
          return [this.functionDef()];
        case 'try':
          return [this.tryStatement()];
      }
      if (UNSUPPORTED_STATEMENTS.has(t.text) && t.text !== 'yield') this.unsupported(unsupportedStatement(t.text));
    }
    if (this.isOp('@')) this.unsupported('decorators are not supported');
    const stmts = [this.smallStatement()];
    while (this.acceptOp(';')) {
      if (this.kind() === 'newline') break;
      stmts.push(this.smallStatement());
    }
    if (this.kind() !== 'newline') this.syntaxError('invalid syntax');
    this.pos++;
    return stmts;
  }

  private smallStatement(): Stmt {
    const t = this.tok;
    const pos = this.at(t);
    if (t.kind === 'name') {
      switch (t.text) {
        case 'pass':
        case 'break':
        case 'continue':
          this.pos++;
          return { kind: t.text === 'pass' ? 'Pass' : t.text === 'break' ? 'Break' : 'Continue', ...pos };
        case 'return': {
          this.pos++;
          const value = this.atStatementEnd() ? null : this.testList();
          return { kind: 'Return', value, ...pos };
        }
        case 'yield': {
          this.pos++;
          if (this.isKeyword('from')) this.unsupported("'yield from' is not supported; loop and yield each item instead", t);
          const value = this.atStatementEnd() ? null : this.testList();
          return { kind: 'Expr', value: { kind: 'Yield', value, ...pos }, ...pos };
        }
        case 'del': {
          this.pos++;
          const targets = [this.expr()];
          while (this.acceptOp(',')) {
            if (this.atStatementEnd()) break;
            targets.push(this.expr());
          }
          for (const target of targets) this.checkTarget(target, 'delete');
          return { kind: 'Delete', targets, ...pos };
        }
        case 'raise': {
          this.pos++;
          const exc = this.atStatementEnd() ? null : this.test();
          if (this.isKeyword('from')) this.unsupported("'raise ... from' is not supported");
          return { kind: 'Raise', exc, ...pos };
        }
        case 'assert': {
          this.pos++;
          const test = this.test();
          const msg = this.acceptOp(',') ? this.test() : null;
          return { kind: 'Assert', test, msg, ...pos };
        }
        case 'import': {
          this.pos++;
          const names: string[] = [];
          do {
            const nameToken = this.expectName();
            if (nameToken.text !== 'json') {
              this.unsupported(`importing '${nameToken.text}' is not supported (only 'import json')`, nameToken);
            }
            if (this.isKeyword('as')) this.unsupported("'import ... as' is not supported");
            names.push(nameToken.text);
          } while (this.acceptOp(','));
          return { kind: 'Import', names, ...pos };
        }
      }
    }
    const first = this.testList(true);
    const op = this.kind() === 'op' ? AUG_OPS.get(this.tok.text) : undefined;
    if (op) {
      this.pos++;
      if (first.kind !== 'Name' && first.kind !== 'Subscript' && first.kind !== 'Attribute') {
        this.syntaxError("'" + describe(first) + "' is an illegal expression for augmented assignment", t);
      }
      this.checkTarget(first, 'assign to');
      const value = this.testList();
      return { kind: 'AugAssign', target: first, op, value, ...pos };
    }
    if (this.isOp(':')) this.unsupported('annotations are not supported');
    if (this.isOp('=')) {
      const targets = [first];
      let value: Expr = first;
      while (this.acceptOp('=')) {
        if (this.isKeyword('yield')) this.unsupported(unsupportedStatement('yield'));
        value = this.testList(true);
        targets.push(value);
      }
      targets.pop();
      for (const target of targets) this.checkTarget(target, 'assign to');
      return { kind: 'Assign', targets, value, ...pos };
    }
    return { kind: 'Expr', value: first, ...pos };
  }

  private atStatementEnd(): boolean {
    return this.kind() === 'newline' || this.isOp(';') || this.kind() === 'eof';
  }

  private checkTarget(target: Expr, verb: string): void {
    switch (target.kind) {
      case 'Name':
      case 'Subscript':
      case 'Attribute':
        return;
      case 'Tuple':
      case 'List':
        for (const elt of target.elts) this.checkTarget(elt, verb);
        return;
      default:
        throw new ExprError('EXPR_SYNTAX', `cannot ${verb} ${describe(target)}`, target.line, target.column);
    }
  }

  private block(): Stmt[] {
    return this.nested(() => this.blockLevel());
  }

  private blockLevel(): Stmt[] {
    this.expectOp(':');
    if (this.kind() !== 'newline') {
      // A suite on the same line: `if x: return 1`.
      const stmts = [this.smallStatement()];
      while (this.acceptOp(';')) {
        if (this.kind() === 'newline') break;
        stmts.push(this.smallStatement());
      }
      if (this.kind() !== 'newline') this.syntaxError('invalid syntax');
      this.pos++;
      return stmts;
    }
    this.pos++;
    if (this.kind() !== 'indent') this.syntaxError('expected an indented block');
    this.pos++;
    const body: Stmt[] = [];
    while (this.kind() !== 'dedent' && this.kind() !== 'eof') body.push(...this.statement());
    if (this.kind() === 'dedent') this.pos++;
    return body;
  }

  private ifStatement(): Stmt {
    // An `elif` chain is read in a loop (a long one must not recurse) and nested into `orelse`s afterwards.
    const branches: Array<{ pos: Pos; test: Expr; body: Stmt[] }> = [];
    do {
      const pos = this.at(this.tok);
      this.pos++;
      const test = this.namedTest();
      branches.push({ pos, test, body: this.block() });
    } while (this.isKeyword('elif'));
    let orelse: Stmt[] = this.acceptKeyword('else') ? this.block() : [];
    for (let i = branches.length - 1; i >= 0; i--) {
      const { pos, test, body } = branches[i];
      orelse = [{ kind: 'If', test, body, orelse, ...pos }];
    }
    return orelse[0];
  }

  private whileStatement(): Stmt {
    const pos = this.at(this.tok);
    this.pos++;
    const test = this.namedTest();
    const body = this.block();
    const orelse = this.acceptKeyword('else') ? this.block() : [];
    return { kind: 'While', test, body, orelse, ...pos };
  }

  private forStatement(): Stmt {
    const pos = this.at(this.tok);
    this.pos++;
    const target = this.targetList();
    this.expectKeyword('in');
    const iter = this.testList();
    const body = this.block();
    const orelse = this.acceptKeyword('else') ? this.block() : [];
    return { kind: 'For', target, iter, body, orelse, ...pos };
  }

  private functionDef(): Stmt {
    const pos = this.at(this.tok);
    this.pos++;
    const name = this.expectName().text;
    this.expectOp('(');
    const params = this.params(')');
    this.expectOp(')');
    if (this.isOp('->')) this.unsupported('annotations are not supported');
    const body = this.block();
    return { kind: 'FunctionDef', name, params, body, ...pos };
  }

  private tryStatement(): Stmt {
    const pos = this.at(this.tok);
    this.pos++;
    const body = this.block();
    const handlers: ExceptHandler[] = [];
    while (this.isKeyword('except')) {
      const handlerPos = this.at(this.tok);
      this.pos++;
      if (this.isOp('*')) this.unsupported("'except*' is not supported");
      let type: Expr | null = null;
      let name: string | null = null;
      if (!this.isOp(':')) {
        type = this.test();
        if (this.acceptKeyword('as')) name = this.expectName().text;
      }
      handlers.push({ type, name, body: this.block(), ...handlerPos });
    }
    const orelse = handlers.length > 0 && this.acceptKeyword('else') ? this.block() : [];
    const finalbody = this.acceptKeyword('finally') ? this.block() : [];
    if (handlers.length === 0 && finalbody.length === 0) this.syntaxError("expected 'except' or 'finally' block");
    return { kind: 'Try', body, handlers, orelse, finalbody, ...pos };
  }

  /** Parameters of a def or lambda, up to (not including) `end`. */
  private params(end: string): Param[] {
    const params: Param[] = [];
    let sawDefault = false;
    while (!this.isOp(end)) {
      if (this.isOp('*') || this.isOp('**') || this.isOp('/')) this.unsupported('*args, **kwargs and / or * markers are not supported');
      const t = this.expectName();
      if (params.some((p) => p.name === t.text)) {
        throw new ExprError('EXPR_SYNTAX', `duplicate argument '${t.text}' in function definition`, t.line, t.column);
      }
      if (this.isOp(':') && end === ')') this.unsupported('annotations are not supported');
      let dflt: Expr | undefined;
      if (this.acceptOp('=')) {
        dflt = this.test();
        sawDefault = true;
      } else if (sawDefault) {
        throw new ExprError('EXPR_SYNTAX', 'non-default argument follows default argument', t.line, t.column);
      }
      params.push({ name: t.text, default: dflt, ...this.at(t) });
      if (params.length > MAX_ARGUMENTS) this.unsupported(`a function takes at most ${MAX_ARGUMENTS} parameters`, t);
      if (!this.acceptOp(',')) break;
    }
    return params;
  }

  // ---- expressions ---------------------------------------------------------------------------------------------

  /** A test, or a comma-separated tuple of them without parentheses. */
  testList(allowStar = false): Expr {
    const start = this.tok;
    const first = this.namedTest(allowStar);
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.acceptOp(',')) {
      if (!this.startsExpression()) break;
      elts.push(this.namedTest(allowStar));
    }
    return { kind: 'Tuple', elts, ...this.at(start) };
  }

  /** Targets of a for loop: `x`, `k, v`, `(i, (a, b))`; parsed at the `|` level so `in` ends them. */
  private targetList(): Expr {
    const start = this.tok;
    const first = this.expr();
    let target: Expr = first;
    if (this.isOp(',')) {
      const elts = [first];
      while (this.acceptOp(',')) {
        if (this.isKeyword('in')) break;
        elts.push(this.expr());
      }
      target = { kind: 'Tuple', elts, ...this.at(start) };
    }
    this.checkTarget(target, 'assign to');
    return target;
  }

  private startsExpression(): boolean {
    const t = this.tok;
    if (t.kind === 'int' || t.kind === 'float' || t.kind === 'string') return true;
    if (t.kind === 'name') return !KEYWORDS.has(t.text) || ['None', 'True', 'False', 'not', 'lambda'].includes(t.text);
    if (t.kind === 'op') return ['(', '[', '{', '-', '+', '~', '*'].includes(t.text);
    return false;
  }

  private namedTest(allowStar = false): Expr {
    if (this.isOp('*')) {
      if (allowStar) this.unsupported('starred assignment targets are not supported');
      this.unsupported('star expressions are not supported');
    }
    const expr = this.test();
    if (this.isOp(':=')) this.unsupported("assignment expressions (':=') are not supported");
    return expr;
  }

  test(): Expr {
    return this.nested(() => this.testLevel());
  }

  private testLevel(): Expr {
    if (this.isKeyword('lambda')) return this.lambda();
    const start = this.tok;
    const body = this.orTest();
    if (this.isKeyword('if')) {
      // `x if c else y`; a bare `if` inside a comprehension is handled by the comprehension, which parses orTest.
      this.pos++;
      const test = this.orTest();
      this.expectKeyword('else');
      const orelse = this.test();
      return { kind: 'IfExp', test, body, orelse, ...this.at(start) };
    }
    return body;
  }

  /** A test without a conditional expression, as a comprehension's `if` clause takes. */
  private testNoCond(): Expr {
    if (this.isKeyword('lambda')) return this.lambda(true);
    return this.orTest();
  }

  private lambda(noCond = false): Expr {
    const start = this.tok;
    this.pos++;
    const params = this.params(':');
    this.expectOp(':');
    const body = noCond ? this.nested(() => this.testNoCond()) : this.test();
    return { kind: 'Lambda', params, body, ...this.at(start) };
  }

  private orTest(): Expr {
    const start = this.tok;
    const first = this.andTest();
    if (!this.isKeyword('or')) return first;
    const values = [first];
    while (this.acceptKeyword('or')) values.push(this.andTest());
    return { kind: 'BoolOp', op: 'or', values, ...this.at(start) };
  }

  private andTest(): Expr {
    const start = this.tok;
    const first = this.notTest();
    if (!this.isKeyword('and')) return first;
    const values = [first];
    while (this.acceptKeyword('and')) values.push(this.notTest());
    return { kind: 'BoolOp', op: 'and', values, ...this.at(start) };
  }

  private notTest(): Expr {
    const start = this.tok;
    if (this.acceptKeyword('not')) return { kind: 'UnaryOp', op: 'not', operand: this.nested(() => this.notTest()), ...this.at(start) };
    return this.comparison();
  }

  private comparison(): Expr {
    const start = this.tok;
    const left = this.expr();
    const ops: CmpOp[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const t = this.tok;
      let op: CmpOp | null = null;
      if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
        op = t.text as CmpOp;
        this.pos++;
      } else if (this.isKeyword('in')) {
        op = 'in';
        this.pos++;
      } else if (this.isKeyword('not') && this.peek().kind === 'name' && this.peek().text === 'in') {
        op = 'not in';
        this.pos += 2;
      } else if (this.isKeyword('is')) {
        this.pos++;
        op = this.acceptKeyword('not') ? 'is not' : 'is';
      }
      if (!op) break;
      ops.push(op);
      comparators.push(this.expr());
    }
    if (ops.length === 0) return left;
    return { kind: 'Compare', left, ops, comparators, ...this.at(start) };
  }

  /** The binary operator levels from `|` down to `*`, each left-associative. */
  expr(): Expr {
    return this.binary(0);
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['|'],
    ['^'],
    ['&'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '//', '%', '@'],
  ];

  private binary(level: number): Expr {
    if (level === Parser.LEVELS.length) return this.factor();
    const start = this.tok;
    let left = this.binary(level + 1);
    const ops = Parser.LEVELS[level];
    while (this.kind() === 'op' && ops.includes(this.tok.text)) {
      if (this.tok.text === '@') this.unsupported("the '@' operator is not supported");
      const op = this.tok.text as BinOp;
      this.pos++;
      const right = this.binary(level + 1);
      left = { kind: 'BinOp', op, left, right, ...this.at(start) };
    }
    return left;
  }

  private factor(): Expr {
    const t = this.tok;
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.pos++;
      const operand = this.nested(() => this.factor());
      // Fold `-5` into a literal so that -9007199254740992 and constant indexes stay plain numbers.
      if (t.text === '-' && operand.kind === 'Num') {
        // `0 - v` rather than `-v` so that the int `-0` is 0, while the float `-0.0` keeps its sign.
        return { kind: 'Num', value: operand.isFloat ? -operand.value : 0 - operand.value, isFloat: operand.isFloat, ...this.at(t) };
      }
      return { kind: 'UnaryOp', op: t.text, operand, ...this.at(t) };
    }
    return this.power();
  }

  private power(): Expr {
    const start = this.tok;
    const base = this.atomExpr();
    if (this.acceptOp('**')) {
      const exponent = this.nested(() => this.factor());
      return { kind: 'BinOp', op: '**', left: base, right: exponent, ...this.at(start) };
    }
    return base;
  }

  private atomExpr(): Expr {
    if (this.isKeyword('await')) this.unsupported(unsupportedStatement('await'));
    const start = this.tok;
    let expr = this.atom();
    for (;;) {
      if (this.acceptOp('(')) {
        expr = this.call(expr, start);
      } else if (this.acceptOp('[')) {
        const index = this.subscript();
        this.expectOp(']');
        expr = { kind: 'Subscript', value: expr, index, ...this.at(start) };
      } else if (this.isOp('.')) {
        this.pos++;
        const nameToken = this.expectName();
        expr = { kind: 'Attribute', value: expr, attr: nameToken.text, attrPos: this.at(nameToken), ...this.at(start) };
      } else {
        return expr;
      }
    }
  }

  private call(func: Expr, start: Token): Expr {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      if (this.isOp('*') || this.isOp('**')) this.unsupported('*args and **kwargs in calls are not supported');
      const t = this.tok;
      if (t.kind === 'name' && !KEYWORDS.has(t.text) && this.peek().kind === 'op' && this.peek().text === '=') {
        this.pos += 2;
        if (keywords.some((k) => k.name === t.text)) {
          throw new ExprError('EXPR_SYNTAX', `keyword argument repeated: ${t.text}`, t.line, t.column);
        }
        keywords.push({ name: t.text, value: this.test(), ...this.at(t) });
      } else {
        if (keywords.length > 0) this.syntaxError('positional argument follows keyword argument');
        let arg = this.namedTest();
        if (this.isKeyword('for')) {
          // A bare generator expression as the argument: sum(x for x in y).
          const generators = this.comprehensionClauses();
          arg = { kind: 'GeneratorExp', elt: arg, generators, ...this.at(t) };
          if (args.length > 0 || !this.isOp(')')) {
            throw new ExprError('EXPR_SYNTAX', 'Generator expression must be parenthesized', t.line, t.column);
          }
        }
        args.push(arg);
      }
      if (args.length + keywords.length > MAX_ARGUMENTS) this.unsupported(`a call takes at most ${MAX_ARGUMENTS} arguments`, t);
      if (!this.acceptOp(',')) break;
    }
    this.expectOp(')');
    return { kind: 'Call', func, args, keywords, ...this.at(start) };
  }

  private subscript(): Expr | SliceExpr {
    const start = this.tok;
    const first = this.sliceItem();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.acceptOp(',')) {
      if (this.isOp(']')) break;
      elts.push(this.sliceItem());
    }
    for (const elt of elts) if (elt.kind === 'Slice') this.unsupported('multi-dimensional slices are not supported', start);
    return { kind: 'Tuple', elts: elts as Expr[], ...this.at(start) };
  }

  private sliceItem(): Expr | SliceExpr {
    const start = this.tok;
    let lower: Expr | null = null;
    if (!this.isOp(':')) {
      lower = this.namedTest();
      if (!this.isOp(':')) return lower;
    }
    this.expectOp(':');
    const upper = this.isOp(':') || this.isOp(']') || this.isOp(',') ? null : this.test();
    let step: Expr | null = null;
    if (this.acceptOp(':')) step = this.isOp(']') || this.isOp(',') ? null : this.test();
    return { kind: 'Slice', lower, upper, step, ...this.at(start) };
  }

  /** The rest of a list (`]`) or set (`}`) display after its first element: a comprehension, or more elements. */
  private displayRest(first: Expr, close: ']' | '}', pos: Pos): Expr {
    if (this.isKeyword('for')) {
      const generators = this.comprehensionClauses();
      this.expectOp(close);
      return { kind: close === ']' ? 'ListComp' : 'SetComp', elt: first, generators, ...pos };
    }
    const elts = [first];
    while (this.acceptOp(',')) {
      if (this.isOp(close)) break;
      elts.push(this.namedTest());
    }
    this.expectOp(close);
    return { kind: close === ']' ? 'List' : 'Set', elts, ...pos };
  }

  private comprehensionClauses(): Comprehension[] {
    const generators: Comprehension[] = [];
    while (this.isKeyword('for')) {
      const t = this.tok;
      this.pos++;
      const target = this.targetList();
      this.expectKeyword('in');
      const iter = this.orTest();
      const ifs: Expr[] = [];
      while (this.acceptKeyword('if')) ifs.push(this.testNoCond());
      generators.push({ target, iter, ifs, ...this.at(t) });
      if (this.isKeyword('async')) this.unsupported(unsupportedStatement('async'));
    }
    return generators;
  }

  private atom(): Expr {
    const t = this.tok;
    const pos = this.at(t);
    switch (t.kind) {
      case 'int':
      case 'float':
        this.pos++;
        return { kind: 'Num', value: t.num, isFloat: t.kind === 'float', ...pos };
      case 'string': {
        // Adjacent literals concatenate: 'a' "b".
        let value = '';
        while (this.kind() === 'string') value += this.tokens[this.pos++].text;
        return { kind: 'Str', value, ...pos };
      }
      case 'name': {
        if (t.text === 'None' || t.text === 'True' || t.text === 'False') {
          this.pos++;
          return { kind: 'Const', value: t.text === 'None' ? null : t.text === 'True', ...pos };
        }
        if (t.text === 'yield') this.unsupported(unsupportedStatement('yield'));
        if (KEYWORDS.has(t.text)) this.syntaxError('invalid syntax');
        this.pos++;
        return { kind: 'Name', id: t.text, ...pos };
      }
      case 'op':
        break;
      case 'newline':
      case 'eof':
        this.syntaxError('invalid syntax');
        break;
      default:
        this.syntaxError('invalid syntax');
    }
    if (this.acceptOp('(')) {
      if (this.acceptOp(')')) return { kind: 'Tuple', elts: [], ...pos };
      if (this.isKeyword('yield')) this.unsupported(unsupportedStatement('yield'));
      const first = this.namedTest();
      if (this.isKeyword('for')) {
        const generators = this.comprehensionClauses();
        this.expectOp(')');
        return { kind: 'GeneratorExp', elt: first, generators, ...pos };
      }
      if (this.acceptOp(')')) return first;
      const elts = [first];
      while (this.acceptOp(',')) {
        if (this.isOp(')')) break;
        elts.push(this.namedTest());
      }
      this.expectOp(')');
      return { kind: 'Tuple', elts, ...pos };
    }
    if (this.acceptOp('[')) {
      if (this.acceptOp(']')) return { kind: 'List', elts: [], ...pos };
      return this.displayRest(this.namedTest(), ']', pos);
    }
    if (this.acceptOp('{')) {
      if (this.acceptOp('}')) return { kind: 'Dict', keys: [], values: [], ...pos };
      if (this.isOp('**')) this.unsupported('dict unpacking (**) is not supported');
      const first = this.namedTest();
      if (this.acceptOp(':')) {
        const firstValue = this.test();
        if (this.isKeyword('for')) {
          const generators = this.comprehensionClauses();
          this.expectOp('}');
          return { kind: 'DictComp', key: first, value: firstValue, generators, ...pos };
        }
        const keys = [first];
        const values = [firstValue];
        while (this.acceptOp(',')) {
          if (this.isOp('}')) break;
          if (this.isOp('**')) this.unsupported('dict unpacking (**) is not supported');
          keys.push(this.test());
          this.expectOp(':');
          values.push(this.test());
        }
        this.expectOp('}');
        return { kind: 'Dict', keys, values, ...pos };
      }
      return this.displayRest(first, '}', pos);
    }
    if (this.isOp('...')) this.unsupported('Ellipsis is not supported');
    return this.syntaxError('invalid syntax');
  }
}

function describe(expr: Expr): string {
  switch (expr.kind) {
    case 'Num':
    case 'Str':
    case 'Const':
      return 'literal';
    case 'Call':
      return 'function call';
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'Compare':
      return 'comparison';
    case 'Lambda':
      return 'lambda';
    case 'IfExp':
      return 'conditional expression';
    case 'ListComp':
      return 'list comprehension';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    default:
      return 'expression';
  }
}
