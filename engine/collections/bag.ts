import type { CollectionKind } from './collection-kind.js';

/** Dask's Bag: partitions of Python objects; its value is their concatenation, as `Bag.compute()` gives a list. */
export const bagKind: CollectionKind = {
  kind: 'bag',
  label: 'Bag',
  article: 'a bag',
  plural: 'bags',
  partitioned: true,
  python: { module: 'dask.bag', alias: 'db' },
  gather: (partitions) => (partitions as unknown[][]).flat(),
  // Dask's own way to look at a bag: take from every partition until there are enough.
  preview: (limit) => ({ op: 'bag.take', params: { k: limit, npartitions: -1 } }),
};
