import path from 'node:path';
import type { Source, TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { parseBytes } from '../../io/parse-bytes.js';
import { blockOffsets } from '../../io/block-offsets.js';
import { matchingFiles } from '../../io/matching-files.js';
import type { FileSystemView } from '../../io/file-system-view.js';

/** A file, or a byte range of a plain one, read as lines. */
export interface TextFileSource {
  kind: 'text-file';
  /** The read_text node, which read errors name. */
  nodeId: string;
  path: string;
  compression: 'gzip' | null;
  /** Byte range of a block of a plain file (Dask's blocksize); null end reads to the end. */
  start: number;
  end: number | null;
  encoding: string;
  /** null: universal newlines (Python's text mode); otherwise split on this exact string. */
  linedelimiter: string | null;
  includePath: boolean;
}

/** Several whole files read one after the other (files_per_partition). */
export interface TextFilesSource {
  kind: 'text-files';
  nodeId: string;
  files: Array<{ path: string; compression: 'gzip' | null }>;
  encoding: string;
  linedelimiter: string | null;
  includePath: boolean;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    'text-file': TextFileSource;
    'text-files': TextFilesSource;
  }
}

/** The compressions fsspec infers from a file name (`compression='infer'`), and the one of them Weft can read. */
const INFERRED: ReadonlyMap<string, string> = new Map([
  ['.gz', 'gzip'],
  ['.bz2', 'bz2'],
  ['.xz', 'xz'],
  ['.lz4', 'lz4'],
  ['.zip', 'zip'],
]);

/**
 * How a file is compressed, as Dask decides it: `'infer'` goes by the name's extension as fsspec's `infer_compression`
 * does. A file Dask would decompress with a codec Weft lacks (bz2, xz, ...) is refused rather than read as text.
 */
export function compressionOf(file: string, compression: unknown, where: string, nodeId: string): 'gzip' | null {
  if (compression !== 'infer') return compression as 'gzip' | null;
  const inferred = INFERRED.get(path.extname(file).toLowerCase()) ?? null;
  if (inferred === null || inferred === 'gzip') return inferred;
  throw new WeftError('BAD_PARAM', `${where}: ${file} is ${inferred}-compressed (by its name, as Dask's compression='infer' reads it), which Weft cannot read or write; Weft supports only gzip (.gz) — give compression null to treat it as plain text`, { nodeId, file });
}

/** `db.read_text(urlpath, blocksize=None, ...)`: one partition per file, or per block of a plain file. */
export const readText: OpDefinition = {
  collection: 'bag',
  name: 'read_text',
  group: 'create',
  doc: 'Read lines from text files (plain or gzip); each line keeps its terminator. One partition per file, or per `blocksize` bytes of a plain file.',
  inputs: [],
  output: 'bag',
  params: [
    { name: 'urlpath', type: 'paths', required: true, doc: 'A path, a glob such as data/*.txt, or a list of them; relative to the pipeline file.' },
    { name: 'blocksize', type: 'bytes', required: false, default: null, nullable: true, min: 1, doc: 'Cut plain files into blocks of this many bytes (an int, or text like "64MB"); None keeps one partition per file.' },
    { name: 'compression', type: 'string', required: false, default: 'infer', nullable: true, choices: ['infer', 'gzip'], doc: "'infer' (gzip for .gz names), 'gzip' or None; Weft reads no other compression." },
    { name: 'encoding', type: 'encoding', required: false, default: 'utf-8', doc: "Text encoding of the files: 'utf-8', 'latin-1' or 'ascii' (Python's names and aliases)." },
    { name: 'linedelimiter', type: 'string', required: false, default: null, nullable: true, doc: 'Split lines on this string instead of universal newlines.' },
    { name: 'include_path', type: 'bool', required: false, default: false, doc: 'Yield (line, path) pairs.' },
    { name: 'files_per_partition', type: 'int', required: false, default: null, nullable: true, min: 1, doc: 'Group this many files into each partition.' },
  ],
  dataVersion(ctx) {
    return matchingFiles(ctx.params.urlpath as string | string[], ctx.baseDir, ctx.fs, '', 'bag.read_text')
      .map((file) => `${file}@${ctx.fs.version(file)}`)
      .join('|');
  },
  python: { call: 'function', positional: ['urlpath', 'blocksize', 'compression', 'encoding'] },
  build(ctx) {
    const p = ctx.params;
    const nodeId = ctx.node.id;
    const where = `node '${nodeId}' (bag.read_text)`;
    const files = matchingFiles(p.urlpath as string | string[], ctx.baseDir, ctx.fs, nodeId, 'bag.read_text');
    const encoding = p.encoding as string;
    const linedelimiter = p.linedelimiter as string | null;
    const includePath = p.include_path as boolean;
    const sources: Source[] = [];
    if (p.blocksize !== null && p.files_per_partition !== null) {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.read_text): give blocksize or files_per_partition, not both`, { nodeId });
    }
    if (p.blocksize !== null) {
      let blocksize: number;
      try {
        blocksize = parseBytes(p.blocksize as string | number);
      } catch (e) {
        throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.read_text): blocksize: ${(e as Error).message}`, { nodeId });
      }
      if (!(blocksize > 0)) throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.read_text): blocksize must be positive`, { nodeId });
      for (const file of files) {
        if (compressionOf(file, p.compression, where, nodeId) !== null) {
          throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.read_text): Cannot do chunked reads on compressed files. To read, set blocksize=None (${file} is compressed)`, { nodeId, file });
        }
        for (const block of blockOffsets(ctx.fs.size(file), blocksize)) {
          sources.push({ kind: 'text-file', nodeId, path: file, compression: null, start: block.offset, end: block.offset + block.length, encoding, linedelimiter, includePath });
        }
      }
    } else if (p.files_per_partition !== null) {
      const per = p.files_per_partition as number;
      for (let i = 0; i < files.length; i += per) {
        const group = files.slice(i, i + per).map((f) => ({ path: f, compression: compressionOf(f, p.compression, where, nodeId) }));
        sources.push({ kind: 'text-files', nodeId, files: group, encoding, linedelimiter, includePath });
      }
    } else {
      for (const file of files) {
        sources.push({ kind: 'text-file', nodeId, path: file, compression: compressionOf(file, p.compression, where, nodeId), start: 0, end: null, encoding, linedelimiter, includePath });
      }
    }
    if (sources.length === 0) {
      throw new WeftError('FILE_NOT_FOUND', `node '${nodeId}' (bag.read_text): the files matching ${JSON.stringify(p.urlpath)} are all empty`, { nodeId });
    }
    const tasks: TaskSpec[] = sources.map((source, i) => chainTask(ctx, i, [], source, []));
    return { collection: { kind: 'bag', nodeId, name: ctx.name, npartitions: tasks.length }, tasks };
  },
};
