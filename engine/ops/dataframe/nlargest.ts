/**
 * `df.nlargest(n, columns)` / `df.nsmallest(n, columns)` and `s.nlargest(n)` / `s.nsmallest(n)`: pandas' method on
 * each partition, then on the concatenated results of each combine (Dask's `aca`, split_every 8 by default). The
 * result keeps the input's meta; a bad column fails when computed, as in Dask.
 */
import type { OpDefinition } from '../op-definition.js';
import { inputOf, treeShapeLayer } from '../layer-builders.js';
import type { Label } from '../../dataframe/frame.js';
import { dataframeTreeShape } from '../../dataframe/aggregate/tree.js';
import type { SelectMethod } from '../../dataframe/aggregate/nlargest.js';
import { selectNMeta } from '../../dataframe/aggregate/nlargest.js';
import { frameOf, seriesOf, splitEveryOf, splitEveryParam } from './reduced-collection.js';

/** A selection of the n largest or smallest rows, as plain data. */
export interface SelectNSpec {
  kind: 'dataframe-select-n';
  method: SelectMethod;
  n: number;
  /** The frame's sort columns; null for a Series. */
  columns: Label | Label[] | null;
}

declare module '../../graph/reducer-spec.js' {
  interface ReducerKinds {
    'dataframe-select-n': SelectNSpec;
  }
}

const nParam = { name: 'n', type: 'int', required: false, default: 5, doc: 'How many rows.' } as const;
const splitEvery = splitEveryParam(null, 'How many partials each combine step merges (default 8).');

function frameOp(method: SelectMethod): OpDefinition {
  const which = method === 'nlargest' ? 'largest' : 'smallest';
  return {
    collection: 'dataframe',
    name: method,
    group: 'aggregate',
    doc: `The n rows with the ${which} values of columns (ties decided by the next column), in that order.`,
    inputs: ['dataframe'],
    output: 'dataframe',
    params: [nParam, { name: 'columns', type: 'json', columns: 'input', required: true, doc: 'A column name or a list of them.' }, splitEvery],
    python: { call: 'method', positional: ['n', 'columns'] },
    build(ctx) {
      const input = inputOf(ctx, 'dataframe');
      const spec: SelectNSpec = { kind: 'dataframe-select-n', method, n: ctx.params.n as number, columns: ctx.params.columns as Label | Label[] };
      return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, splitEveryOf(ctx)), frameOf(ctx, selectNMeta(input.meta)));
    },
  };
}

function seriesOp(method: SelectMethod): OpDefinition {
  const which = method === 'nlargest' ? 'largest' : 'smallest';
  return {
    collection: 'series',
    name: method,
    group: 'aggregate',
    doc: `The n ${which} values with their index labels, in that order.`,
    inputs: ['series'],
    output: 'series',
    params: [nParam, splitEvery],
    python: { call: 'method', positional: ['n'] },
    build(ctx) {
      const input = inputOf(ctx, 'series');
      const spec: SelectNSpec = { kind: 'dataframe-select-n', method, n: ctx.params.n as number, columns: null };
      return treeShapeLayer(ctx, input, spec, dataframeTreeShape(input.npartitions, splitEveryOf(ctx)), seriesOf(ctx, selectNMeta(input.meta)));
    },
  };
}

export const frameNlargest = frameOp('nlargest');
export const frameNsmallest = frameOp('nsmallest');
export const seriesNlargest = seriesOp('nlargest');
export const seriesNsmallest = seriesOp('nsmallest');
