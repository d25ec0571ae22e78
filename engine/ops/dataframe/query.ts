import type { OpDefinition } from '../op-definition.js';
import { inputOf, partitionwiseLayer } from '../layer-builders.js';
import { queryMeta } from '../../dataframe/query/query.js';
import { nodeError } from './read-csv.js';
import { QueryError } from '../../dataframe/query/query-error.js';
import { metadataInferenceFailed } from './metadata-inference.js';

/** A `query` applied to each partition as it streams by. */
export interface QueryStage {
  kind: 'dataframe-query';
  nodeId: string;
  expr: string;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-query': QueryStage;
  }
}

/** `df.query(expr)`: the rows for which a pandas expression holds, in each partition; the index labels are kept. */
export const query: OpDefinition = {
  collection: 'dataframe',
  name: 'query',
  group: 'transform',
  doc: "Keep the rows for which an expression of the columns is true, in pandas' syntax: protocol_type == 'tcp' and src_bytes > 1000; `odd name` in backticks; in/not in with lists.",
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [{ name: 'expr', type: 'string', required: true, language: 'query', doc: "The condition, in pandas' query syntax." }],
  python: { call: 'method', positional: ['expr'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const expr = ctx.params.expr as string;
    let meta;
    try {
      meta = input.meta.unknown ? input.meta : queryMeta(input.meta, expr);
    } catch (e) {
      nodeError(e instanceof QueryError ? metadataInferenceFailed('query', e) : e, nodeId, 'dataframe.query');
    }
    return partitionwiseLayer(ctx, input, [{ kind: 'dataframe-query', nodeId, expr }], { ...input, nodeId, name: ctx.name, meta });
  },
};
