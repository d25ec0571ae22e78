/**
 * The folder a run spills into: `<spill dir>/weft-spill-<marker>-<random>`, created empty and removed when the run
 * ends, fails or is cancelled. A process killed before it could clean up (SIGKILL, a crash, power loss) leaves its
 * folder behind; the next store to start in the same spill dir removes it. The marker names the owning process by pid,
 * start time and host (see io/process-marker.ts), so a folder is removed only when its process is known to be gone,
 * never one of a live run, even when a dead run's pid has been reused since.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WeftError } from '../errors.js';
import { isPidGone, isStale, MARKER_PATTERN, ownMarker, parseMarker } from '../io/process-marker.js';

const PREFIX = 'weft-spill-';
const MARKED = new RegExp(`^${PREFIX}${MARKER_PATTERN}-[A-Za-z0-9]+$`);
/** Earlier versions named their folders by pid alone. */
const PID_ONLY = new RegExp(`^${PREFIX}(\\d+)-[A-Za-z0-9]+$`);

function isStaleFolder(name: string): boolean {
  const marked = MARKED.exec(name);
  if (marked) return isStale(parseMarker(marked[1], marked[2], marked[3]));
  const pidOnly = PID_ONLY.exec(name);
  return pidOnly !== null && isPidGone(Number(pidOnly[1]));
}

/** Removes spill folders left by processes that no longer run; returns their names. Never throws. */
export function removeStaleSpillFolders(spillDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(spillDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isStaleFolder(name)) continue;
    try {
      fs.rmSync(path.join(spillDir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Someone else's folder we may not remove: it is no business of this run.
    }
  }
  return removed;
}

/** Creates this run's spill folder, after clearing stale ones; the error names the folder when it cannot. */
export function createSpillFolder(spillDir: string): string {
  try {
    fs.mkdirSync(spillDir, { recursive: true });
    removeStaleSpillFolders(spillDir);
    return fs.mkdtempSync(path.join(spillDir, `${PREFIX}${ownMarker()}-`));
  } catch (e) {
    throw new WeftError('IO', `cannot create a spill folder in ${spillDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: spillDir });
  }
}
