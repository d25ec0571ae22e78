import type { BuildContext, BuiltLayer, OpDefinition } from '../op-definition.js';
import { inputOf, partitionwiseLayer } from '../layer-builders.js';
import { partitionwiseCollection } from './partition-step.js';

function persistLayer(ctx: BuildContext): BuiltLayer {
  const input = inputOf(ctx, ctx.inputs[0]?.kind === 'series' ? 'series' : 'dataframe');
  return { ...partitionwiseLayer(ctx, input, [], partitionwiseCollection(ctx, input, input.meta)), materialize: true };
}

/** `df.persist()`: compute the partitions once and keep them for every consumer. */
export const persist: OpDefinition = {
  collection: 'dataframe',
  name: 'persist',
  group: 'output',
  doc: 'Compute this DataFrame once and keep its partitions, so that every node reading it reuses them instead of recomputing.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [],
  python: { call: 'method', positional: [] },
  build: persistLayer,
};

/** `s.persist()`: as {@link persist}, for a Series. */
export const seriesPersist: OpDefinition = {
  ...persist,
  collection: 'series',
  doc: 'Compute this Series once and keep its partitions, so that every node reading it reuses them instead of recomputing.',
  inputs: ['series'],
  output: 'series',
};
