/**
 * The folder a run spills into: `<spill dir>/weft-spill-<pid>-<random>`, created empty and removed when the run
 * ends. A folder whose process is gone (killed before it could clean up) is removed the next time a run starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WeftError } from '../errors.js';

const PREFIX = 'weft-spill-';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes spill folders left by processes that no longer run. */
export function removeStaleSpillFolders(spillDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(spillDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^weft-spill-(\d+)-/.exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    fs.rmSync(path.join(spillDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Creates this run's spill folder, after clearing stale ones; the error names the folder when it cannot. */
export function createSpillFolder(spillDir: string): string {
  try {
    fs.mkdirSync(spillDir, { recursive: true });
    removeStaleSpillFolders(spillDir);
    return fs.mkdtempSync(path.join(spillDir, `${PREFIX}${process.pid}-`));
  } catch (e) {
    throw new WeftError('IO', `cannot create a spill folder in ${spillDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: spillDir });
  }
}
