/**
 * Port kinds as the canvas names them, from the descriptors the host sends (`AppInfo.collections`, the engine's one
 * list): a port's label, a kind in a sentence, and whether an input port takes a list.
 */
import type { CollectionInfo, InputPort, PortKind } from '../electron/ipc/contract.js';

/** The kind an input port takes, without the list marker (`bag*` takes bags). */
export function portKindOf(port: InputPort): PortKind {
  return (port.endsWith('*') ? port.slice(0, -1) : port) as PortKind;
}

/** Whether an input port takes one or more inputs on one handle. */
export function isVariadic(port: InputPort | undefined): boolean {
  return port !== undefined && port.endsWith('*');
}

/** A kind in a sentence: 'a bag', 'a single value'. */
export function kindArticle(collections: ReadonlyMap<PortKind, CollectionInfo>, kind: PortKind): string {
  return collections.get(kind)?.article ?? `a ${kind}`;
}

/** A kind's short label, as ports and the palette show it: 'Bag', 'value'. */
export function kindLabel(collections: ReadonlyMap<PortKind, CollectionInfo>, kind: PortKind): string {
  return collections.get(kind)?.label ?? kind;
}

/** How an input port reads in its tooltip: 'bag', or 'one or more bags'. */
export function inputPortWords(collections: ReadonlyMap<PortKind, CollectionInfo>, port: InputPort): string {
  const kind = portKindOf(port);
  if (!isVariadic(port)) return kindLabel(collections, kind).toLowerCase();
  const plural = collections.get(kind)?.plural ?? `${kind}s`;
  return `one or more ${plural}`;
}
