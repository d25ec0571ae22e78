import path from 'node:path';
import type { FileSystemView } from './file-system-view.js';
import { WeftError } from '../errors.js';

/**
 * The files a urlpath names, in order, as fsspec expands it for Dask's readers (`read_text`, `read_csv`); none
 * matching a pattern is an error naming the node, its op and the pattern.
 */
export function matchingFiles(urlpath: string | string[], baseDir: string, fs: FileSystemView, nodeId: string, op: string): string[] {
  const patterns = Array.isArray(urlpath) ? urlpath : [urlpath];
  // As fsspec does: a lone path is a glob only if it has '*'; in a list, '?' and '[' make a glob too.
  const isGlob = (pattern: string) => (Array.isArray(urlpath) ? /[*?[]/.test(pattern) : pattern.includes('*'));
  const files: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(baseDir, pattern);
    const matches = isGlob(pattern) ? fs.expand(absolute) : fs.exists(absolute) ? [absolute] : [];
    // Something is there, but not a file: say what it is rather than that nothing matches.
    const kind = matches.length === 0 && !isGlob(pattern) ? fs.kind(absolute) : null;
    if (kind === 'folder') {
      throw new WeftError('FILE_NOT_FOUND', `node '${nodeId}' (${op}): '${pattern}' is a directory, not a file; to read the files in it, use a glob such as '${path.join(pattern, '*')}'`, { nodeId, file: pattern });
    }
    if (kind === 'other') {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (${op}): '${pattern}' is not a regular file (a device, a pipe or a socket), which Weft does not read: it needs a file's size to plan its partitions`, { nodeId, file: pattern });
    }
    if (matches.length === 0) {
      throw new WeftError('FILE_NOT_FOUND', `node '${nodeId}' (${op}): no file matches '${pattern}' (looked in ${baseDir})`, { nodeId, file: pattern });
    }
    files.push(...matches);
  }
  return files;
}
