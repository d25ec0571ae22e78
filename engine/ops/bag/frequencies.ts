import type { OpDefinition } from '../op-definition.js';
import { reductionLayer } from '../layer-builders.js';

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    frequencies: { kind: 'frequencies'; sort: boolean };
  }
}

/** `Bag.frequencies(split_every=None, sort=False)`: a one-partition bag of `(element, count)` pairs. */
export const frequencies: OpDefinition = {
  collection: 'bag',
  name: 'frequencies',
  group: 'aggregate',
  doc: 'Count how often each distinct element occurs: a bag of (element, count) pairs, in order of first appearance, or by count when sort is true.',
  inputs: ['bag'],
  output: 'bag',
  params: [
    { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, min: 2, doc: 'How many partial results each aggregation step combines (default 8).' },
    { name: 'sort', type: 'bool', required: false, default: false, doc: 'Sort by count, most frequent first.' },
  ],
  python: { call: 'method', positional: ['split_every', 'sort'] },
  build: (ctx) => reductionLayer(ctx, { kind: 'frequencies', sort: ctx.params.sort as boolean }, (ctx.params.split_every as number | false | null) ?? 8, 'bag'),
};
