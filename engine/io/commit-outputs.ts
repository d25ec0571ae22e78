/**
 * Puts a run's output files in place all or nothing, and clears what killed runs left beside them.
 *
 * Policy. Tasks write each target to a partial file beside it (io/partial-path.ts); nothing else touches the targets
 * while the run works. When every task has succeeded, the commit:
 *  1. writes a journal (`.weft-commit.<marker>.json` beside the first target) listing every target, its partial, its
 *     backup name and whether it existed;
 *  2. for each target: hard-links the existing file to its backup (a copy where links are not possible), then renames
 *     the partial onto the target, so each target is always whole, either the old file or the new one;
 *  3. removes the journal (the commit point) and then the backups.
 * If a step of 2 fails, the targets already replaced get their backups back, those that did not exist are removed,
 * and the error names the node and the file: the folder is as before. If the process dies in 2 (SIGKILL, power loss),
 * the journal is still there, and the next run that writes into that folder rolls it back the same way before it
 * starts, then removes the partials, backups and journals of runs that are gone (never those of a live run: see
 * io/process-marker.ts). A run killed before the commit leaves only partials, which the next run removes; one killed
 * after the commit point leaves only backups, removed likewise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WeftError } from '../errors.js';
import { backupPathFor, copyPathFor, JOURNAL_FILE, journalPathFor, LEFTOVER_FILE, partialPathFor, unmarkedPartialPathFor } from './partial-path.js';
import { isStale, ownMarker, parseMarker, type ProcessMarker } from './process-marker.js';
import { describeFileError } from './file-error.js';

/** A file a run writes: its absolute path, and the node (with its op, for messages) and task that write it. */
export interface OutputFile {
  target: string;
  nodeId: string;
  op: string;
  taskKey: string;
}

interface JournalEntry {
  target: string;
  partial: string;
  backup: string;
  existed: boolean;
}

/** Refuses two output nodes that would write the same file (one node's own collisions are refused when it builds). */
export function checkDistinctOutputs(outputs: OutputFile[]): void {
  const writer = new Map<string, string>();
  for (const output of outputs) {
    const other = writer.get(output.target);
    if (other !== undefined && other !== output.nodeId) {
      throw new WeftError('BAD_PARAM', `node '${output.nodeId}' (${output.op}): writes ${output.target}, which node '${other}' writes too; give each its own path`, { nodeId: output.nodeId, file: output.target });
    }
    writer.set(output.target, output.nodeId);
  }
}

/**
 * Before a run writes: in each folder it writes into, rolls back the commits of runs that died in theirs, then removes
 * their partials and backups, and the unowned partials earlier versions left for these targets.
 */
export function clearLeftovers(outputs: OutputFile[]): void {
  const byFolder = new Map<string, OutputFile[]>();
  for (const output of outputs) {
    const folder = path.dirname(output.target);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), output]);
  }
  for (const [folder, inFolder] of byFolder) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const journal = JOURNAL_FILE.exec(name);
      if (!journal || !isLeftover(parseMarker(journal[1], journal[2], journal[3]), 'journal')) continue;
      const file = path.join(folder, name);
      try {
        if (journal[4] === undefined) rollBack(readJournal(file));
        removeIfThere(file);
      } catch (e) {
        const { nodeId, op } = inFolder[0];
        throw new WeftError('IO', `node '${nodeId}' (${op}): cannot roll back the unfinished commit of a killed run (${file}): ${describeFileError(e)}`, { nodeId, file });
      }
    }
    for (const name of names) {
      const leftover = LEFTOVER_FILE.exec(name);
      if (leftover && isLeftover(parseMarker(leftover[2], leftover[3], leftover[4]), leftover[5])) removeIfThere(path.join(folder, name));
    }
    for (const output of inFolder) {
      removeIfThere(unmarkedPartialPathFor(output.target));
      // A partial of this process that a cancelled task finished writing after its run had ended.
      removeIfThere(partialPathFor(output.target));
    }
  }
}

