import type { CollectionKind } from './collection-kind.js';

/** A single computed value (a count, a mean, `take`'s tuple): one task, whose result is the value. */
export const itemKind: CollectionKind = {
  kind: 'item',
  label: 'value',
  article: 'a single value',
  plural: 'single values',
  partitioned: false,
  gather: (partitions) => partitions[0],
};
