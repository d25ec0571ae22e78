import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';

/** `db.concat(bags)`: the partitions of every input, one after the other. */
export const concat: OpDefinition = {
  collection: 'bag',
  name: 'concat',
  group: 'combine',
  doc: 'Concatenate bags: the partitions of the first, then of the second, and so on.',
  inputs: ['bag*'],
  output: 'bag',
  params: [],
  python: { call: 'function', positional: [], inputs: 'list' },
  build(ctx) {
    const tasks: TaskSpec[] = [];
    ctx.inputs.forEach((_, index) => {
      const input = inputBag(ctx, index);
      for (let i = 0; i < input.npartitions; i++) {
        tasks.push(chainTask(ctx, tasks.length, [taskKey(input.name, i)], { kind: 'input', index: 0 }, []));
      }
    });
    return { collection: { kind: 'bag', nodeId: ctx.node.id, name: ctx.name, npartitions: tasks.length }, tasks };
  },
};
