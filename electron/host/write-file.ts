/**
 * Every file the host writes (documents, exports, autosave) is written beside its target and renamed over it, so a
 * crash mid-write never leaves half a file; a failure is a FILE_WRITE error that names the file and says why in
 * words, never Node's own message.
 */
import fs from 'node:fs';
import { describeFileError } from '../../engine/index.js';
import { HostFailure } from './host-failure.js';

/**
 * Why a file operation failed, in the engine's words, with the host's where its files differ (a document written
 * into a missing folder); an error without an errno code is never passed on as Node's message.
 */
export function fileErrorReason(e: unknown): string {
  if (!(e as NodeJS.ErrnoException)?.code) return 'the file system refused';
  return describeFileError(e, { ENOENT: 'its folder does not exist', EEXIST: 'a file is in the way' });
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
