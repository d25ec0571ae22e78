import type { OpDefinition } from '../op-definition.js';
import { reductionLayer } from '../layer-builders.js';

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    distinct: { kind: 'distinct'; key: string | null };
  }
}

/** `Bag.distinct(key=None)`: a one-partition bag of the distinct elements, in order of first appearance. */
export const distinct: OpDefinition = {
  collection: 'bag',
  name: 'distinct',
  group: 'aggregate',
  doc: "The distinct elements, in order of first appearance. With key, elements count as equal when key(element) is; a key that is not callable, such as 'name', means element['name'].",
  inputs: ['bag'],
  output: 'bag',
  params: [{ name: 'key', type: 'key', required: false, default: null, nullable: true, doc: 'A function giving what makes elements equal, or an index/key to select.' }],
  python: { call: 'method', positional: ['key'] },
  build: (ctx) => reductionLayer(ctx, { kind: 'distinct', key: ctx.params.key as string | null }, 8, 'bag'),
};
