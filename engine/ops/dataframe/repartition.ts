import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { checkLayerBeforeBuild } from '../../graph/plan-limits.js';
import { repartitionPlan, type RepartitionPlan } from '../../dataframe/shuffle/repartition.js';
import { divisionsList, recordedDivisions } from './frame-shuffle.js';
import { nodeError } from './read-csv.js';

/** A partition cut into `k` pieces of near-equal row counts (Dask's `split_evenly`), each a result of its own. */
export interface SplitEvenlySink {
  kind: 'frame-split-evenly';
  k: number;
}

/**
 * An output partition made of pieces of old ones, each the rows between two index values (`boundary_slice`);
 * `dep` is the piece's old partition among the task's deps.
 */
export interface FrameDivisionPiecesSource {
  kind: 'frame-division-pieces';
  pieces: Array<{ dep: number; low: number; high: number; rightBoundary: boolean }>;
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    'frame-split-evenly': SplitEvenlySink;
  }
  interface SourceKinds {
    'frame-division-pieces': FrameDivisionPiecesSource;
  }
}

/**
 * `df.repartition(npartitions=)` (core.py `repartition_npartitions`): to fewer partitions, each output task
 * concatenates a run of consecutive inputs; to more with divisions unknown (or not numeric), each input is cut by one
 * split task into pieces, each an output partition; to more with known numeric divisions, each output task slices
 * the inputs it overlaps by index value (repartition-divisions.ts). Known divisions are kept.
 */
export const repartition: OpDefinition = {
  collection: 'dataframe',
  name: 'repartition',
  group: 'shuffle',
  doc: 'Change the number of partitions: fewer by concatenating neighbours; more by index value when the divisions are known numbers (new divisions interpolated between the old ones, repeats dropped, so possibly fewer than asked), else by cutting each partition into pieces of near-equal length. Rows keep their order.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [{ name: 'npartitions', type: 'int', required: true, min: 1, doc: 'The number of partitions wanted.' }],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const target = ctx.params.npartitions as number;
    let plan: RepartitionPlan;
    try {
      plan = repartitionPlan(divisionsList(input), target, nodeId, input.meta.index.dtypes[0]);
    } catch (e) {
      nodeError(e, nodeId, 'dataframe.repartition');
    }
    checkLayerBeforeBuild(ctx.node, { partitions: target, tasks: input.npartitions + target, deps: Math.max(input.npartitions, target) });
    const tasks: TaskSpec[] = [];
    let divisions: unknown[] | null = input.divisions;
    if (plan.kind === 'same') {
      for (let i = 0; i < input.npartitions; i++) tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, []));
    } else if (plan.kind === 'combine') {
      plan.groups.forEach(({ start, end }, i) => {
        const deps = Array.from({ length: end - start }, (_, k) => taskKey(input.name, start + k));
        tasks.push(chainTask(ctx, i, deps, { kind: 'frame-concat' }, []));
      });
      divisions = recordedDivisions(plan.divisions);
    } else if (plan.kind === 'by-divisions') {
      plan.outputs.forEach((pieces, j) => {
        const olds = [...new Set(pieces.map((p) => p.partition))];
        const source: FrameDivisionPiecesSource = { kind: 'frame-division-pieces', pieces: pieces.map(({ partition, ...p }) => ({ dep: olds.indexOf(partition), ...p })) };
        tasks.push(chainTask(ctx, j, olds.map((old) => taskKey(input.name, old)), source, []));
      });
      divisions = plan.divisions;
    } else {
      let next = 0;
      plan.nsplits.forEach((k, old) => {
        const dep = [taskKey(input.name, old)];
        if (k === 1) {
          tasks.push(chainTask(ctx, next++, dep, { kind: 'input', index: 0 }, []));
          return;
        }
        const splitter = chainTask(ctx, old, dep, { kind: 'input', index: 0 }, [], { kind: 'frame-split-evenly', k }, `${ctx.name}-split`);
        splitter.produces = Array.from({ length: k }, () => taskKey(ctx.name, next++));
        tasks.push(splitter);
      });
      divisions = null;
    }
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: plan.kind === 'split' ? target : plan.kind === 'by-divisions' ? plan.outputs.length : tasks.length, meta: input.meta, divisions }, tasks };
  },
};
