import type { OpDefinition } from '../op-definition.js';
import type { Label } from '../../dataframe/frame.js';
import { inputOf } from '../layer-builders.js';
import { getitemMeta, type GetitemKey } from '../../dataframe/kernels/getitem.js';
import { partitionStepLayer } from './partition-step.js';

/** `df[key]` on each partition. */
export interface GetitemStage {
  kind: 'dataframe-getitem';
  nodeId: string;
  key: GetitemKey;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-getitem': GetitemStage;
  }
}

/** `df[key]`: a column name gives that column as a Series, a list of names a DataFrame of those columns. */
export const getitem: OpDefinition = {
  collection: 'dataframe',
  name: 'getitem',
  group: 'transform',
  doc: "Select columns: a name ('src_bytes') gives that column as a Series; a list of names (['protocol_type', 'src_bytes']) gives a DataFrame of them, in that order.",
  inputs: ['dataframe'],
  output: 'series',
  outputKinds: ['series', 'dataframe'],
  outputFor: (params) => (Array.isArray(params.key) ? 'dataframe' : 'series'),
  params: [{ name: 'key', type: 'json', columns: 'input', required: true, doc: 'A column name, or a list of column names.' }],
  python: { call: 'subscript', positional: ['key'] },
  // A column selection right after a reader lets it parse only those columns (Dask's optimize_dataframe_getitem).
  columnUse: { stages: { 'dataframe-getitem': (stage: GetitemStage) => (Array.isArray(stage.key) ? stage.key : [stage.key]) as Label[] } },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const key = ctx.params.key as GetitemKey;
    return partitionStepLayer(ctx, input, { kind: 'dataframe-getitem', nodeId: ctx.node.id, key }, () => getitemMeta(input.meta, key));
  },
};
