import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import { astypeSeriesMeta } from '../../dataframe/kernels/astype.js';
import { partitionStepLayer } from './partition-step.js';

/** `s.astype(dtype)` on each partition. */
export interface SeriesAstypeStage {
  kind: 'series-astype';
  nodeId: string;
  dtype: string;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'series-astype': SeriesAstypeStage;
  }
}

/** `s.astype(dtype)`: the values cast, with pandas' casting rules and errors. */
export const seriesAstype: OpDefinition = {
  collection: 'series',
  name: 'astype',
  group: 'transform',
  doc: "Cast the values to a dtype: 'float64', 'int64', 'bool', 'object' or 'str'.",
  inputs: ['series'],
  output: 'series',
  params: [{ name: 'dtype', type: 'string', required: true, doc: 'A dtype name.' }],
  python: { call: 'method', positional: ['dtype'] },
  build(ctx) {
    const input = inputOf(ctx, 'series');
    const dtype = ctx.params.dtype as string;
    return partitionStepLayer(ctx, input, { kind: 'series-astype', nodeId: ctx.node.id, dtype }, () => astypeSeriesMeta(input.meta, dtype));
  },
};