/**
 * Whether a file of `owner` is left over: its process is gone, or it is this process's journal or backup, which
 * exist only during a commit, and no commit runs while a run starts (commits are synchronous). This process's
 * partials may belong to a run of another session in progress; only those of this run's targets are removed.
 */
function isLeftover(owner: ProcessMarker, kind: string): boolean {
  if (`${owner.pid}-${owner.start}-${owner.host}` === ownMarker()) return kind !== 'partial';
  return isStale(owner);
}

/** Renames every partial onto its target, all or nothing; the error names the node and the file that failed. */
export function commitOutputs(outputs: OutputFile[]): void {
  if (outputs.length === 0) return;
  const entries: JournalEntry[] = outputs.map(({ target }) => ({
    target,
    partial: partialPathFor(target),
    backup: backupPathFor(target),
    existed: entryAt(target) !== null,
  }));
  const journal = journalPathFor(outputs[0].target);
  try {
    writeJournal(journal, entries);
  } catch (e) {
    removeIfThere(`${journal}.tmp`);
    throw commitError(outputs[0], journal, e, 'nothing was changed');
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    try {
      if (entry.existed) keepBackup(entry);
      fs.renameSync(entry.partial, entry.target);
    } catch (e) {
      let undone = 'the files already written were put back as they were';
      try {
        rollBack(entries.slice(0, i + 1));
        removeIfThere(journal);
      } catch (undo) {
        undone = `putting back the files already written failed too (${describeFileError(undo)}); the next run will finish it from ${journal}`;
      }
      throw commitError(outputs[i], entry.target, e, i === 0 ? 'nothing was changed' : undone);
    }
  }
  removeIfThere(journal);
  for (const entry of entries) if (entry.existed) removeIfThere(entry.backup);
}

/** Removes this run's partial files (after the commit, a failure or a cancellation). */
export function removePartials(outputs: OutputFile[]): void {
  for (const { target } of outputs) removeIfThere(partialPathFor(target));
}

function keepBackup(entry: JournalEntry): void {
  removeIfThere(entry.backup);
  try {
    fs.linkSync(entry.target, entry.backup);
  } catch {
    // No hard links here (or a folder at the target, which the copy reports): copy, under another name first, since
    // a rollback trusts whatever backup it finds.
    const copy = copyPathFor(entry.target);
    fs.copyFileSync(entry.target, copy);
    fs.renameSync(copy, entry.backup);
  }
}

/**
 * Undoes the entries' commit: backups go back over their targets; a target that did not exist goes when its partial
 * is gone (it was renamed into place). Safe to repeat, so a rollback cut short by a kill can be done again.
 */
function rollBack(entries: JournalEntry[]): void {
  for (const entry of [...entries].reverse()) {
    if (fs.existsSync(entry.backup)) fs.renameSync(entry.backup, entry.target);
    else if (!entry.existed && !fs.existsSync(entry.partial) && entryAt(entry.target)?.isFile()) fs.rmSync(entry.target);
  }
}

function writeJournal(file: string, entries: JournalEntry[]): void {
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify({ weftCommit: 1, entries }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

function readJournal(file: string): JournalEntry[] {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(value.entries)) throw new Error('not a commit journal');
  return value.entries.filter(
    (e): e is JournalEntry => typeof e?.target === 'string' && typeof e.partial === 'string' && typeof e.backup === 'string' && typeof e.existed === 'boolean',
  );
}

function commitError(output: OutputFile, file: string, e: unknown, outcome: string): WeftError {
  return new WeftError('IO', `node '${output.nodeId}' (${output.op}): cannot write ${file}: ${describeFileError(e)}; ${outcome}`, { nodeId: output.nodeId, taskKey: output.taskKey, file });
}

/** What is at a path, without following a link; null when nothing is (a path through a file included). */
function entryAt(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

/** Removes a file if it is there; a path through something that is not a folder is not there either. */
function removeIfThere(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
  }
}
