import type { OpDefinition } from '../op-definition.js';
import { reductionLayer } from '../layer-builders.js';

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    topk: { kind: 'topk'; k: number; key: string | null };
  }
}

/** `Bag.topk(k, key=None, split_every=None)`: the k largest elements, largest first. */
export const topk: OpDefinition = {
  collection: 'bag',
  name: 'topk',
  group: 'aggregate',
  doc: 'The k largest elements, largest first; with key, largest by key(element) (or element[key] if key is not callable).',
  inputs: ['bag'],
  output: 'bag',
  params: [
    // No min: Dask's topk gives [] for any k below 1.
    { name: 'k', type: 'int', required: true, doc: 'How many elements.' },
    { name: 'key', type: 'key', required: false, default: null, nullable: true, doc: 'What to compare elements by.' },
    { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, min: 2, doc: 'How many partial results each aggregation step combines (default 8).' },
  ],
  python: { call: 'method', positional: ['k', 'key', 'split_every'] },
  build: (ctx) =>
    // Dask's heapq.nlargest gives [] for any k below 1, so a negative k is valid and means none.
    reductionLayer(ctx, { kind: 'topk', k: Math.max(0, ctx.params.k as number), key: ctx.params.key as string | null }, (ctx.params.split_every as number | false | null) ?? 8, 'bag'),
};
