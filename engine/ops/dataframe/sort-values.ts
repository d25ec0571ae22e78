import type { OpDefinition } from '../op-definition.js';
import type { Label } from '../../dataframe/frame.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { pyRepr } from '../../values/repr.js';
import { divisionsShuffleTasks } from './quantile-pass.js';

/** pandas' `sort_values(by, ascending, na_position)` of the partition streaming by. */
export interface SortPartitionStage {
  kind: 'dataframe-sort-values';
  nodeId: string;
  by: Label | Label[];
  ascending: boolean | boolean[];
  naPosition: 'first' | 'last';
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-sort-values': SortPartitionStage;
  }
}

function pyList(values: unknown[]): string {
  return '[' + values.map((v) => (typeof v === 'string' ? `'${v}'` : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v))).join(', ') + ']';
}

/**
 * `df.sort_values(by, ascending=, na_position=)` (shuffle.py `sort_values`): one partition is sorted where it is;
 * more go through the divisions pass (quantile-pass.ts), a shuffle by the divisions (reversed when descending) and
 * a sort of each output partition. Divisions are unknown. When the divisions collapse to two values Dask gathers
 * everything into one partition: Weft gathers the rows into the first and leaves the others empty.
 */
export const sortValues: OpDefinition = {
  collection: 'dataframe',
  name: 'sort_values',
  group: 'shuffle',
  doc: 'Sort the rows by a column across partitions (a quantile pass picks the partition boundaries, then rows move and each partition is sorted). Several columns only for a one-partition frame.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [
    { name: 'by', type: 'json', columns: 'input', required: true, doc: 'The column name (or, for one partition, a list of names) to sort by.' },
    { name: 'npartitions', type: 'int', required: false, default: null, nullable: true, min: 1, doc: "Partitions of the result; defaults to the input's." },
    { name: 'ascending', type: 'json', required: false, default: true, doc: 'True for smallest first; a list of one bool per column for one partition.' },
    { name: 'na_position', type: 'string', required: false, default: 'last', choices: ['first', 'last'], doc: 'Where missing values go.' },
  ],
  python: { call: 'method', positional: ['by'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const by = ctx.params.by as Label | Label[];
    const ascending = ctx.params.ascending as boolean | boolean[];
    const naPosition = ctx.params.na_position as 'first' | 'last';
    if (typeof ascending !== 'boolean' && !(Array.isArray(ascending) && ascending.every((a) => typeof a === 'boolean'))) {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.sort_values): ascending must be a bool or a list of bools, not ${pyRepr(ascending)}`, { nodeId });
    }
    const byList = Array.isArray(by) ? by : [by];
    if (byList.length === 0 && input.npartitions > 1) {
      // Dask reads `df[by[0]]`.
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.sort_values): IndexError: list index out of range`, { nodeId });
    }
    if ((byList.length > 1 && input.npartitions > 1) || byList.some((b) => typeof b !== 'string')) {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.sort_values): Dataframes only support sorting by named columns which must be passed as a string or a list of strings; multi-partition dataframes only support sorting by a single column.\nYou passed ${pyList(byList)}`, { nodeId });
    }
    for (const b of byList) {
      if (!input.meta.columns.some((c) => c.name === b)) throw new WeftError('BAD_INPUT', `node '${nodeId}' (dataframe.sort_values): KeyError: '${String(b)}'`, { nodeId });
    }
    // Sorted rows keep their labels, so the index is no longer a RangeIndex (pandas gives an Int64Index).
    const { range: _range, ...index } = input.meta.index;
    const collection = { ...input, nodeId, name: ctx.name, divisions: null, meta: { ...input.meta, index } };
    if (input.npartitions === 1) {
      const stage: SortPartitionStage = { kind: 'dataframe-sort-values', nodeId, by: byList, ascending, naPosition };
      return { collection, tasks: [chainTask(ctx, 0, [taskKey(input.name, 0)], { kind: 'input', index: 0 }, [stage])] };
    }
    const single = typeof ascending === 'boolean' ? ascending : ascending.length === 1 ? ascending[0] : true;
    const stage: SortPartitionStage = { kind: 'dataframe-sort-values', nodeId, by: byList[0], ascending: single, naPosition };
    const npartitions = (ctx.params.npartitions as number | null) ?? input.npartitions;
    const tasks = divisionsShuffleTasks(ctx, { input, column: byList[0], npartitions, op: 'sort_values', ascending, naPosition, finish: [stage] });
    return { collection: { ...collection, npartitions }, tasks };
  },
};
