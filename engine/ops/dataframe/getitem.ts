import type { OpDefinition } from '../op-definition.js';
import { inputOf, partitionwiseLayer } from '../layer-builders.js';
import type { Label, SeriesMeta } from '../../dataframe/frame.js';
import { getitemMeta } from '../../dataframe/kernels/getitem.js';
import { WeftError } from '../../errors.js';
import { nodeError } from './read-csv.js';

/** One column taken from each partition. */
export interface GetitemStage {
  kind: 'dataframe-getitem';
  nodeId: string;
  key: Label;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-getitem': GetitemStage;
  }
}

/**
 * `df[key]` for one column name: the column as a Series in each partition. A minimal form that lets the series
 * reductions run on many partitions; the full op (a list of names giving a frame) is wired elsewhere and replaces it.
 */
export const getitem: OpDefinition = {
  collection: 'dataframe',
  name: 'getitem',
  group: 'transform',
  doc: 'One column as a Series: df[key].',
  inputs: ['dataframe'],
  output: 'series',
  params: [{ name: 'key', type: 'json', required: true, doc: 'A column name.' }],
  python: { call: 'method', positional: ['key'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const key = ctx.params.key;
    if (typeof key !== 'string' && typeof key !== 'number') throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.getitem): key must be one column name here`, { nodeId });
    let meta: SeriesMeta;
    try {
      meta = getitemMeta(input.meta, key) as SeriesMeta;
    } catch (e) {
      nodeError(e, nodeId, 'dataframe.getitem');
    }
    return partitionwiseLayer(ctx, input, [{ kind: 'dataframe-getitem', nodeId, key }], { kind: 'series', nodeId, name: ctx.name, npartitions: input.npartitions, meta, divisions: input.divisions });
  },
};
