import type { OpDefinition } from '../op-definition.js';
import type { TaskSpec } from '../../graph/task.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import type { DType, FrameMeta, Label } from '../../dataframe/frame.js';
import { astypeTarget } from '../../dataframe/kernels/astype.js';
import { buildError, unknownMeta } from '../dataframe/partition-step.js';
import { bagToDataFrameMeta } from '../../dataframe/bag-to-dataframe.js';
import type { TakeStage } from './take.js';

/**
 * One partition of `to_dataframe`: its elements as rows cast to `meta`; without a meta (the plan could not compute
 * the bag's first element), the meta is inferred from the first element of the bag's first partition, which is then
 * the task's first dependency.
 */
export interface BagToFrameSource {
  kind: 'bag-to-frame';
  nodeId: string;
  meta: FrameMeta | null;
  columns: Label[] | null;
  /** Whether the first dependency is the bag's first partition, read for the meta only. */
  metaFromFirst: boolean;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    'bag-to-frame': BagToFrameSource;
  }
}

/** Dask's `make_meta` of a `{name: dtype}` dict or a list of `[name, dtype]` pairs. */
function metaOfParam(meta: unknown): FrameMeta {
  const pairs: Array<[Label, unknown]> = Array.isArray(meta) ? (meta as Array<[Label, unknown]>) : Object.entries(meta as Record<string, unknown>);
  const columns = pairs.map(([name, dtype]) => {
    if (typeof dtype !== 'string') throw new WeftError('BAD_PARAM', `meta: the dtype of ${JSON.stringify(name)} must be a dtype name`);
    const target = astypeTarget(dtype);
    return { name, dtype: (target === 'str' ? 'object' : target) as DType };
  });
  return { kind: 'frame', columns, index: { dtypes: ['int64'], names: [null], range: true } };
}

/**
 * `Bag.to_dataframe(meta=None, columns=None)`: one partition per bag partition, each its elements (tuples, dicts or
 * scalars) as rows. Dask infers a missing meta at graph-build time by computing the bag's first element
 * (`self.take(1, warn=False)`, as lazily as a fused chain allows), and so does Weft's plan: a `take` of one element
 * of partition 0, computed now (BuildContext.computeNow), gives the columns and dtypes, and every task casts to them
 * as with a meta given. Only when the plan cannot run tasks (a compile without a runner) does each task infer the
 * meta from the first partition itself (one more dependency), the schema then unknown until the data exists.
 */
export const toDataframe: OpDefinition = {
  collection: 'bag',
  name: 'to_dataframe',
  group: 'transform',
  doc: "A DataFrame of the bag's elements: tuples (columns 0, 1, ... or named by columns), dicts (their keys name the columns) or scalars. Give meta ({name: dtype}) to fix the schema; without it the first element decides the dtypes.",
  inputs: ['bag'],
  output: 'dataframe',
  params: [
    { name: 'meta', type: 'json', required: false, default: null, nullable: true, doc: 'The columns and dtypes, as a dict such as {"x": "int64", "y": "object"}.' },
    { name: 'columns', type: 'json', required: false, default: null, nullable: true, doc: 'Column names, as a list: names for tuple elements, or the order (and selection) of dict keys.' },
  ],
  python: { call: 'method', positional: ['meta', 'columns'] },
  build(ctx) {
    const input = inputBag(ctx);
    const nodeId = ctx.node.id;
    const columns = ctx.params.columns as Label[] | null;
    let meta: FrameMeta | null = null;
    if (ctx.params.meta !== null) {
      if (columns !== null) throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.to_dataframe): ValueError: Can't specify both \`meta\` and \`columns\``, { nodeId });
      try {
        meta = metaOfParam(ctx.params.meta);
      } catch (e) {
        buildError(e, nodeId, 'bag.to_dataframe');
      }
    }
    if (meta === null) {
      const probe = chainTask(ctx, 0, [taskKey(input.name, 0)], { kind: 'input', index: 0 }, [{ kind: 'take', nodeId, k: 1 } satisfies TakeStage], { kind: 'collect' }, `${ctx.name}-meta`);
      const head = ctx.computeNow(probe, `computing the first element of '${ctx.node.inputs![0]}' to learn the columns`) as unknown[] | undefined;
      if (head !== undefined) {
        try {
          meta = bagToDataFrameMeta(head, columns ?? undefined);
        } catch (e) {
          buildError(e, nodeId, 'bag.to_dataframe');
        }
      }
    }
    const tasks: TaskSpec[] = [];
    for (let i = 0; i < input.npartitions; i++) {
      const metaFromFirst = meta === null && i > 0;
      const deps = metaFromFirst ? [taskKey(input.name, 0), taskKey(input.name, i)] : [taskKey(input.name, i)];
      tasks.push(chainTask(ctx, i, deps, { kind: 'bag-to-frame', nodeId, meta, columns, metaFromFirst }, []));
    }
    const collectionMeta = meta ?? (unknownMeta('frame') as FrameMeta);
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: input.npartitions, meta: collectionMeta, divisions: null }, tasks };
  },
};
