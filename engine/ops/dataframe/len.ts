import type { OpDefinition } from '../op-definition.js';
import { treeReductionLayer } from '../layer-builders.js';
import { WeftError } from '../../errors.js';

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    'dataframe-len': { kind: 'dataframe-len' };
  }
}

/** `len(df)`: Dask's own definition, the partitions' lengths summed in one aggregate (`split_every=False`). */
export const len: OpDefinition = {
  collection: 'dataframe',
  name: 'len',
  group: 'aggregate',
  doc: 'The number of rows.',
  inputs: ['dataframe'],
  output: 'item',
  params: [],
  python: { call: 'builtin', positional: [] },
  // Dask's DataFrame.__len__ counts the first column (`self.iloc[:, 0]`), so a reader reads only that one.
  columnUse: { reducers: { 'dataframe-len': () => 'first' } },
  build(ctx) {
    const input = ctx.inputs[0];
    if (!input || !('npartitions' in input) || input.kind === 'bag') {
      throw new WeftError('BAD_INPUT', `node '${ctx.node.id}' (dataframe.len) needs a DataFrame as input 1`, { nodeId: ctx.node.id });
    }
    return treeReductionLayer(ctx, input, { kind: 'dataframe-len' }, false, { kind: 'item', nodeId: ctx.node.id, name: ctx.name });
  },
};
