import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';

/** Cuts the partition into `n` near-equal pieces, each a result of its own (Dask's `split`, repartitioning up). */
export interface PiecesSink {
  kind: 'pieces';
  n: number;
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    pieces: PiecesSink;
  }
}

/**
 * `Bag.repartition(npartitions)`, with Dask's exact boundaries: going down, new partition i concatenates old
 * partitions [int(i*r), int((i+1)*r)) with r = old/new; going up, each old partition splits into old/new pieces and
 * the last takes the remainder. The cutting happens in the task that makes the old partition (the splitter fuses
 * into it), so each piece travels to its consumer alone instead of every consumer receiving the whole partition.
 */
export const repartition: OpDefinition = {
  collection: 'bag',
  name: 'repartition',
  group: 'shuffle',
  doc: 'Change the number of partitions, keeping the order of elements.',
  inputs: ['bag'],
  output: 'bag',
  params: [{ name: 'npartitions', type: 'int', required: true, min: 1, doc: 'The number of partitions wanted.' }],
  python: { call: 'method', positional: ['npartitions'] },
  build(ctx) {
    const input = inputBag(ctx);
    const target = ctx.params.npartitions as number;
    const n = input.npartitions;
    checkLayerBeforeBuild(ctx.node, { partitions: target, tasks: n + target, deps: Math.max(n, target) });
    const tasks: TaskSpec[] = [];
    if (target <= n) {
      const ratio = n / target;
      const bounds = Array.from({ length: target + 1 }, (_, i) => Math.trunc(i * ratio));
      if (bounds[bounds.length - 1] < n) bounds.push(n);
      for (let i = 0; i + 1 < bounds.length; i++) {
        const deps: string[] = [];
        for (let old = bounds[i]; old < bounds[i + 1]; old++) deps.push(taskKey(input.name, old));
        tasks.push(chainTask(ctx, i, deps, { kind: 'concat', inputs: deps.map((_, j) => j) }, []));
      }
    } else {
      const div = Math.trunc(target / n);
      const splits = Array.from({ length: n }, (_, i) => (i === n - 1 ? div + (target % n) : div));
      let next = 0;
      splits.forEach((pieces, old) => {
        const dep = [taskKey(input.name, old)];
        if (pieces === 1) {
          tasks.push(chainTask(ctx, next++, dep, { kind: 'input', index: 0 }, []));
          return;
        }
        const splitter = chainTask(ctx, old, dep, { kind: 'input', index: 0 }, [], { kind: 'pieces', n: pieces }, `${ctx.name}-split`);
        splitter.produces = Array.from({ length: pieces }, () => taskKey(ctx.name, next++));
        tasks.push(splitter);
      });
      return { collection: { kind: 'bag', nodeId: ctx.node.id, name: ctx.name, npartitions: next }, tasks };
    }
    return { collection: { kind: 'bag', nodeId: ctx.node.id, name: ctx.name, npartitions: tasks.length }, tasks };
  },
};
