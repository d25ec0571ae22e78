/**
 * Every file the host writes (documents, exports, autosave) is written beside its target and renamed over it, so a
 * crash mid-write never leaves half a file; a failure is a FILE_WRITE error that names the file and says why in
 * words, never Node's own message.
 */
import fs from 'node:fs';
import { HostFailure } from './host-failure.js';

const REASONS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file is in the way',
};

/** Why a file operation failed, in words: the reason for a known errno code, else the code itself. */
export function fileErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) ?? code ?? 'the file system refused';
}

export function writeFileAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new HostFailure('FILE_WRITE', `cannot write ${file}: ${fileErrorReason(e)}`);
  }
}
