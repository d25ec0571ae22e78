import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import { renameColumnsMeta, type RenameMapping } from '../../dataframe/kernels/rename.js';
import { partitionStepLayer } from './partition-step.js';

/** `df.rename(columns=mapping)` on each partition. */
export interface RenameStage {
  kind: 'dataframe-rename';
  nodeId: string;
  columns: RenameMapping;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-rename': RenameStage;
  }
}

/** `df.rename(columns=mapping)`: columns renamed; names the mapping does not list stay, unknown keys are ignored. */
export const rename: OpDefinition = {
  collection: 'dataframe',
  name: 'rename',
  group: 'transform',
  doc: 'Rename columns with a dict of old name to new name; columns not listed keep their names.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [{ name: 'columns', type: 'json', required: true, doc: 'A dict such as {"src_bytes": "bytes_in"}.' }],
  python: { call: 'method', positional: [] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const columns = ctx.params.columns as RenameMapping;
    return partitionStepLayer(ctx, input, { kind: 'dataframe-rename', nodeId: ctx.node.id, columns }, () => renameColumnsMeta(input.meta, columns));
  },
};
