import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { keyFieldsRead } from '../../graph/field-usage.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';

/**
 * Splits a partition's elements into `npartitions` buckets by the hash of their group. `sizesOnly`: the groups'
 * consumers read only keys and sizes (group-size-projection.ts), so each bucket holds counts.
 */
export interface SplitSink {
  kind: 'split';
  nodeId: string;
  grouper: string;
  npartitions: number;
  sizesOnly?: boolean;
}

/**
 * An output partition of a groupby: the buckets in `deps` merged group by group, as (key, [elements]) pairs.
 * `sizesOnly`: the buckets hold counts, and each group's list has the right length but no elements.
 */
export interface GroupsSource {
  kind: 'groups';
  sizesOnly?: boolean;
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    split: SplitSink;
  }
  interface SourceKinds {
    groups: GroupsSource;
  }
}

/**
 * `Bag.groupby(grouper, npartitions=None)`: a full shuffle. Every input partition splits its elements into one bucket
 * per output partition by the hash of their group, each bucket a result of its own (so it can be spilled, sent and
 * released on its own); output partition j gathers bucket j of every split and yields `(key, [elements])` pairs.
 * Elements keep their input order within a group.
 */
export const groupby: OpDefinition = {
  collection: 'bag',
  name: 'groupby',
  group: 'shuffle',
  doc: 'Group elements by a key function: a bag of (key, [elements]) pairs. Needs a full shuffle; prefer foldby when you only need a total per group.',
  inputs: ['bag'],
  output: 'bag',
  params: [
    { name: 'grouper', type: 'key', required: true, doc: 'The group of an element, e.g. lambda x: x % 2, or an index/key to select.' },
    { name: 'npartitions', type: 'int', required: false, default: null, nullable: true, min: 1, doc: 'Partitions of the result; defaults to the input\'s.' },
  ],
  python: { call: 'method', positional: ['grouper'], hashesInWorkers: true },
  // A split that moves counts (group-size-projection.ts) reads of each element only what its grouper reads; one that
  // moves the elements needs them whole.
  fieldUse: { sinks: { split: { fieldsRead: (sink) => (sink.sizesOnly ? keyFieldsRead(sink.grouper) : null) } } },
  build(ctx) {
    const input = inputBag(ctx);
    const nodeId = ctx.node.id;
    const nout = (ctx.params.npartitions as number | null) ?? input.npartitions;
    // A shuffle reads a piece of every input partition into every output one.
    checkLayerBeforeBuild(ctx.node, { partitions: nout, tasks: input.npartitions + nout, deps: input.npartitions * nout });
    const splitLayer = `${ctx.name}-split`;
    const tasks: TaskSpec[] = [];
    const bucket = (i: number, j: number) => `${splitLayer}:${i}.${j}`;
    for (let i = 0; i < input.npartitions; i++) {
      const sink: SplitSink = { kind: 'split', nodeId, grouper: ctx.params.grouper as string, npartitions: nout };
      const split = chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], sink, splitLayer);
      split.produces = Array.from({ length: nout }, (_, j) => bucket(i, j));
      tasks.push(split);
    }
    for (let j = 0; j < nout; j++) {
      const deps = Array.from({ length: input.npartitions }, (_, i) => bucket(i, j));
      // A chain, so that what reads the groups (a map over them, a count) fuses into the task that gathers them.
      tasks.push(chainTask(ctx, j, deps, { kind: 'groups' }, []));
    }
    return { collection: { kind: 'bag', nodeId, name: ctx.name, npartitions: nout }, tasks };
  },
};
