import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { PyTuple } from '../../values/py-types.js';

/** Hands on the first `k` elements, then stops the chain's source. */
export interface TakeStage {
  kind: 'take';
  nodeId: string;
  k: number;
}

/** The first `k` elements of the partial takes, in order, as a tuple. */
export interface TakeFinalWork {
  kind: 'take-final';
  nodeId: string;
  k: number;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    take: TakeStage;
  }
  interface WorkKinds {
    'take-final': TakeFinalWork;
  }
}

/** `Bag.take(k, npartitions=1)`: the first k elements, as a tuple; reading stops as soon as k are found. */
export const take: OpDefinition = {
  collection: 'bag',
  name: 'take',
  group: 'output',
  doc: 'The first k elements, taken from the first npartitions partitions only (-1: all). Stops reading as soon as it has them.',
  inputs: ['bag'],
  output: 'item',
  params: [
    { name: 'k', type: 'int', required: true, min: 0, doc: 'How many elements.' },
    // No min: Dask reads all partitions for any negative npartitions, and partition 0 alone for 0.
    { name: 'npartitions', type: 'int', required: false, default: 1, doc: 'How many leading partitions to look in; -1 (any negative number) for all.' },
  ],
  python: { call: 'method', positional: ['k', 'npartitions'], lazyKeyword: 'compute=False' },
  // The script's lazy `take(k, compute=False)` computes a list; Dask's own take, and Weft, give a tuple.
  fromLazyResult: (value) => (Array.isArray(value) ? new PyTuple(value) : value),
  build(ctx) {
    const input = inputBag(ctx);
    const nodeId = ctx.node.id;
    const k = ctx.params.k as number;
    let npartitions = ctx.params.npartitions as number;
    if (npartitions <= -1) npartitions = input.npartitions;
    // Dask reads partition 0 alone for any npartitions below 2, 0 included.
    if (npartitions === 0) npartitions = 1;
    if (npartitions > input.npartitions) {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.take): only ${input.npartitions} partitions, take received ${npartitions}`, { nodeId });
    }
    const partLayer = `${ctx.name}-partial`;
    const tasks: TaskSpec[] = [];
    for (let i = 0; i < npartitions; i++) {
      tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [{ kind: 'take', nodeId, k }], { kind: 'collect' }, partLayer));
    }
    const deps = tasks.map((t) => t.key);
    tasks.push({ key: taskKey(ctx.name, 0), layer: ctx.name, nodeIds: [nodeId], partition: 0, deps, work: { kind: 'take-final', nodeId, k } });
    return { collection: { kind: 'item', nodeId, name: ctx.name }, tasks };
  },
};
