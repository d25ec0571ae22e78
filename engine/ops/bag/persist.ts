import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';

/** `Bag.persist()`: compute the partitions once and keep them for every consumer. */
export const persist: OpDefinition = {
  collection: 'bag',
  name: 'persist',
  group: 'output',
  doc: 'Compute this bag once and keep its partitions, so that every node reading it reuses them instead of recomputing.',
  inputs: ['bag'],
  output: 'bag',
  params: [],
  python: { call: 'method', positional: [] },
  build: (ctx) => ({ ...elementwiseLayer(ctx, []), materialize: true }),
};
