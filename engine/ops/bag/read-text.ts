import path from 'node:path';
import type { Source, TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { parseBytes } from '../../io/parse-bytes.js';
import { blockOffsets } from '../../io/block-offsets.js';
import type { FileSystemView } from '../../io/file-system-view.js';

function compressionOf(file: string, compression: unknown, nodeId: string): 'gzip' | null {
  const name = compression === 'infer' ? (file.endsWith('.gz') ? 'gzip' : null) : (compression as string | null);
  if (name === null || name === 'gzip') return name;
  throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.read_text): compression '${name}' is not supported; use 'gzip', 'infer' or null`, { nodeId, file });
}

/** The files a urlpath names, in order; none matching a pattern is an error naming the node and the pattern. */
function matchingFiles(urlpath: string | string[], baseDir: string, fs: FileSystemView, nodeId = ''): string[] {
  const patterns = Array.isArray(urlpath) ? urlpath : [urlpath];
  // As fsspec does: a lone path is a glob only if it has '*'; in a list, '?' and '[' make a glob too.
  const isGlob = (pattern: string) => (Array.isArray(urlpath) ? /[*?[]/.test(pattern) : pattern.includes('*'));
  const files: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(baseDir, pattern);
    const matches = isGlob(pattern) ? fs.expand(absolute) : fs.exists(absolute) ? [absolute] : [];
    if (matches.length === 0) {
      throw new WeftError('FILE_NOT_FOUND', `node '${nodeId}' (bag.read_text): no file matches '${pattern}' (looked in ${baseDir})`, { nodeId, file: pattern });
    }
    files.push(...matches);
  }
  return files;
}

/** `db.read_text(urlpath, blocksize=None, ...)`: one partition per file, or per block of a plain file. */
export const readText: OpDefinition = {
  op: 'bag.read_text',
  group: 'create',
  doc: 'Read lines from text files (plain or gzip); each line keeps its terminator. One partition per file, or per `blocksize` bytes of a plain file.',
  inputs: [],
  output: 'bag',
  params: [
    { name: 'urlpath', type: 'paths', required: true, doc: 'A path, a glob such as data/*.txt, or a list of them; relative to the pipeline file.' },
    { name: 'blocksize', type: 'json', required: false, default: null, nullable: true, doc: 'Cut plain files into blocks of this many bytes (an int, or text like "64MB"); None keeps one partition per file.' },
    { name: 'compression', type: 'string', required: false, default: 'infer', nullable: true, doc: "'infer' (from the .gz extension), 'gzip' or None." },
    { name: 'encoding', type: 'string', required: false, default: 'utf-8', doc: 'Text encoding of the files.' },
    { name: 'linedelimiter', type: 'string', required: false, default: null, nullable: true, doc: 'Split lines on this string instead of universal newlines.' },
    { name: 'include_path', type: 'bool', required: false, default: false, doc: 'Yield (line, path) pairs.' },
    { name: 'files_per_partition', type: 'int', required: false, default: null, nullable: true, doc: 'Group this many files into each partition.' },
  ],
  dataVersion(ctx) {
    return matchingFiles(ctx.params.urlpath as string | string[], ctx.baseDir, ctx.fs)
      .map((file) => `${file}@${ctx.fs.version(file)}`)
      .join('|');
  },
  python: { call: 'function', positional: ['urlpath', 'blocksize', 'compression', 'encoding'] },
  build(ctx) {
    const p = ctx.params;
    const nodeId = ctx.node.id;
    const files = matchingFiles(p.urlpath as string | string[], ctx.baseDir, ctx.fs, nodeId);
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
        if (compressionOf(file, p.compression, nodeId) !== null) {
          throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.read_text): Cannot do chunked reads on compressed files. To read, set blocksize=None (${file} is compressed)`, { nodeId, file });
        }
        for (const block of blockOffsets(ctx.fs.size(file), blocksize)) {
          sources.push({ kind: 'text-file', path: file, compression: null, start: block.offset, end: block.offset + block.length, encoding, linedelimiter, includePath });
        }
      }
    } else if (p.files_per_partition !== null) {
      const per = p.files_per_partition as number;
      for (let i = 0; i < files.length; i += per) {
        const group = files.slice(i, i + per).map((f) => ({ path: f, compression: compressionOf(f, p.compression, nodeId) }));
        sources.push({ kind: 'text-files', files: group, encoding, linedelimiter, includePath });
      }
    } else {
      for (const file of files) {
        sources.push({ kind: 'text-file', path: file, compression: compressionOf(file, p.compression, nodeId), start: 0, end: null, encoding, linedelimiter, includePath });
      }
    }
    if (sources.length === 0) {
      throw new WeftError('FILE_NOT_FOUND', `node '${nodeId}' (bag.read_text): the files matching ${JSON.stringify(p.urlpath)} are all empty`, { nodeId });
    }
    const tasks: TaskSpec[] = sources.map((source, i) => chainTask(ctx, i, [], source, []));
    return { collection: { kind: 'bag', nodeId, name: ctx.name, npartitions: tasks.length }, tasks };
  },
};
