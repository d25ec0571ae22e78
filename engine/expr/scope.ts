import type { Comprehension, Expr, Stmt } from './ast.js';

/**
 * Python's scoping rule, computed before code generation: a name bound anywhere in a function body (assignment,
 * augmented assignment, for target, def, del, except ... as) is local to that whole function; comprehensions bind
 * their targets in their own scope. Names read but not bound resolve outward at compile time, so an unknown name is
 * reported before anything runs.
 */
export interface Scope {
  kind: 'module' | 'function' | 'comprehension' | 'external';
  /** Names bound in this scope. */
  locals: Set<string>;
  params: Set<string>;
  /** Names some `del` statement unbinds: a closure cannot assume they stay bound. */
  deleted: Set<string>;
  parent: Scope | null;
  /** The qualified name functions defined here get as a prefix (`f.<locals>.`). */
  prefix: string;
}

export function newScope(kind: Scope['kind'], parent: Scope | null, prefix = ''): Scope {
  return { kind, locals: new Set(), params: new Set(), deleted: new Set(), parent, prefix };
}

/** Collects the names a block of statements binds, without entering nested functions or comprehensions. */
export function collectBindings(body: readonly Stmt[], scope: Scope): void {
  for (const stmt of body) collectStmt(stmt, scope);
}

function collectStmt(stmt: Stmt, scope: Scope): void {
  switch (stmt.kind) {
    case 'Assign':
      for (const t of stmt.targets) collectTarget(t, scope);
      return;
    case 'AugAssign':
      collectTarget(stmt.target, scope);
      return;
    case 'For':
      collectTarget(stmt.target, scope);
      collectBindings(stmt.body, scope);
      collectBindings(stmt.orelse, scope);
      return;
    case 'While':
      collectBindings(stmt.body, scope);
      collectBindings(stmt.orelse, scope);
      return;
    case 'If':
      collectBindings(stmt.body, scope);
      collectBindings(stmt.orelse, scope);
      return;
    case 'FunctionDef':
      scope.locals.add(stmt.name);
      return;
    case 'Delete':
      for (const t of stmt.targets) {
        collectTarget(t, scope);
        collectDeleted(t, scope);
      }
      return;
    case 'Try':
      collectBindings(stmt.body, scope);
      for (const h of stmt.handlers) {
        if (h.name) scope.locals.add(h.name);
        collectBindings(h.body, scope);
      }
      collectBindings(stmt.orelse, scope);
      collectBindings(stmt.finalbody, scope);
      return;
    default:
      return;
  }
}

function collectDeleted(target: Expr, scope: Scope): void {
  if (target.kind === 'Name') scope.deleted.add(target.id);
  else if (target.kind === 'Tuple' || target.kind === 'List') for (const e of target.elts) collectDeleted(e, scope);
}

/** Names bound by an assignment target (`a`, `a, (b, c)`); subscripts bind nothing. */
export function collectTarget(target: Expr, scope: Scope): void {
  if (target.kind === 'Name') scope.locals.add(target.id);
  else if (target.kind === 'Tuple' || target.kind === 'List') for (const e of target.elts) collectTarget(e, scope);
}

/** The names a comprehension's `for` clauses bind. */
export function comprehensionBindings(generators: readonly Comprehension[], scope: Scope): void {
  for (const g of generators) collectTarget(g.target, scope);
}
