/**
 * Which fields of a list a lambda reads: the constant int subscripts (`x[1]`, `x[-1]`) it applies to one of its
 * parameters, or null when it uses that parameter in any other way (passes it on, takes its len, slices it,
 * iterates it, or a nested scope rebinds its name). Split projection relies on this to make only those fields.
 */
import type { SinkKinds, StageKinds } from './task.js';
import type { ReducerKinds } from './reducer-spec.js';
import { parsedLambda } from './parsed-lambda.js';

export function subscriptsOfParam(source: string, paramIndex: number): Set<number> | null {
  const expr = parsedLambda(source);
  if (!expr || paramIndex >= expr.params.length) return null;
  const name = expr.params[paramIndex].name;
  const fields = new Set<number>();
  return visit(expr.body, name, fields) ? fields : null;
}

/** A constant int index: `3` or `-1`. */
function constantIndex(index: unknown): number | null {
  const node = index as { kind: string; value?: unknown; isFloat?: boolean; op?: string; operand?: unknown };
  if (node.kind === 'Num' && !node.isFloat && Number.isInteger(node.value)) return node.value as number;
  if (node.kind === 'UnaryOp' && node.op === '-') {
    const inner = constantIndex(node.operand);
    return inner === null ? null : -inner;
  }
  return null;
}

/** A nested lambda or comprehension that binds the same name makes "the parameter" ambiguous. */
function rebinds(n: Record<string, unknown> & { kind?: string }, name: string): boolean {
  if (n.kind === 'Lambda') return (n.params as Array<{ name: string }>).some((p) => p.name === name);
  if (n.kind === 'ListComp' || n.kind === 'SetComp' || n.kind === 'GeneratorExp' || n.kind === 'DictComp') {
    return JSON.stringify((n.generators as Array<{ target: unknown }>).map((g) => g.target)).includes(`"id":${JSON.stringify(name)}`);
  }
  return false;
}

/** Walks any AST node generically, so that node kinds added later are handled conservatively. */
function visit(node: unknown, name: string, fields: Set<number>): boolean {
  if (Array.isArray(node)) return node.every((child) => visit(child, name, fields));
  if (node === null || typeof node !== 'object') return true;
  const n = node as Record<string, unknown> & { kind?: string };
  if (n.kind === 'Subscript' && (n.value as { kind: string; id?: string }).kind === 'Name' && (n.value as { id: string }).id === name) {
    const index = constantIndex(n.index);
    if (index === null) return false;
    fields.add(index);
    return true;
  }
  if ((n.kind === 'Name' && n.id === name) || rebinds(n, name)) return false;
  for (const [key, value] of Object.entries(n)) {
    if (key === 'kind' || typeof value !== 'object' || value === null) continue;
    if (!visit(value, name, fields)) return false;
  }
  return true;
}

/**
 * The constant fields of a list that a key param reads (groupby's grouper, foldby's key): an int selects that field
 * (`foldby(0, ...)`, as Dask reads a key that is not callable), a lambda reads its subscripts; null otherwise.
 */
export function keyFieldsRead(key: string): Set<number> | null {
  return /^-?\d+$/.test(key.trim()) ? new Set([Number(key)]) : subscriptsOfParam(key, 0);
}

/**
 * Whether a lambda over groupby's `(key, [elements])` pairs reads only the key (`g[0]`) and the size of the
 * elements (`len(g[1])`), so that the shuffle can move counts instead of elements.
 */
export function readsOnlyKeyAndSize(source: string): boolean {
  const expr = parsedLambda(source);
  if (!expr || expr.params.length !== 1) return false;
  const name = expr.params[0].name;
  const isGroup = (node: unknown) => (node as { kind?: string; id?: string }).kind === 'Name' && (node as { id: string }).id === name;
  const subscript = (node: unknown, index: number) => {
    const n = node as { kind?: string; value?: unknown; index?: unknown };
    return n.kind === 'Subscript' && isGroup(n.value) && constantIndex(n.index) === index;
  };
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.every(walk);
    if (node === null || typeof node !== 'object') return true;
    const n = node as Record<string, unknown> & { kind?: string };
    if (subscript(n, 0)) return true;
    if (n.kind === 'Call' && (n.func as { kind?: string; id?: string }).kind === 'Name' && (n.func as { id: string }).id === 'len') {
      const args = n.args as unknown[];
      if (args.length === 1 && subscript(args[0], 1) && (n.keywords as unknown[]).length === 0) return true;
    }
    if (isGroup(n) || rebinds(n, name)) return false;
    for (const [key, value] of Object.entries(n)) if (key !== 'kind' && typeof value === 'object' && value !== null && !walk(value)) return false;
    return true;
  };
  return walk(expr.body);
}

/**
 * What a stage kind tells split projection about the lists it receives. Declared by the operation whose stage it is
 * (OpDefinition.fieldUse); a kind that declares nothing may use whole lists, and no split before it is projected.
 */
export interface StageFieldUse<S> {
  /**
   * The constant fields of each list the stage reads, or null when it may use the whole list. `restReadsNothing`:
   * the stage is the last before a sink that reads no element's content (a count).
   */
  fieldsRead(stage: S, context: { restReadsNothing: boolean }): Set<number> | null;
  /** The stage hands each list itself on (a filter), so what follows it reads the same lists. */
  passesListsOn?: boolean;
  /**
   * Whether the stage, given groupby's `(key, [elements])` pairs, reads only each key and the number of elements
   * (group-size-projection.ts). Absent: it may read the elements.
   */
  readsOnlyGroupSizes?(stage: S): boolean;
}

/** What a reducer kind reads of each element that is a list: its constant fields, or null for the whole list. */
export interface ReducerFieldUse<R> {
  fieldsRead(reducer: R): Set<number> | null;
}

/**
 * What a sink kind reads of each element that is a list: its constant fields, or null for the whole list (a
 * shuffle's split that moves the elements themselves).
 */
export interface SinkFieldUse<K> {
  fieldsRead(sink: K): Set<number> | null;
}

/** The field uses one operation declares, by the kinds of its stages, reducers and sinks. */
export interface FieldUseSet {
  stages?: { [K in keyof StageKinds]?: StageFieldUse<StageKinds[K]> };
  reducers?: { [K in keyof ReducerKinds]?: ReducerFieldUse<ReducerKinds[K]> };
  sinks?: { [K in keyof SinkKinds]?: SinkFieldUse<SinkKinds[K]> };
}
