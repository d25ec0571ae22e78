import type { OpDefinition } from '../op-definition.js';
import { reductionLayer } from '../layer-builders.js';

/** `Bag.foldby(key, binop, initial, combine, combine_initial, split_every)`: a grouped reduction without a shuffle. */
export const foldby: OpDefinition = {
  op: 'bag.foldby',
  group: 'aggregate',
  doc: 'Group by key and reduce each group, without a full shuffle: binop(total, element) folds elements within a partition, combine(total1, total2) merges partitions. Gives (key, total) pairs. Example: key=lambda x: x[0], binop=lambda acc, x: acc + 1, initial=0, combine=lambda a, b: a + b',
  inputs: ['bag'],
  output: 'bag',
  params: [
    { name: 'key', type: 'callable', required: true, doc: 'The group of an element: a function, or an index/key to select.' },
    { name: 'binop', type: 'callable', required: true, doc: 'binop(total, element) -> new total.' },
    { name: 'initial', type: 'python', required: false, default: null, nullable: true, doc: 'Starting total of each group per partition (Python source, e.g. 0); without it the first element starts it.' },
    { name: 'combine', type: 'callable', required: false, default: null, nullable: true, doc: 'combine(total1, total2) -> total; defaults to binop.' },
    { name: 'combine_initial', type: 'python', required: false, default: null, nullable: true, doc: 'Starting total when combining partitions (Python source).' },
    { name: 'split_every', type: 'split_every', required: false, default: null, nullable: true, doc: 'How many partial results each combine step merges (default 8).' },
  ],
  build(ctx) {
    const p = ctx.params;
    const literal = (v: unknown) => (v === null || v === undefined ? null : { source: v as string });
    return reductionLayer(
      ctx,
      { kind: 'foldby', key: p.key as string, binop: p.binop as string, initial: literal(p.initial), combine: (p.combine as string | null) ?? null, combineInitial: literal(p.combine_initial) },
      (p.split_every as number | false | null) ?? 8,
      'bag',
    );
  },
};
