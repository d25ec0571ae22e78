import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';

/** Every (a, b) pair of an element of input `left` and one of input `right`. */
export interface ProductSource {
  kind: 'product';
  left: number;
  right: number;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    product: ProductSource;
  }
}

/** `Bag.product(other)`: the Cartesian product; partition i*m+j pairs partition i of self with partition j of other. */
export const product: OpDefinition = {
  collection: 'bag',
  name: 'product',
  group: 'combine',
  doc: 'Cartesian product of two bags: every (a, b) pair. Has n*m partitions for inputs of n and m partitions.',
  inputs: ['bag', 'bag'],
  output: 'bag',
  params: [],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const left = inputBag(ctx, 0);
    const right = inputBag(ctx, 1);
    checkLayerBeforeBuild(ctx.node, { tasks: left.npartitions * right.npartitions, deps: 2 * left.npartitions * right.npartitions });
    const tasks: TaskSpec[] = [];
    for (let i = 0; i < left.npartitions; i++) {
      for (let j = 0; j < right.npartitions; j++) {
        tasks.push(chainTask(ctx, i * right.npartitions + j, [taskKey(left.name, i), taskKey(right.name, j)], { kind: 'product', left: 0, right: 1 }, []));
      }
    }
    return { collection: { kind: 'bag', nodeId: ctx.node.id, name: ctx.name, npartitions: tasks.length }, tasks };
  },
};
