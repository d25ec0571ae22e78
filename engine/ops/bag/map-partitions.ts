import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';

/** Calls `func` on the whole partition, as a list, once it has ended. */
export interface MapPartitionsStage {
  kind: 'map_partitions';
  nodeId: string;
  func: string;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    map_partitions: MapPartitionsStage;
  }
}

/** `Bag.map_partitions(func)`: apply `func` to each whole partition (a list); its result is the new partition. */
export const mapPartitions: OpDefinition = {
  collection: 'bag',
  name: 'map_partitions',
  group: 'transform',
  doc: 'Apply a function to each partition as a whole (it receives a list and returns an iterable). Example: lambda part: [len(part)]',
  inputs: ['bag'],
  output: 'bag',
  params: [{ name: 'func', type: 'callable', required: true, doc: 'A function of a list returning a list or other iterable.' }],
  python: { call: 'method', positional: ['func'] },
  build: (ctx) => elementwiseLayer(ctx, [{ kind: 'map_partitions', nodeId: ctx.node.id, func: ctx.params.func as string }]),
};
