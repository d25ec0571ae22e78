import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import { astypeFrameMeta, type AstypeArg } from '../../dataframe/kernels/astype.js';
import { partitionStepLayer } from './partition-step.js';

/** `df.astype(dtype)` on each partition. */
export interface AstypeStage {
  kind: 'dataframe-astype';
  nodeId: string;
  dtype: AstypeArg;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-astype': AstypeStage;
  }
}

/** `df.astype(dtype)`: every column (or those a dict names) cast, with pandas' casting rules and errors. */
export const astype: OpDefinition = {
  collection: 'dataframe',
  name: 'astype',
  group: 'transform',
  doc: "Cast columns to a dtype: one name for all ('float64', 'int64', 'bool', 'object', 'str'), or a dict of column name to dtype.",
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [{ name: 'dtype', type: 'json', required: true, doc: "A dtype name, or a dict such as {\"src_bytes\": \"float64\"}." }],
  python: { call: 'method', positional: ['dtype'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const dtype = ctx.params.dtype as AstypeArg;
    return partitionStepLayer(ctx, input, { kind: 'dataframe-astype', nodeId: ctx.node.id, dtype }, () => astypeFrameMeta(input.meta, dtype));
  },
};
