import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import type { DType, FrameMeta, Label } from '../../dataframe/frame.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { concatPlan, type ConcatPlan } from '../../dataframe/shuffle/concat.js';
import { divisionsList, recordedDivisions } from './frame-shuffle.js';
import { nodeError } from './read-csv.js';

/** A partition of one input of a concat, cast to the meta's dtypes and (when its schema differs) aligned to it. */
export interface ConcatStage {
  kind: 'dataframe-concat';
  nodeId: string;
  meta: FrameMeta;
  casts: Array<{ name: Label; dtype: DType }>;
  padWithMeta: boolean;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-concat': ConcatStage;
  }
}

/** The stage of an input of `plan`, or none when the input's partitions pass as they are. */
function stageOf(plan: ConcatPlan, input: number, nodeId: string): ConcatStage[] {
  const { casts, padWithMeta } = plan.inputs[input];
  return casts.length || padWithMeta ? [{ kind: 'dataframe-concat', nodeId, meta: plan.meta, casts, padWithMeta }] : [];
}

/**
 * `dd.concat([df1, df2, ...])` along rows (multi.py `stack_partitions`): the inputs' partitions one after the other,
 * each task reading one input partition; the meta is pandas' concat of the inputs' metas. Divisions stay known when
 * every input's are and they follow on.
 */
export const concat: OpDefinition = {
  collection: 'dataframe',
  name: 'concat',
  group: 'combine',
  doc: "Stack DataFrames: the partitions of the first, then of the second, and so on. Columns are the union of the inputs' (a column an input lacks is NaN there), dtypes widened as pandas' concat widens them.",
  inputs: ['dataframe*'],
  output: 'dataframe',
  params: [],
  python: { call: 'function', positional: [], inputs: 'list' },
  build(ctx) {
    const nodeId = ctx.node.id;
    const inputs = ctx.inputs.map((_, index) => inputOf(ctx, 'dataframe', index));
    let plan: ConcatPlan;
    try {
      plan = concatPlan(inputs.map((input) => ({ meta: input.meta, npartitions: input.npartitions, divisions: divisionsList(input) })), nodeId);
    } catch (e) {
      nodeError(e, nodeId, 'dataframe.concat');
    }
    const tasks: TaskSpec[] = plan.parts.map(({ input, partition }, i) =>
      chainTask(ctx, i, [taskKey(inputs[input].name, partition)], { kind: 'input', index: 0 }, stageOf(plan, input, nodeId)),
    );
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: tasks.length, meta: plan.meta, divisions: recordedDivisions(plan.divisions) }, tasks };
  },
};
