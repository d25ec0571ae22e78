import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import type { Label } from '../../dataframe/frame.js';
import { dropnaMeta } from '../../dataframe/kernels/dropna.js';
import { partitionStepLayer } from './partition-step.js';

/** `df.dropna(how=, subset=)` on each partition. */
export interface DropnaStage {
  kind: 'dataframe-dropna';
  nodeId: string;
  how: string;
  subset: Label[] | null;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-dropna': DropnaStage;
  }
}

/** `df.dropna(how='any', subset=None)`: the rows without missing values (NaN, None) in the subset's columns. */
export const dropna: OpDefinition = {
  collection: 'dataframe',
  name: 'dropna',
  group: 'transform',
  doc: "Drop rows with missing values (NaN or None): how='any' drops a row missing any of the columns, 'all' one missing all of them; subset limits the columns looked at.",
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [
    { name: 'how', type: 'string', required: false, default: 'any', choices: ['any', 'all'], doc: "'any' or 'all'." },
    { name: 'subset', type: 'json', columns: 'input', required: false, default: null, nullable: true, doc: 'The columns to look at, as a list; default all.' },
  ],
  python: { call: 'method', positional: ['how', 'subset'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const how = ctx.params.how as string;
    const subset = ctx.params.subset === null ? null : ([] as Label[]).concat(ctx.params.subset as Label | Label[]);
    return partitionStepLayer(ctx, input, { kind: 'dataframe-dropna', nodeId: ctx.node.id, how, subset }, () => dropnaMeta(input.meta, { how, subset }), 'dropna');
  },
};
