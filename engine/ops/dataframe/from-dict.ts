import type { OpDefinition } from '../op-definition.js';
import type { TaskSpec } from '../../graph/task.js';
import { chainTask } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { fromDictPartitions } from '../../dataframe/from-pandas-partitions.js';
import { frameToLiteral } from './frame-literal.js';
import { frameMeta, type Frame } from '../../dataframe/frame.js';
import { fromJson } from '../../values/from-json.js';
import { PyDict } from '../../values/py-types.js';
import { buildError } from './partition-step.js';
import { PyException } from '../../expr/py-exception.js';
import { PandasError } from '../../dataframe/pandas-error.js';

/** One partition of `from_dict`, the frame itself in the task (see frame-literal.ts), so tasks stay plain data. */
export interface FrameLiteralSource {
  kind: 'frame-literal';
  nodeId: string;
  frame: string;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    'frame-literal': FrameLiteralSource;
  }
}

/** Dask's dispatch to its pandas backend re-raises what pandas raised, of the same type, under its own words. */
function backendError(e: unknown): unknown {
  const wrap = (pyType: string, message: string) => new PyException(pyType, `An error occurred while calling the from_dict method registered to the pandas backend.  Original Message: ${message}`);
  if (e instanceof PyException) return wrap(e.pyType, e.pyMessage);
  if (e instanceof PandasError) return wrap(e.pyType, e.pyMessage);
  return e;
}

/** `dd.from_dict(data, npartitions)`: `pd.DataFrame(data)` cut as `from_pandas` cuts it, with known divisions. */
export const fromDict: OpDefinition = {
  collection: 'dataframe',
  name: 'from_dict',
  group: 'create',
  doc: 'A DataFrame from a dict of column name to list of values, cut into npartitions partitions of consecutive rows.',
  inputs: [],
  output: 'dataframe',
  params: [
    { name: 'data', type: 'json', required: true, doc: 'A dict such as {"x": [1, 2, 3], "y": ["a", "b", "c"]}.' },
    { name: 'npartitions', type: 'int', required: true, min: 1, doc: 'How many partitions.' },
  ],
  python: { call: 'function', positional: ['data', 'npartitions'] },
  build(ctx) {
    const nodeId = ctx.node.id;
    const data = fromJson(ctx.params.data);
    if (!(data instanceof PyDict)) throw new WeftError('BAD_PARAM', `node '${nodeId}' (dataframe.from_dict): data must be a dict of column name to list`, { nodeId });
    let cut: { partitions: Frame[]; divisions: unknown[] };
    try {
      cut = fromDictPartitions(data, ctx.params.npartitions as number);
    } catch (e) {
      buildError(backendError(e), nodeId, 'dataframe.from_dict');
    }
    const tasks: TaskSpec[] = cut.partitions.map((frame, i) => chainTask(ctx, i, [], { kind: 'frame-literal', nodeId, frame: frameToLiteral(frame) }, []));
    const divisions = cut.divisions.every((d) => d === null) ? null : cut.divisions;
    const meta = frameMeta(cut.partitions[0]);
    return { collection: { kind: 'dataframe', nodeId, name: ctx.name, npartitions: tasks.length, meta, divisions }, tasks };
  },
};
