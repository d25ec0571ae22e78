/** Palette search: operations whose name matches first, then those whose doc mentions every word. */
import type { CollectionInfo, OperationInfo, PortKind } from '../electron/ipc/contract.js';

export const GROUP_TITLES: Record<OperationInfo['group'], string> = {
  create: 'Create',
  transform: 'Transform',
  combine: 'Combine',
  aggregate: 'Aggregate',
  shuffle: 'Group and shuffle',
  output: 'Output',
};

export function searchOperations(ops: Iterable<OperationInfo>, query: string): OperationInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const all = [...ops];
  if (words.length === 0) return all;
  const name = (o: OperationInfo) => o.name;
  const byName = all.filter((o) => words.every((w) => name(o).includes(w)));
  const byDoc = all.filter((o) => !byName.includes(o) && words.every((w) => `${name(o)} ${o.doc}`.toLowerCase().includes(w)));
  return [...byName.sort((a, b) => Number(!name(a).startsWith(words[0])) - Number(!name(b).startsWith(words[0]))), ...byDoc];
}

/** The palette's sections: one per collection (in the host's order), each with its groups in GROUP_TITLES' order. */
export function paletteSections(ops: readonly OperationInfo[], collectionOrder: readonly PortKind[]): Array<{ kind: PortKind; groups: Array<[OperationInfo['group'], OperationInfo[]]> }> {
  const byCollection = new Map<PortKind, Map<OperationInfo['group'], OperationInfo[]>>();
  for (const op of ops) {
    const groups = byCollection.get(op.collection) ?? new Map<OperationInfo['group'], OperationInfo[]>();
    groups.set(op.group, [...(groups.get(op.group) ?? []), op]);
    byCollection.set(op.collection, groups);
  }
  const rank = (kind: PortKind) => (collectionOrder.includes(kind) ? collectionOrder.indexOf(kind) : collectionOrder.length);
  const groupOrder = Object.keys(GROUP_TITLES) as Array<OperationInfo['group']>;
  return [...byCollection]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, groups]) => ({ kind, groups: [...groups].sort(([a], [b]) => groupOrder.indexOf(a) - groupOrder.indexOf(b)) }));
}

/**
 * Each palette button's accessible name: `Add <name>`, and for a name that several collections share (a Bag's `sum`
 * and a DataFrame's), `Add <name> (<Collection>)` for all but the first collection that has it, so every name is
 * unique and the first collection's keeps its short one.
 */
export function addLabels(ops: readonly OperationInfo[], collections: ReadonlyMap<PortKind, CollectionInfo>): Map<string, string> {
  const collectionOrder = [...collections.keys()];
  const rank = (kind: PortKind) => (collectionOrder.includes(kind) ? collectionOrder.indexOf(kind) : collectionOrder.length);
  const sorted = [...ops].sort((a, b) => rank(a.collection) - rank(b.collection));
  const taken = new Set<string>();
  const labels = new Map<string, string>();
  for (const op of sorted) {
    const short = `Add ${op.name}`;
    labels.set(op.op, taken.has(short) ? `${short} (${collections.get(op.collection)?.label ?? op.collection})` : short);
    taken.add(short);
  }
  return labels;
}

