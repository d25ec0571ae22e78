import path from 'node:path';
import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask, inputOf, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { pyStr } from '../../values/repr.js';
import { checkOutputTargets } from '../../io/output-targets.js';
import { lookupCodec, type CodecName } from '../../io/text-codecs.js';

/**
 * Writes the partitions pushed to it as one CSV file at `path` (under a partial name until the run commits), the
 * header with the first one only when `header` is set.
 */
export interface WriteCsvSink {
  kind: 'write-csv';
  nodeId: string;
  path: string;
  index: boolean;
  header: boolean;
  encoding: CodecName;
}

/** Pushes the partitions of its dependencies in order, for the one task writing a single file. */
export interface PartitionsSource {
  kind: 'frame-partitions';
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    'write-csv': WriteCsvSink;
  }
  interface SourceKinds {
    'frame-partitions': PartitionsSource;
  }
}

/**
 * `df.to_csv(filename, single_file=False, name_function=None, encoding='utf-8', index=True)`: one file per partition
 * ('*' in the name becomes the partition number, zero-padded as fsspec pads it, or name_function's text; a name
 * without '*' is a folder of 0.part, 1.part, ...), each with its header row, or with single_file one file, the header
 * once. The targets are checked before anything runs and the files are committed all or nothing when the run succeeds
 * (io/commit-outputs.ts). The node's value is the list of paths written, as Dask returns it.
 */
export const toCsv: OpDefinition = {
  collection: 'dataframe',
  name: 'to_csv',
  group: 'output',
  doc: "Write CSV files, as pandas writes them: one per partition (out/part-*.csv: '*' becomes the partition number), or one file with single_file. Gives the list of files written.",
  inputs: ['dataframe'],
  output: 'item',
  params: [
    { name: 'filename', type: 'paths', required: true, doc: 'Where to write: out/part-*.csv, a folder, a list of one path per partition, or with single_file one file; relative to the pipeline file.' },
    { name: 'single_file', type: 'bool', required: false, default: false, doc: 'Write every partition into one file, one after the other.' },
    { name: 'name_function', type: 'callable', required: false, default: null, nullable: true, doc: "Turns a partition number into the text that replaces '*'." },
    { name: 'encoding', type: 'encoding', required: false, default: 'utf-8', doc: "Text encoding: 'utf-8', 'latin-1' or 'ascii'." },
    { name: 'index', type: 'bool', required: false, default: true, doc: "Write the index as the first column (pandas' default), its header cell the index name or empty." },
  ],
  // Dask writes at once unless told compute=False; the exported script then writes with every other output.
  python: { call: 'method', positional: ['filename', 'single_file'], lazyKeyword: 'compute=False' },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const nodeId = ctx.node.id;
    const op = 'dataframe.to_csv';
    const p = ctx.params;
    const n = input.npartitions;
    const filename = p.filename as string | string[];
    const index = p.index as boolean;
    const encoding = lookupCodec(p.encoding as string) ?? 'utf-8';
    const tasks: TaskSpec[] = [];
    const writeLayer = `${ctx.name}-write`;
    if (p.single_file) {
      if (Array.isArray(filename)) throw new WeftError('BAD_PARAM', `node '${nodeId}' (${op}): single_file takes one path`, { nodeId });
      if (p.name_function !== null) throw new WeftError('BAD_PARAM', `node '${nodeId}' (${op}): ValueError: name_function is not supported under the single file mode`, { nodeId });
      const target = path.resolve(ctx.baseDir, filename);
      checkOutputTargets(nodeId, op, [target], ctx.fs);
      const deps = Array.from({ length: n }, (_, i) => taskKey(input.name, i));
      tasks.push(chainTask(ctx, 0, deps, { kind: 'frame-partitions' }, [], { kind: 'write-csv', nodeId, path: target, index, header: true, encoding }, writeLayer));
    } else {
      let targets: string[];
      if (Array.isArray(filename)) {
        if (filename.length !== n) throw new WeftError('BAD_PARAM', `node '${nodeId}' (${op}): ${filename.length} paths given for ${n} partitions`, { nodeId });
        targets = filename.map((file) => path.resolve(ctx.baseDir, file));
      } else {
        const pattern = filename.includes('*') ? filename : path.join(filename, '*.part');
        // fsspec's build_name_function: numbers zero-padded to the width of the largest one.
        const width = Math.ceil(Math.log10(n - 1 + 1e-8));
        const name = (i: number) => (p.name_function ? pyStr(ctx.evaluate(`(${p.name_function as string})(${i})`)) : String(i).padStart(width, '0'));
        targets = Array.from({ length: n }, (_, i) => path.resolve(ctx.baseDir, pattern.replace('*', name(i))));
      }
      checkOutputTargets(nodeId, op, targets, ctx.fs);
      targets.forEach((target, i) => {
        tasks.push(chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], { kind: 'write-csv', nodeId, path: target, index, header: true, encoding }, writeLayer));
      });
    }
    tasks.push({ key: taskKey(ctx.name, 0), layer: ctx.name, nodeIds: [nodeId], partition: 0, deps: tasks.map((t) => t.key), work: { kind: 'gather', nodeId } });
    return { collection: { kind: 'item', nodeId, name: ctx.name }, tasks };
  },
};
