/**
 * Which process owns a file or folder that a run leaves on disk while it works (a spill folder, a partial output, a
 * backup, a commit journal), so that a later run can tell the leftovers of a dead run from the work of a live one.
 *
 * Policy: the owner is named by a marker `<pid>-<start>-<host>`: the process id, the process's start time in clock
 * ticks since boot (from /proc; 0 where there is no /proc) and a short hash of the host name. Something is stale, and
 * may be removed, only when its owner is known to be gone: same host, and the pid is not running or (with a start
 * time) is running but started at another time, i.e. the pid was reused. Anything else, including another host's
 * markers (a temp folder shared over the network or with a container), is kept: removing a live run's files would be
 * far worse than leaving a dead run's.
 */
import fs from 'node:fs';
import os from 'node:os';

/** The owner of a leftover, parsed from its marker. */
export interface ProcessMarker {
  pid: number;
  /** Clock ticks since boot when the process started; 0 when unknown. */
  start: number;
  host: string;
}

/** A regular expression source matching a marker, with groups for pid, start and host. */
export const MARKER_PATTERN = '(\\d+)-(\\d+)-([0-9a-f]{8})';

/** The start time of a running process in clock ticks since boot; 0 where /proc is missing, null if it is not running. */
export function processStartTime(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync('/proc/self/stat')) return null;
    return 0;
  }
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[19]);
  return Number.isFinite(start) ? start : 0;
}

function hostHash(): string {
  let h = 0x811c9dc5;
  const name = os.hostname();
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

let own: string | null = null;

/** This process's marker; the same in every thread of the process. */
export function ownMarker(): string {
  own ??= markerOf(process.pid, processStartTime(process.pid) ?? 0);
  return own;
}

/** The marker of a process. */
export function markerOf(pid: number, start: number): string {
  return `${pid}-${start}-${hostHash()}`;
}

/** Parses a marker's groups (as matched by MARKER_PATTERN). */
export function parseMarker(pid: string, start: string, host: string): ProcessMarker {
  return { pid: Number(pid), start: Number(start), host };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the owner is known to be gone (see the policy above). */
export function isStale(owner: ProcessMarker): boolean {
  if (owner.host !== hostHash()) return false;
  if (owner.pid === process.pid) return owner.start !== 0 && owner.start !== (processStartTime(process.pid) ?? 0);
  if (!isRunning(owner.pid)) return true;
  if (owner.start === 0) return false;
  const start = processStartTime(owner.pid);
  return start === null || (start !== 0 && start !== owner.start);
}

/** Whether a process with only a pid for a marker (the names of earlier versions) is gone. */
export function isPidGone(pid: number): boolean {
  return pid !== process.pid && !isRunning(pid);
}
