/**
 * A temp copy of samples/ with the KDD file linked into samples' data folder, as a user would have it after
 * `weft fetch-data`, without ever writing into the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KDD_FILE, REPO_ROOT, hasKddFile } from './environment.js';

export function makeSamplesWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-samples-'));
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'samples'))) {
    if (f.endsWith('.weft.json')) fs.copyFileSync(path.join(REPO_ROOT, 'samples', f), path.join(dir, f));
  }
  fs.mkdirSync(path.join(dir, 'data'));
  // Without the file, no link: a dangling one would read as a file that exists; tests that read it require it.
  if (hasKddFile()) fs.symlinkSync(KDD_FILE, path.join(dir, 'data', path.basename(KDD_FILE)));
  return dir;
}
