import type { OpDefinition } from '../op-definition.js';
import { reductionLayer } from '../layer-builders.js';

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    /** A user's functions (or builtins: `sum`, `min`, `any`) of a partition and of the list of partial results. */
    python: { kind: 'python'; perpartition: string; aggregate: string };
  }
}

/** `Bag.reduction(perpartition, aggregate, split_every=None, out_type=Item)`. */
export const reduction: OpDefinition = {
  collection: 'bag',
  name: 'reduction',
  group: 'aggregate',
  doc: 'Reduce with your own functions: perpartition turns each partition (a list) into a partial result, aggregate turns the list of partial results into one. Example: perpartition=len, aggregate=sum',
  inputs: ['bag'],
  output: 'item',
  params: [
    { name: 'perpartition', type: 'callable', required: true, doc: 'A function of one partition (a list).' },
    { name: 'aggregate', type: 'callable', required: true, doc: 'A function of the list of partial results.' },
    { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, min: 2, doc: 'How many partial results each aggregation step combines (default 8).' },
  ],
  python: { call: 'method', positional: ['perpartition', 'aggregate', 'split_every'] },
  build: (ctx) =>
    reductionLayer(ctx, { kind: 'python', perpartition: ctx.params.perpartition as string, aggregate: ctx.params.aggregate as string }, (ctx.params.split_every as number | false | null) ?? 8, 'item'),
};
