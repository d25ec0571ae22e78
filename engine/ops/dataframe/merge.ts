import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import type { FrameMeta } from '../../dataframe/frame.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { mergeMeta, mergePlan, resolveMergeKeys, type MergeOptions } from '../../dataframe/shuffle/merge.js';
import { hashShuffleTasks } from './frame-shuffle.js';
import { nodeError } from './read-csv.js';
import { WeftError } from '../../errors.js';
import { pyRepr } from '../../values/repr.js';

/** One output partition of a merge: pandas' merge of the left partition (deps[0]) with the right one (deps[1]). */
export interface FrameMergeSource {
  kind: 'frame-merge';
  nodeId: string;
  options: MergeOptions;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    'frame-merge': FrameMergeSource;
  }
}

/** The merge's keywords as dataframe/shuffle/merge.ts takes them (Dask's None as absent). */
function mergeOptions(params: Record<string, unknown>): MergeOptions {
  const options: MergeOptions = { how: params.how as MergeOptions['how'] };
  for (const name of ['on', 'left_on', 'right_on', 'suffixes'] as const) {
    if (params[name] !== null && params[name] !== undefined) (options as Record<string, unknown>)[name] = params[name];
  }
  return options;
}

/**
 * `dd.merge(left, right, how=, on=, left_on=, right_on=, suffixes=)` with Dask 2022.12's plan (multi.py `merge`):
 * a side with one partition is broadcast to every partition of the other (`single_partition_join`, inner/left with
 * the right one, inner/right with the left); otherwise a hash join: both sides shuffled on their keys into
 * `max(npartitions)` partitions (split and collect tasks per side), then partition i of each merged. Divisions are
 * unknown. Row order within a partition follows Dask's task shuffle.
 */
export const merge: OpDefinition = {
  collection: 'dataframe',
  name: 'merge',
  group: 'combine',
  doc: "Join two DataFrames on key columns, as pandas' merge: how='inner' (default), 'left', 'right' or 'outer'; on= names the shared key columns (default: every column they share), or left_on=/right_on= one side's each. When one side has one partition it is sent to every partition of the other; otherwise both are shuffled on the keys.",
  inputs: ['dataframe', 'dataframe'],
  output: 'dataframe',
  params: [
    { name: 'how', type: 'string', required: false, default: 'inner', choices: ['inner', 'left', 'right', 'outer'], doc: 'Which rows without a partner are kept: none (inner), the left\'s, the right\'s, or both (outer).' },
    { name: 'on', type: 'json', columns: 'left', required: false, default: null, nullable: true, doc: 'Key column name(s) both sides have.' },
    { name: 'left_on', type: 'json', columns: 'left', required: false, default: null, nullable: true, doc: 'Key column name(s) of the left side.' },
    { name: 'right_on', type: 'json', columns: 'right', required: false, default: null, nullable: true, doc: 'Key column name(s) of the right side.' },
    { name: 'suffixes', type: 'json', required: false, default: ['_x', '_y'], doc: 'Appended to the other column names both sides share: [left suffix, right suffix].' },
  ],
  python: { call: 'function', positional: [] },
  build(ctx) {
    const left = inputOf(ctx, 'dataframe', 0);
    const right = inputOf(ctx, 'dataframe', 1);
    const nodeId = ctx.node.id;
    const suffixes = ctx.params.suffixes;
    if (!Array.isArray(suffixes) || suffixes.length !== 2 || !suffixes.every((x) => x === null || typeof x === 'string')) {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.merge): suffixes must be two strings (or None), as [left, right], not ${pyRepr(suffixes)}`, { nodeId });
    }
    for (const name of ['on', 'left_on', 'right_on']) {
      const keys = ctx.params[name];
      const isLabel = (k: unknown): boolean => typeof k === 'string' || typeof k === 'number';
      if (keys !== null && !isLabel(keys) && !(Array.isArray(keys) && keys.every(isLabel))) {
        throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.merge): ${name} must be a column name or a list of them, not ${pyRepr(keys)}`, { nodeId });
      }
    }
    const options = mergeOptions(ctx.params);
    let meta: FrameMeta;
    let keys;
    try {
      meta = mergeMeta(left.meta, right.meta, options, nodeId);
      keys = resolveMergeKeys(left.meta.columns.map((c) => c.name), right.meta.columns.map((c) => c.name), options, nodeId);
    } catch (e) {
      nodeError(e, nodeId, 'dataframe.merge');
    }
    const plan = mergePlan(left.npartitions, right.npartitions, keys.how);
    const source: FrameMergeSource = { kind: 'frame-merge', nodeId, options };
    const tasks: TaskSpec[] = [];
    if (plan.kind === 'single-partition-join') {
      for (let i = 0; i < plan.npartitions; i++) {
        const deps = plan.broadcast === 'right' ? [taskKey(left.name, i), taskKey(right.name, 0)] : [taskKey(left.name, 0), taskKey(right.name, i)];
        tasks.push(chainTask(ctx, i, deps, source, []));
      }
    } else {
      const leftLayer = `${ctx.name}-shuffle-left`;
      const rightLayer = `${ctx.name}-shuffle-right`;
      tasks.push(...hashShuffleTasks(ctx, left, keys.leftOn, plan.npartitions, leftLayer));
      tasks.push(...hashShuffleTasks(ctx, right, keys.rightOn, plan.npartitions, rightLayer));
      for (let i = 0; i < plan.npartitions; i++) tasks.push(chainTask(ctx, i, [taskKey(leftLayer, i), taskKey(rightLayer, i)], source, []));
    }
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: plan.npartitions, meta, divisions: null }, tasks };
  },
};
