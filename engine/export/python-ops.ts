/**
 * Operations as Python names them, for the exporter and the importer alike: a function of a collection's Dask module
 * (`db.read_text`, found by the module's alias) or a method of a collection (`b.map`, found by the receiver's kind).
 */
import type { Operation } from '../ops/op-definition.js';
import type { PortKind } from '../spec/port-kind.js';
import { OPERATIONS } from '../ops/registry.js';
import { COLLECTIONS, collectionKind } from '../collections/collections.js';

/** The method or function name of an operation in Dask (`bag.var` is `Bag.var`; `dataframe.groupby.agg` is `agg`). */
export function daskName(def: Operation): string {
  return def.python.via ? def.name.slice(def.name.lastIndexOf('.') + 1) : def.name;
}

/** The alias an exported script imports the operation's collection module as (`db` for dask.bag). */
export function moduleAlias(def: Operation): string {
  const python = collectionKind(def.collection).python;
  if (!python) throw new Error(`${def.op}: its collection has no Python module`);
  return python.alias;
}

/** Every module alias an exported script may call functions of, with the collections it makes (`dd` → DataFrame, Series). */
export const MODULE_ALIASES: ReadonlyMap<string, PortKind[]> = [...COLLECTIONS.values()].reduce((aliases, c) => {
  if (c.python) aliases.set(c.python.alias, [...(aliases.get(c.python.alias) ?? []), c.kind]);
  return aliases;
}, new Map<string, PortKind[]>());

/** The import lines of a script that runs these operations, one per collection module, in a stable order. */
export function moduleImports(defs: Iterable<Operation>): string[] {
  const used = new Set([...defs].map((d) => d.collection));
  return [...new Set([...COLLECTIONS.values()].filter((c) => c.python && used.has(c.kind as never)).map((c) => `import ${c.python!.module} as ${c.python!.alias}`))];
}

/** The operation `<alias>.<name>(...)` calls, if any. */
export function functionOp(alias: string, name: string): Operation | undefined {
  const collections = MODULE_ALIASES.get(alias) ?? [];
  return [...OPERATIONS.values()].find((d) => d.python.call === 'function' && collections.includes(d.collection) && daskName(d) === name);
}

/** The operation a method call `<receiver>.<name>(...)` makes on a collection of kind `receiver`, if any. */
export function methodOp(receiver: PortKind, name: string): Operation | undefined {
  return [...OPERATIONS.values()].find((d) => d.python.call === 'method' && d.collection === receiver && daskName(d) === name);
}

/** The operation `<receiver>.<method>(...).<name>(...)` makes, for an op written through an intermediate call. */
export function viaOp(receiver: PortKind, method: string, name: string): Operation | undefined {
  return [...OPERATIONS.values()].find((d) => d.collection === receiver && d.python.via?.method === method && daskName(d) === name);
}

/** The operation a collection's subscript (`df[key]`) or a builtin applied to it (`len(df)`) stands for. */
export function formOp(receiver: PortKind, call: 'subscript' | 'builtin', name: string): Operation | undefined {
  return [...OPERATIONS.values()].find((d) => d.collection === receiver && d.python.call === call && (call === 'subscript' || daskName(d) === name));
}

/** The names Python can call in one of these ways, for messages listing what Weft has. */
export function callableNames(how: { alias: string } | { receiver: PortKind }): string[] {
  const collections = 'alias' in how ? MODULE_ALIASES.get(how.alias) ?? [] : [how.receiver];
  const call = 'alias' in how ? 'function' : 'method';
  return [...OPERATIONS.values()].filter((d) => d.python.call === call && collections.includes(d.collection)).map(daskName);
}
