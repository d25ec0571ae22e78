import path from 'node:path';
import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask, inputBag, taskKey } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { pyStr } from '../../values/repr.js';
import { checkOutputTargets } from '../../io/output-targets.js';
import { lookupCodec, type CodecName } from '../../io/text-codecs.js';
import { compressionOf } from './read-text.js';

/** Writes the partition's elements, joined by newlines, to `path` (under a partial name until the run commits). */
export interface WriteTextSink {
  kind: 'write-text';
  nodeId: string;
  path: string;
  encoding: CodecName;
  compression: 'gzip' | null;
  lastEndline: boolean;
}

/** The list of the dependencies' results, in order (the paths `to_textfiles` wrote). */
export interface GatherWork {
  kind: 'gather';
  nodeId: string;
}

declare module '../../graph/task.js' {
  interface SinkKinds {
    'write-text': WriteTextSink;
  }
  interface WorkKinds {
    gather: GatherWork;
  }
}

/**
 * `Bag.to_textfiles(path, name_function=None, ...)`: one file per partition, elements joined by newlines (Dask adds no
 * newline after the last element unless last_endline). The targets are checked before anything runs (see
 * io/output-targets.ts); files are written under temporary names and committed all or nothing only when the whole
 * run succeeds (io/commit-outputs.ts), so a failed or killed run leaves the folder as it was.
 */
export const toTextfiles: OpDefinition = {
  collection: 'bag',
  name: 'to_textfiles',
  group: 'output',
  doc: "Write one text file per partition; each element (a string) becomes a line. path is a glob like out/*.txt ('*' becomes the partition number), a folder (files 0.part, 1.part, ...) or a list of paths. Gives the list of files written.",
  inputs: ['bag'],
  output: 'item',
  params: [
    { name: 'path', type: 'paths', required: true, doc: 'Where to write: out/*.txt, a folder, or a list of paths; relative to the pipeline file.' },
    { name: 'name_function', type: 'callable', required: false, default: null, nullable: true, doc: "Turns a partition number into the text that replaces '*'." },
    { name: 'compression', type: 'string', required: false, default: 'infer', nullable: true, choices: ['infer', 'gzip'], doc: "'infer' (gzip for .gz names), 'gzip' or None; Weft writes no other compression." },
    { name: 'encoding', type: 'encoding', required: false, default: 'utf-8', doc: "Text encoding: 'utf-8', 'latin-1' or 'ascii' (Python's names and aliases)." },
    { name: 'last_endline', type: 'bool', required: false, default: false, doc: 'End the last line with a newline too.' },
  ],
  python: { call: 'method', positional: ['path', 'name_function', 'compression', 'encoding'] },
  build(ctx) {
    const input = inputBag(ctx);
    const nodeId = ctx.node.id;
    const p = ctx.params;
    const n = input.npartitions;
    let paths: string[];
    if (Array.isArray(p.path)) {
      paths = p.path as string[];
      if (paths.length !== n) throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.to_textfiles): ${paths.length} paths given for ${n} partitions`, { nodeId });
    } else {
      const pattern = (p.path as string).includes('*') ? (p.path as string) : path.join(p.path as string, '*.part');
      // fsspec's build_name_function: numbers zero-padded to the width of the largest one.
      const width = Math.ceil(Math.log10(n - 1 + 1e-8));
      const name = (i: number) => (p.name_function ? pyStr(ctx.evaluate(`(${p.name_function as string})(${i})`)) : String(i).padStart(width, '0'));
      paths = Array.from({ length: n }, (_, i) => pattern.replace('*', name(i)));
    }
    const targets = paths.map((file) => path.resolve(ctx.baseDir, file));
    checkOutputTargets(nodeId, 'bag.to_textfiles', targets, ctx.fs);
    const tasks: TaskSpec[] = targets.map((absolute, i) => {
      // Dask infers the compression from each name as read_text does: a .bz2 or .xz name is refused, never written plain.
      const compression = compressionOf(absolute, p.compression, `node '${nodeId}' (bag.to_textfiles)`, nodeId);
      const sink: WriteTextSink = { kind: 'write-text', nodeId, path: absolute, encoding: lookupCodec(p.encoding as string) ?? 'utf-8', compression, lastEndline: p.last_endline as boolean };
      return chainTask(ctx, i, [taskKey(input.name, i)], { kind: 'input', index: 0 }, [], sink, `${ctx.name}-write`);
    });
    tasks.push({ key: taskKey(ctx.name, 0), layer: ctx.name, nodeIds: [nodeId], partition: 0, deps: tasks.map((t) => t.key), work: { kind: 'gather', nodeId } });
    return { collection: { kind: 'item', nodeId, name: ctx.name }, tasks };
  },
};
