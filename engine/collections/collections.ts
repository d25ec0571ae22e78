import type { PortKind } from '../spec/port-kind.js';
import type { CollectionKind } from './collection-kind.js';
import { bagKind } from './bag.js';
import { itemKind } from './item.js';

/**
 * Every port kind the engine runs, by kind. DataFrame and Series join when their operations do; until then a port of
 * theirs names no registered kind and validation refuses it.
 */
export const COLLECTIONS: ReadonlyMap<PortKind, CollectionKind> = new Map([bagKind, itemKind].map((c) => [c.kind, c]));

/** The descriptor of a port kind the engine knows. */
export function collectionKind(kind: PortKind): CollectionKind {
  const found = COLLECTIONS.get(kind);
  if (!found) throw new Error(`no collection kind '${kind}' is registered`);
  return found;
}
