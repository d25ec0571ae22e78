import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask, elementwiseLayer, inputBag, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { readsOnlyKeyAndSize, subscriptsOfParam } from '../../graph/field-usage.js';

/** Calls `func` on each element; with `spread`, the element is a tuple of arguments (a map over several bags). */
export interface MapStage {
  kind: 'map';
  nodeId: string;
  func: string;
  spread?: boolean;
}

/** Element i of every input partition together, as the arguments of a `map` over several bags. */
export interface ZipSource {
  kind: 'zip';
  inputs: number[];
  nodeId: string;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    map: MapStage;
  }
  interface SourceKinds {
    zip: ZipSource;
  }
}

/** `Bag.map(func, *bags)`: apply `func` to every element; with several bags, to their elements side by side. */
export const map: OpDefinition = {
  collection: 'bag',
  name: 'map',
  group: 'transform',
  doc: 'Apply a function to every element. Example: lambda x: x.split(","). With several input bags (same partitioning), the function gets one element of each: lambda a, b: a + b',
  inputs: ['bag*'],
  output: 'bag',
  params: [{ name: 'func', type: 'callable', required: true, doc: 'A lambda, a function from the pipeline functions, or a builtin such as len.' }],
  python: { call: 'method', positional: ['func'] },
  // A map over several bags gets a tuple of elements, not a list.
  fieldUse: {
    stages: {
      map: {
        fieldsRead: (stage) => (stage.spread ? null : subscriptsOfParam(stage.func, 0)),
        readsOnlyGroupSizes: (stage) => !stage.spread && readsOnlyKeyAndSize(stage.func),
      },
    },
  },
  build(ctx) {
    const nodeId = ctx.node.id;
    const func = ctx.params.func as string;
    if (ctx.inputs.length === 1) return elementwiseLayer(ctx, [{ kind: 'map', nodeId, func }]);
    const bags = ctx.inputs.map((_, i) => inputBag(ctx, i));
    const n = bags[0].npartitions;
    if (bags.some((b) => b.npartitions !== n)) {
      throw new WeftError('BAD_INPUT', `node '${nodeId}' (bag.map): All bags must have the same number of partitions (got ${bags.map((b) => b.npartitions).join(', ')})`, { nodeId });
    }
    const tasks: TaskSpec[] = [];
    for (let i = 0; i < n; i++) {
      const source: ZipSource = { kind: 'zip', inputs: bags.map((_, j) => j), nodeId };
      tasks.push(chainTask(ctx, i, bags.map((b) => taskKey(b.name, i)), source, [{ kind: 'map', nodeId, func, spread: true }]));
    }
    return { collection: { kind: 'bag', nodeId, name: ctx.name, npartitions: n }, tasks };
  },
};
