import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import type { Label } from '../../dataframe/frame.js';
import { seriesToFrameMeta } from '../../dataframe/kernels/to-frame.js';
import { partitionStepLayer } from './partition-step.js';

/** `s.to_frame(name=)` on each partition. */
export interface SeriesToFrameStage {
  kind: 'series-to-frame';
  nodeId: string;
  name: Label | null;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'series-to-frame': SeriesToFrameStage;
  }
}

/** `s.to_frame(name=None)`: a one-column DataFrame, the column named `name`, else the Series' name, else 0. */
export const seriesToFrame: OpDefinition = {
  collection: 'series',
  name: 'to_frame',
  group: 'transform',
  doc: "A DataFrame of one column: the Series, named by name (default: the Series' own name).",
  inputs: ['series'],
  output: 'dataframe',
  params: [{ name: 'name', type: 'json', required: false, default: null, nullable: true, doc: "The column's name; default the Series' name." }],
  python: { call: 'method', positional: ['name'] },
  build(ctx) {
    const input = inputOf(ctx, 'series');
    const name = ctx.params.name as Label | null;
    return partitionStepLayer(ctx, input, { kind: 'series-to-frame', nodeId: ctx.node.id, name }, () => seriesToFrameMeta(input.meta, name ?? undefined));
  },
};
