import type { TaskSpec } from '../../graph/task.js';
import type { BuildContext, BuiltLayer, OpDefinition } from '../op-definition.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { partitionwiseCollection } from './partition-step.js';

/** pandas' `head(n)` of each of the leading partitions. */
export interface HeadStage {
  kind: 'dataframe-head';
  nodeId: string;
  n: number;
}

/**
 * The partial heads concatenated (empty ones left out, as Dask's `_concat` does) and cut to n rows; `safe`: Dask's
 * `safe_head`, which warns when that leaves other than n rows (all but when every partition was read).
 */
export interface HeadFinalWork {
  kind: 'dataframe-head-final';
  nodeId: string;
  n: number;
  safe: boolean;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-head': HeadStage;
  }
  interface WorkKinds {
    'dataframe-head-final': HeadFinalWork;
  }
}

/**
 * Dask's `_head(n, npartitions)`: `head(n)` of each of the first npartitions partitions (all for -1), concatenated,
 * and `head(n)` of that, as one partition; divisions from the first to the npartitions-th bound.
 */
function headLayer(ctx: BuildContext): BuiltLayer {
  const kind = ctx.inputs[0]?.kind === 'series' ? 'series' : 'dataframe';
  const input = inputOf(ctx, kind);
  const nodeId = ctx.node.id;
  const n = ctx.params.n as number;
  let npartitions = ctx.params.npartitions as number;
  if (npartitions <= -1) npartitions = input.npartitions;
  if (npartitions > input.npartitions) {
    throw new WeftError('BAD_PARAM', `node '${nodeId}' (${ctx.node.op}): ValueError: only ${input.npartitions} partitions, head received ${npartitions}`, { nodeId });
  }
  // Dask reads partition 0 alone for any npartitions below 2, 0 included.
  const read = Math.max(npartitions, 1);
  // `head` passes safe=False when it reads every partition: there is nothing more to look in.
  const safe = npartitions !== input.npartitions;
  const partLayer = `${ctx.name}-partial`;
  const tasks: TaskSpec[] = [];
  for (let i = 0; i < read; i++) {
    tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [{ kind: 'dataframe-head', nodeId, n }], { kind: 'collect' }, partLayer));
  }
  tasks.push({ key: taskKey(ctx.name, 0), layer: ctx.name, nodeIds: [nodeId], partition: 0, deps: tasks.map((t) => t.key), work: { kind: 'dataframe-head-final', nodeId, n, safe } });
  const divisions = input.divisions && [input.divisions[0], input.divisions[npartitions]];
  const collection = partitionwiseCollection(ctx, { ...input, npartitions: 1, divisions }, input.meta);
  return { collection, tasks };
}

const HEAD_PARAMS: OpDefinition['params'] = [
  { name: 'n', type: 'int', required: false, default: 5, doc: 'How many rows.' },
  // No min: Dask reads all partitions for any negative npartitions, and partition 0 alone for 0.
  { name: 'npartitions', type: 'int', required: false, default: 1, doc: 'How many leading partitions to look in; -1 for all.' },
];

/** `df.head(n=5, npartitions=1)`: the first n rows of the first npartitions partitions, as one partition. */
export const head: OpDefinition = {
  collection: 'dataframe',
  name: 'head',
  group: 'output',
  doc: 'The first n rows, looked for in the first npartitions partitions only (-1: all), as Dask does; warns when they hold fewer.',
  inputs: ['dataframe'],
  output: 'dataframe',
  params: HEAD_PARAMS,
  python: { call: 'method', positional: ['n', 'npartitions'], lazyKeyword: 'compute=False' },
  build: headLayer,
};

/** `s.head(n=5, npartitions=1)`: as {@link head}, for a Series. */
export const seriesHead: OpDefinition = {
  ...head,
  collection: 'series',
  doc: 'The first n values, looked for in the first npartitions partitions only (-1: all), as Dask does; warns when they hold fewer.',
  inputs: ['series'],
  output: 'series',
};
