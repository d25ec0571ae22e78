import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';
// remove is filter's stage with keep false: its kernel is filter's (filter.kernel.ts).
import type { FilterStage } from './filter.js';

/** `Bag.remove(predicate)`: drop the elements for which `predicate` is true. */
export const remove: OpDefinition = {
  collection: 'bag',
  name: 'remove',
  group: 'transform',
  doc: 'Drop the elements for which the predicate is true (the opposite of filter).',
  inputs: ['bag'],
  output: 'bag',
  params: [{ name: 'predicate', type: 'callable', required: true, doc: 'A function of one element returning a truth value.' }],
  python: { call: 'method', positional: ['predicate'] },
  build: (ctx) => elementwiseLayer(ctx, [{ kind: 'filter', nodeId: ctx.node.id, predicate: ctx.params.predicate as string, keep: false } satisfies FilterStage]),
};
