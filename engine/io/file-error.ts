/** Why a file operation failed, in words a user can act on, rather than Node's `EACCES: permission denied, open ...`. */
const REASONS: ReadonlyMap<string, string> = new Map([
  ['EISDIR', 'it is a folder'],
  ['ENOTDIR', 'a part of the path is a file, not a folder'],
  ['EEXIST', 'a file stands where its folder should be'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EROFS', 'the file system is read-only'],
  ['ENOSPC', 'the disk is full'],
  ['EDQUOT', 'the disk quota is used up'],
  ['ENOENT', 'its folder or partial file has gone'],
  ['ENAMETOOLONG', 'the name is too long'],
  ['EMFILE', 'too many files are open'],
]);

/**
 * The reason of a failed file operation: a phrase for a known errno code, else the code or the message. `words`
 * replaces the phrase of a code where the caller knows more (ENOENT when writing a file means its folder is missing).
 */
export function describeFileError(e: unknown, words?: Readonly<Partial<Record<string, string>>>): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return (code && ((words && Object.hasOwn(words, code) ? words[code] : undefined) ?? REASONS.get(code))) ?? (code || (e as Error)?.message || String(e));
}
