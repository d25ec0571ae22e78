import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';

/** `Bag.map(func)`: apply `func` to every element. */
export const map: OpDefinition = {
  op: 'bag.map',
  group: 'transform',
  doc: 'Apply a function to every element. Example: lambda x: x.split(",")',
  inputs: ['bag'],
  output: 'bag',
  params: [{ name: 'func', type: 'callable', required: true, doc: 'A lambda, a function from the pipeline functions, or a builtin such as len.' }],
  build: (ctx) => elementwiseLayer(ctx, [{ kind: 'map', nodeId: ctx.node.id, func: ctx.params.func as string }]),
};
