import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';

/** Hands on the items of each element, which must be iterable. */
export interface FlattenStage {
  kind: 'flatten';
  nodeId: string;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    flatten: FlattenStage;
  }
}

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
  fieldUse: {
    stages: {
      // Flattened straight into a count, only how many fields each list has matters: asking for the last field makes
      // the sparse list as long as the full one, and its holes are counted like fields.
      flatten: { fieldsRead: (_stage, { restReadsNothing }) => (restReadsNothing ? new Set([-1]) : null) },
    },
  },
  build: (ctx) => elementwiseLayer(ctx, [{ kind: 'flatten', nodeId: ctx.node.id }]),
};
