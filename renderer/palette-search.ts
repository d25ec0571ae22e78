/** Palette search: operations whose name matches first, then those whose doc mentions every word. */
import type { OperationInfo } from '../electron/ipc/contract.js';

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
