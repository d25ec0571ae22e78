import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import { fillnaFrameMeta } from '../../dataframe/kernels/fillna.js';
import { fromJson } from '../../values/from-json.js';
import { partitionStepLayer } from './partition-step.js';

/** `df.fillna(value)` on each partition; the value as its JSON, made a Python value by the kernel. */
export interface FillnaStage {
  kind: 'dataframe-fillna';
  nodeId: string;
  value: unknown;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-fillna': FillnaStage;
  }
}

/** `df.fillna(value)`: missing values replaced by a value, or column by column with a dict. */
export const fillna: OpDefinition = {
  collection: 'dataframe',
  name: 'fillna',
  group: 'transform',
  doc: 'Replace missing values (NaN, None) with a value, or per column with a dict of column name to value.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [{ name: 'value', type: 'json', required: true, doc: 'A number, a string, or a dict such as {"duration": 0}.' }],
  python: { call: 'method', positional: ['value'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const value = ctx.params.value;
    return partitionStepLayer(ctx, input, { kind: 'dataframe-fillna', nodeId: ctx.node.id, value }, () => fillnaFrameMeta(input.meta, fromJson(value)));
  },
};
