/**
 * The syntax tree of the Python subset, shaped like Python's own `ast` module (same node names and fields) so that
 * the parser and the code generator can be read against the Python docs. Every node carries its 1-based position.
 */
export interface Pos {
  line: number;
  column: number;
}

export type Expr =
  | NameExpr
  | NumExpr
  | StrExpr
  | ConstExpr
  | SeqExpr
  | DictExpr
  | BinOpExpr
  | UnaryExpr
  | BoolOpExpr
  | CompareExpr
  | IfExpExpr
  | LambdaExpr
  | CallExpr
  | AttributeExpr
  | SubscriptExpr
  | CompExpr
  | DictCompExpr
  | YieldExpr;

export interface NameExpr extends Pos {
  kind: 'Name';
  id: string;
}
export interface NumExpr extends Pos {
  kind: 'Num';
  value: number;
  isFloat: boolean;
}
export interface StrExpr extends Pos {
  kind: 'Str';
  value: string;
}
/** None, True, False. */
export interface ConstExpr extends Pos {
  kind: 'Const';
  value: null | boolean;
}
export interface SeqExpr extends Pos {
  kind: 'Tuple' | 'List' | 'Set';
  elts: Expr[];
}
export interface DictExpr extends Pos {
  kind: 'Dict';
  keys: Expr[];
  values: Expr[];
}
export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';
export interface BinOpExpr extends Pos {
  kind: 'BinOp';
  op: BinOp;
  left: Expr;
  right: Expr;
}
export interface UnaryExpr extends Pos {
  kind: 'UnaryOp';
  op: '-' | '+' | '~' | 'not';
  operand: Expr;
}
export interface BoolOpExpr extends Pos {
  kind: 'BoolOp';
  op: 'and' | 'or';
  values: Expr[];
}
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';
export interface CompareExpr extends Pos {
  kind: 'Compare';
  left: Expr;
  ops: CmpOp[];
  comparators: Expr[];
}
export interface IfExpExpr extends Pos {
  kind: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}
export interface Param extends Pos {
  name: string;
  default?: Expr;
}
export interface LambdaExpr extends Pos {
  kind: 'Lambda';
  params: Param[];
  body: Expr;
}
export interface Keyword extends Pos {
  name: string;
  value: Expr;
}
export interface CallExpr extends Pos {
  kind: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
}
export interface AttributeExpr extends Pos {
  kind: 'Attribute';
  value: Expr;
  attr: string;
  /** Where the attribute name itself starts, for errors about it. */
  attrPos: Pos;
}
export interface SliceExpr extends Pos {
  kind: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}
export interface SubscriptExpr extends Pos {
  kind: 'Subscript';
  value: Expr;
  index: Expr | SliceExpr;
}
export interface Comprehension extends Pos {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}
export interface CompExpr extends Pos {
  kind: 'ListComp' | 'SetComp' | 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}
export interface DictCompExpr extends Pos {
  kind: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}
/** `yield x` / bare `yield` (value null). The parser produces it only as a whole statement (an `Expr` statement). */
export interface YieldExpr extends Pos {
  kind: 'Yield';
  value: Expr | null;
}

export type Stmt =
  | ExprStmt
  | AssignStmt
  | AugAssignStmt
  | ReturnStmt
  | SimpleStmt
  | IfStmt
  | ForStmt
  | WhileStmt
  | FunctionDef
  | DelStmt
  | TryStmt
  | RaiseStmt
  | AssertStmt
  | ImportStmt;

export interface ExprStmt extends Pos {
  kind: 'Expr';
  value: Expr;
}
export interface AssignStmt extends Pos {
  kind: 'Assign';
  targets: Expr[];
  value: Expr;
}
export interface AugAssignStmt extends Pos {
  kind: 'AugAssign';
  target: Expr;
  op: BinOp;
  value: Expr;
}
export interface ReturnStmt extends Pos {
  kind: 'Return';
  value: Expr | null;
}
export interface SimpleStmt extends Pos {
  kind: 'Pass' | 'Break' | 'Continue';
}
export interface IfStmt extends Pos {
  kind: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface ForStmt extends Pos {
  kind: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface WhileStmt extends Pos {
  kind: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface FunctionDef extends Pos {
  kind: 'FunctionDef';
  name: string;
  params: Param[];
  body: Stmt[];
}
export interface DelStmt extends Pos {
  kind: 'Delete';
  targets: Expr[];
}
export interface ExceptHandler extends Pos {
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}
export interface TryStmt extends Pos {
  kind: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface RaiseStmt extends Pos {
  kind: 'Raise';
  exc: Expr | null;
}
export interface AssertStmt extends Pos {
  kind: 'Assert';
  test: Expr;
  msg: Expr | null;
}
/** `import json`: the one module a functions block may import (its names are builtins anyway). */
export interface ImportStmt extends Pos {
  kind: 'Import';
  names: string[];
}
