import type { ArithOp, CompareOp, QueryNode, QueryStatement, Span } from './ast.js';
import { fail } from './query-error.js';
import { type Token, tokenizeLine } from './tokenize.js';

/**
 * The parser of pandas' expression language (`parser='pandas'`). The grammar is Python's expression grammar after
 * pandas' preparser has rewritten `&` to `and` and `|` to `or`: so `a > 1 & b < 2` means `(a > 1) and (b < 2)`,
 * and `a & not b` is valid. Comparisons chain (`a < b < c`), `not` binds looser than comparisons, `~` and unary
 * minus tighter, `**` tightest and right-associative. As `pd.eval` does, the text is split into lines first, each
 * line stripped and empty lines dropped; each line is one statement, optionally `name = expression`.
 *
 * What Python parses but pandas does not evaluate is refused here with pandas' own words (`^`, shifts, `is`,
 * conditional expressions); what pandas evaluates but Weft does not (function calls, attributes, subscripts,
 * `@local` names) is refused with a message saying so. Every error carries the span of the offending text.
 */

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** The statements of an expression, one per non-empty line. */
export function parseExpression(text: string): QueryStatement[] {
  const statements: QueryStatement[] = [];
  let lineStart = 0;
  const lines: Array<[string, number]> = [];
  for (const m of text.matchAll(LINE_BREAK)) {
    lines.push([text.slice(lineStart, m.index), lineStart]);
    lineStart = (m.index ?? 0) + m[0].length;
  }
  lines.push([text.slice(lineStart), lineStart]);
  for (const [raw, at] of lines) {
    const lead = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (line === '') continue;
    statements.push(new Parser(tokenizeLine(line, at + lead)).statement());
  }
  return statements;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private get peek(): Token {
    return this.tokens[this.i];
  }
  private peekAt(k: number): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }
  private isOp(text: string, t: Token = this.peek): boolean {
    return t.kind === 'op' && t.text === text;
  }
  private isKeyword(text: string, t: Token = this.peek): boolean {
    return t.kind === 'name' && t.text === text;
  }
  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') this.i++;
    return t;
  }
  private expectOp(text: string): Token {
    if (!this.isOp(text)) this.syntaxError(this.peek, `'${text}' was expected`);
    return this.next();
  }
  private syntaxError(t: Token, detail?: string): never {
    const what = t.kind === 'end' ? 'unexpected end of expression' : 'invalid syntax';
    return fail('SyntaxError', detail ? `${what}: ${detail}` : what, t.kind === 'end' ? { start: Math.max(0, t.start - 1), end: t.end } : t);
  }

  statement(): QueryStatement {
    const first = this.peek;
    let target: QueryStatement['target'] = null;
    if ((first.kind === 'name' || first.kind === 'backtick') && this.isOp('=', this.peekAt(1))) {
      if (first.kind === 'name' && KEYWORDS.has(first.text)) this.syntaxError(first, 'a keyword cannot be assigned to');
      target = { name: first.text, isBacktick: first.kind === 'backtick', start: first.start, end: first.end };
      this.next();
      this.next();
    }
    const expr = this.test();
    const rest = this.peek;
    if (rest.kind !== 'end') {
      if (this.isOp('=', rest)) {
        fail('SyntaxError', 'left hand side of an assignment must be a single name', { start: first.start, end: rest.end });
      }
      this.syntaxError(rest);
    }
    return { target, expr, start: first.start, end: expr.end };
  }

  private test(): QueryNode {
    const node = this.orTest();
    if (this.isKeyword('if')) fail('NotImplementedError', "'IfExp' nodes are not implemented", { start: node.start, end: this.peek.end });
    return node;
  }

  private orTest(): QueryNode {
    return this.boolChain('or', '|', () => this.andTest());
  }
  private andTest(): QueryNode {
    return this.boolChain('and', '&', () => this.notTest());
  }

  private boolChain(word: 'and' | 'or', symbol: string, operand: () => QueryNode): QueryNode {
    const first = operand();
    const operands = [first];
    while (this.isKeyword(word) || this.isOp(symbol)) {
      this.next();
      operands.push(operand());
    }
    if (operands.length === 1) return first;
    return { kind: 'boolean', op: word, operands, start: first.start, end: operands[operands.length - 1].end };
  }

  private notTest(): QueryNode {
    if (this.isKeyword('not')) {
      const t = this.next();
      const operand = this.notTest();
      return { kind: 'unary', op: 'not', operand, start: t.start, end: operand.end };
    }
    if (this.isKeyword('lambda')) fail('NotImplementedError', "'Lambda' nodes are not implemented", this.peek);
    return this.comparison();
  }

  private comparison(): QueryNode {
    const left = this.bitwise();
    const ops: Array<{ op: CompareOp; right: QueryNode }> = [];
    for (;;) {
      const t = this.peek;
      let op: CompareOp | null = null;
      if (t.kind === 'op' && ['<', '>', '<=', '>=', '==', '!='].includes(t.text)) op = t.text as CompareOp;
      else if (this.isKeyword('in')) op = 'in';
      else if (this.isKeyword('not') && this.isKeyword('in', this.peekAt(1))) op = 'not in';
      else if (this.isKeyword('is')) {
        const isNot = this.isKeyword('not', this.peekAt(1));
        fail('NotImplementedError', `'${isNot ? 'IsNot' : 'Is'}' nodes are not implemented`, { start: t.start, end: (isNot ? this.peekAt(1) : t).end });
      }
      if (op === null) break;
      this.next();
      if (op === 'not in') this.next();
      ops.push({ op, right: this.bitwise() });
    }
    if (ops.length === 0) return left;
    return { kind: 'compare', left, ops, start: left.start, end: ops[ops.length - 1].right.end };
  }

  /** `^`, `<<` and `>>` parse in Python but pandas has no visitor for them. */
  private bitwise(): QueryNode {
    const left = this.arith();
    const t = this.peek;
    const visitor = t.kind === 'op' ? { '^': 'BitXor', '<<': 'LShift', '>>': 'RShift' }[t.text] : undefined;
    if (visitor) fail('AttributeError', `'PandasExprVisitor' object has no attribute 'visit_${visitor}'`, t);
    return left;
  }

  private arith(): QueryNode {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as Token & { kind: 'op' }).text as ArithOp;
      const right = this.term();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private term(): QueryNode {
    let left = this.factor();
    for (;;) {
      const t = this.peek;
      if (t.kind === 'local') this.refuseLocal(t);
      if (!(t.kind === 'op' && ['*', '/', '//', '%'].includes(t.text))) return left;
      this.next();
      const right = this.factor();
      left = { kind: 'binary', op: t.text as ArithOp, left, right, start: left.start, end: right.end };
    }
  }

  private factor(): QueryNode {
    const t = this.peek;
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.next();
      const operand = this.factor();
      return { kind: 'unary', op: t.text as '-' | '+' | '~', operand, start: t.start, end: operand.end };
    }
    return this.power();
  }

  private power(): QueryNode {
    const base = this.atom();
    this.refuseTrailers(base);
    if (this.isOp('**')) {
      this.next();
      const exponent = this.factor();
      return { kind: 'binary', op: '**', left: base, right: exponent, start: base.start, end: exponent.end };
    }
    return base;
  }

  private refuseTrailers(base: QueryNode): void {
    const t = this.peek;
    if (this.isOp('(')) fail('NotImplementedError', "function calls are not supported in Weft's query/eval (pandas' abs, sqrt, sin, ... are not available)", { start: base.start, end: t.end });
    if (this.isOp('.')) fail('NotImplementedError', "attributes are not supported in Weft's query/eval; use backticks for a column whose name has a dot", { start: base.start, end: this.peekAt(1).end });
    if (this.isOp('[')) fail('NotImplementedError', "subscripts are not supported in Weft's query/eval", { start: base.start, end: t.end });
  }

  private refuseLocal(t: Token & { kind: 'local' }): never {
    return fail(
      'SyntaxError',
      `local variables are not available in Weft's query/eval: '@${t.text}' refers to a Python variable of the caller; write its value into the expression instead`,
      t,
    );
  }

  private atom(): QueryNode {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: t.value, isFloat: t.isFloat, start: t.start, end: t.end };
      case 'string': {
        let value = t.value;
        let end = t.end;
        while (this.peek.kind === 'string') {
          const s = this.next() as Token & { kind: 'string' };
          value += s.value;
          end = s.end;
        }
        return { kind: 'string', value, start: t.start, end };
      }
      case 'backtick':
        return { kind: 'name', name: t.text, isBacktick: true, start: t.start, end: t.end };
      case 'local':
        return this.refuseLocal(t);
      case 'name':
        if (t.text === 'True' || t.text === 'False') return { kind: 'bool', value: t.text === 'True', start: t.start, end: t.end };
        if (t.text === 'None') return { kind: 'none', start: t.start, end: t.end };
        if (t.text === 'lambda') fail('NotImplementedError', "'Lambda' nodes are not implemented", t);
        if (KEYWORDS.has(t.text)) fail('SyntaxError', 'Python keyword not valid identifier in numexpr query', t);
        return { kind: 'name', name: t.text, isBacktick: false, start: t.start, end: t.end };
      case 'op':
        if (t.text === '(' || t.text === '[') return this.group(t);
        if (t.text === '{') fail('NotImplementedError', "'Dict' nodes are not implemented", t);
        return this.syntaxError(t);
      case 'end':
        return this.syntaxError(t);
    }
  }

  /** `( expr )`, a tuple `(a, b)` or a list `[a, b]`; tuples and lists are the same to pandas (`visit_Tuple = visit_List`). */
  private group(open: Token & Span): QueryNode {
    const close = this.isOp('(', open) ? ')' : ']';
    const items: QueryNode[] = [];
    let sawComma = false;
    while (!this.isOp(close)) {
      items.push(this.test());
      if (this.isOp(',')) {
        this.next();
        sawComma = true;
      } else break;
    }
    const end = this.expectOp(close).end;
    if (close === ')' && items.length === 1 && !sawComma) return { ...items[0] };
    return { kind: 'list', items, start: open.start, end };
  }
}
