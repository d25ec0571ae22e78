import type { OpDefinition } from '../op-definition.js';
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
  params: [{ name: 'key', type: 'json', required: true, doc: 'A column name, or a list of column names.' }],
  python: { call: 'method', positional: ['key'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const key = ctx.params.key as GetitemKey;
    return partitionStepLayer(ctx, input, { kind: 'dataframe-getitem', nodeId: ctx.node.id, key }, () => getitemMeta(input.meta, key));
  },
};
