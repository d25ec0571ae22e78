/**
 * The names of the files `to_textfiles` keeps beside a target while a run works on it: the partial output a task
 * writes (`<target>.<marker>.weft-partial`), the old file kept while the outputs are committed
 * (`<target>.<marker>.weft-backup`, copied first to `<target>.<marker>.weft-copy` where hard links fail) and the
 * commit journal (`.weft-commit.<marker>.json` in the first target's folder). The marker names the owning process (io/process-marker.ts), so that a later run removes only leftovers of
 * dead runs.
 */
import path from 'node:path';
import { MARKER_PATTERN, ownMarker } from './process-marker.js';

/** Where a task of this process writes an output file before the run succeeds and commits it. */
export function partialPathFor(target: string): string {
  return `${target}.${ownMarker()}.weft-partial`;
}

/** Where the commit keeps the file a target replaces until every target is in place. */
export function backupPathFor(target: string): string {
  return `${target}.${ownMarker()}.weft-backup`;
}

/** Where a backup is copied before it is renamed to its name, where files cannot be hard-linked. */
export function copyPathFor(target: string): string {
  return `${target}.${ownMarker()}.weft-copy`;
}

/** This process's commit journal for outputs whose first target is `firstTarget`. */
export function journalPathFor(firstTarget: string): string {
  return path.join(path.dirname(firstTarget), `.weft-commit.${ownMarker()}.json`);
}

/** A partial output, backup or copy of some process: groups are the target's name, pid, start, host and kind. */
export const LEFTOVER_FILE = new RegExp(`^(.+)\\.${MARKER_PATTERN}\\.weft-(partial|backup|copy)$`);

/** A commit journal of some process, or one being written (`.tmp`): groups are pid, start, host and the `.tmp`. */
export const JOURNAL_FILE = new RegExp(`^\\.weft-commit\\.${MARKER_PATTERN}\\.json(\\.tmp)?$`);

/** The partial output earlier versions wrote, without an owner. */
export function unmarkedPartialPathFor(target: string): string {
  return `${target}.weft-partial`;
}
