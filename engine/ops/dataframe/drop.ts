import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import type { Label } from '../../dataframe/frame.js';
import { dropColumnsMeta } from '../../dataframe/kernels/drop.js';
import { partitionStepLayer } from './partition-step.js';

/** `df.drop(columns=columns)` on each partition. */
export interface DropStage {
  kind: 'dataframe-drop';
  nodeId: string;
  columns: Label | Label[];
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-drop': DropStage;
  }
}

/** `df.drop(columns=columns)`: the frame without those columns; a name that is not a column is pandas' KeyError. */
export const drop: OpDefinition = {
  collection: 'dataframe',
  name: 'drop',
  group: 'transform',
  doc: 'Remove columns: a name or a list of names; each must be a column.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [{ name: 'columns', type: 'json', columns: 'input', required: true, doc: 'A column name, or a list of them.' }],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const columns = ctx.params.columns as Label | Label[];
    return partitionStepLayer(ctx, input, { kind: 'dataframe-drop', nodeId: ctx.node.id, columns }, () => dropColumnsMeta(input.meta, columns), 'drop_by_shallow_copy');
  },
};
