import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import { seriesIsinMeta } from '../../dataframe/kernels/isin.js';
import { fromJson } from '../../values/from-json.js';
import { partitionStepLayer } from './partition-step.js';

/** `s.isin(values)` on each partition. */
export interface SeriesIsinStage {
  kind: 'series-isin';
  nodeId: string;
  values: unknown;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'series-isin': SeriesIsinStage;
  }
}

/** `s.isin(values)`: a bool Series, true where the value is among `values` (by Python equality). */
export const seriesIsin: OpDefinition = {
  collection: 'series',
  name: 'isin',
  group: 'transform',
  doc: "True where the value is one of a list: ['tcp', 'udp'].",
  inputs: ['series'],
  output: 'series',
  params: [{ name: 'values', type: 'json', required: true, doc: 'A list of values.' }],
  python: { call: 'method', positional: ['values'] },
  build(ctx) {
    const input = inputOf(ctx, 'series');
    const values = ctx.params.values;
    return partitionStepLayer(ctx, input, { kind: 'series-isin', nodeId: ctx.node.id, values }, () => seriesIsinMeta(input.meta, fromJson(values)));
  },
};
