import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';

/** `Bag.flatten()`: concatenate the elements, which must be iterables, into one bag. */
export const flatten: OpDefinition = {
  collection: 'bag',
  name: 'flatten',
  group: 'transform',
  doc: 'Concatenate nested sequences: a bag of lists becomes a bag of their items.',
  inputs: ['bag'],
  output: 'bag',
  params: [],
  python: { call: 'method', positional: [] },
  build: (ctx) => elementwiseLayer(ctx, [{ kind: 'flatten', nodeId: ctx.node.id }]),
};
