import type { OpDefinition } from '../op-definition.js';
import { inputOf, partitionwiseLayer } from '../layer-builders.js';

/** Each partition's rows as the bag's elements. */
export interface ToBagStage {
  kind: 'dataframe-to-bag';
  nodeId: string;
  index: boolean;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-to-bag': ToBagStage;
  }
}

/** `df.to_bag(index=False)`: a bag of one tuple per row (the index label first with index=True), partition for partition. */
export const toBag: OpDefinition = {
  collection: 'dataframe',
  name: 'to_bag',
  group: 'transform',
  doc: 'A Bag of the rows, each a tuple of its values (with index=True, the index label first); the partitions stay as they are.',
  inputs: ['dataframe'],
  output: 'bag',
  params: [{ name: 'index', type: 'bool', required: false, default: false, doc: 'Put the index label first in each tuple.' }],
  python: { call: 'method', positional: ['index'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    return partitionwiseLayer(ctx, input, [{ kind: 'dataframe-to-bag', nodeId, index: ctx.params.index as boolean }], { kind: 'bag', nodeId, name: ctx.name, npartitions: input.npartitions });
  },
};
