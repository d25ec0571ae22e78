import type { PortKind } from '../spec/port-kind.js';
import type { CollectionKind } from './collection-kind.js';
import { bagKind } from './bag.js';
import { itemKind } from './item.js';
import { dataframeKind, seriesKind } from './dataframe.js';

/** Every port kind the engine runs, by kind, in the order the palette shows them. */
export const COLLECTIONS: ReadonlyMap<PortKind, CollectionKind> = new Map([bagKind, dataframeKind, seriesKind, itemKind].map((c) => [c.kind, c]));

/** The descriptor of a port kind the engine knows. */
export function collectionKind(kind: PortKind): CollectionKind {
  const found = COLLECTIONS.get(kind);
  if (!found) throw new Error(`no collection kind '${kind}' is registered`);
  return found;
}
