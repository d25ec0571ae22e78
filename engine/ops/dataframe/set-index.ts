import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import type { FrameMeta, Label } from '../../dataframe/frame.js';
import { inputOf, taskKey } from '../layer-builders.js';
import { setIndexMeta } from '../../dataframe/shuffle/set-index.js';
import { divisionsShuffleTasks } from './quantile-pass.js';
import { nodeError } from './read-csv.js';
import { WeftError } from '../../errors.js';
import { pyRepr } from '../../values/repr.js';

/**
 * An output partition of set_index's shuffle: its bucket of every split (the deps) concatenated, the column made
 * the index and the rows sorted by it (`set_index_post_scalar`, then `sort_index`), one column at a time
 * (setIndexFromBuckets); `meta` (the input's) when every bucket is empty.
 */
export interface FrameBucketsIndexedSource {
  kind: 'frame-buckets-set-index';
  nodeId: string;
  column: Label;
  meta: FrameMeta;
}

/**
 * `set_index(column, sorted=True)` on all partitions at once (Dask computes the partitions' mins and maxes, then
 * moves rows at the boundaries: `fix_overlap`); produces one result per output partition.
 */
export interface SortedIndexWork {
  kind: 'frame-sorted-index';
  nodeId: string;
  column: Label;
  meta: FrameMeta;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    'frame-buckets-set-index': FrameBucketsIndexedSource;
  }
  interface WorkKinds {
    'frame-sorted-index': SortedIndexWork;
  }
}

/** Dask's one index column: a name, or a list of one name (`['a']`); several are a multi-index Dask refuses. */
function singleColumn(other: unknown, nodeId: string): Label {
  const name = Array.isArray(other) && other.length === 1 && !Array.isArray(other[0]) ? other[0] : other;
  if (typeof name === 'string' || typeof name === 'number') return name;
  throw new WeftError(
    'BAD_PARAM',
    `node '${nodeId}' (dataframe.set_index): Dask dataframe does not yet support multi-indexes.\nYou tried to index with this index: ${pyRepr(other)}\nIndexes must be single columns only.`,
    { nodeId },
  );
}

/**
 * `df.set_index(other, sorted=, npartitions=)` (shuffle.py `set_index`): the divisions pass (quantile-pass.ts), then
 * a shuffle by the divisions and, per output partition, the column made the index and sorted. npartitions defaults
 * to the input's. The divisions become known only when the pass runs, so the plan records them as unknown.
 * With sorted=True the data is taken as already in order: no quantiles, no shuffle.
 */
export const setIndex: OpDefinition = {
  collection: 'dataframe',
  name: 'set_index',
  group: 'shuffle',
  doc: 'Make a column the index, sorting the rows by it across partitions (a quantile pass picks the partition boundaries, then rows move). sorted=True when the data is already in order skips both.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: [
    { name: 'other', type: 'json', columns: 'input', required: true, doc: 'The column to make the index.' },
    { name: 'sorted', type: 'bool', required: false, default: false, doc: 'The column is already sorted across the partitions.' },
    { name: 'npartitions', type: 'int', required: false, default: null, nullable: true, min: 1, doc: "Partitions of the result; defaults to the input's." },
  ],
  python: { call: 'method', positional: ['other'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const column = singleColumn(ctx.params.other, nodeId);
    let meta: FrameMeta;
    try {
      meta = setIndexMeta(input.meta, column, nodeId);
    } catch (e) {
      nodeError(e, nodeId, 'dataframe.set_index');
    }
    if (ctx.params.sorted === true) {
      const n = input.npartitions;
      const work: SortedIndexWork = { kind: 'frame-sorted-index', nodeId, column, meta };
      const task: TaskSpec = { key: taskKey(`${ctx.name}-sorted`, 0), layer: `${ctx.name}-sorted`, nodeIds: [nodeId], partition: 0, deps: Array.from({ length: n }, (_, i) => taskKey(input.name, i)), work };
      task.produces = Array.from({ length: n }, (_, i) => taskKey(ctx.name, i));
      return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: n, meta, divisions: null }, tasks: [task] };
    }
    const npartitions = (ctx.params.npartitions as number | null) ?? input.npartitions;
    const tasks = divisionsShuffleTasks(ctx, {
      input,
      column,
      npartitions,
      op: 'set_index',
      ascending: true,
      naPosition: 'last',
      finish: [],
      collect: { kind: 'frame-buckets-set-index', nodeId, column, meta: input.meta },
    });
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions, meta, divisions: null }, tasks };
  },
};
