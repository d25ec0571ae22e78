/**
 * Checks, before anything runs, that every file an output node would write can be written: no two partitions on one
 * file (Dask would write them one over the other and keep whichever came last), no target that is a folder or a
 * device, no parent that is a file, no folder this process may not write in. What Dask does write is allowed as
 * Dask does it: existing files are replaced, missing folders are created. A problem is a `BAD_PARAM` naming the node,
 * the partition and the path, so `weft check` and the app report it as they report any bad param.
 */
import path from 'node:path';
import type { FileSystemView } from './file-system-view.js';
import { WeftError } from '../errors.js';

/** Throws when a target of `nodeId` (one absolute path per partition) cannot be written, or two are the same. */
export function checkOutputTargets(nodeId: string, op: string, targets: string[], fs: FileSystemView): void {
  const fail = (message: string, file: string) => {
    throw new WeftError('BAD_PARAM', `node '${nodeId}' (${op}): ${message}`, { nodeId, file });
  };
  const partitionOf = new Map<string, number>();
  targets.forEach((target, i) => {
    const earlier = partitionOf.get(target);
    if (earlier !== undefined) {
      fail(`partitions ${earlier} and ${i} would both be written to ${target}; give each partition its own file (a name_function must return a different name for each partition number)`, target);
    }
    partitionOf.set(target, i);
  });
  const folderProblems = new Map<string, string | null>();
  targets.forEach((target, i) => {
    const kind = fs.kind(target);
    if (kind === 'folder') fail(`cannot write partition ${i} to ${target}: it is a folder`, target);
    if (kind === 'other') fail(`cannot write partition ${i} to ${target}: it is not a regular file`, target);
    const folder = path.dirname(target);
    if (!folderProblems.has(folder)) folderProblems.set(folder, folderProblem(folder, fs));
    const problem = folderProblems.get(folder);
    if (problem) fail(`cannot write partition ${i} to ${target}: ${problem}`, target);
  });
}

/** Why files cannot be created in `folder` (made as needed, as Dask makes it), or null. */
function folderProblem(folder: string, fs: FileSystemView): string | null {
  let existing = folder;
  while (fs.kind(existing) === null && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const kind = fs.kind(existing);
  if (kind === null) return null;
  if (kind !== 'folder') return `${existing} is a file, not a folder`;
  return fs.canWriteIn(existing) ? null : `this user may not write in the folder ${existing}`;
}
