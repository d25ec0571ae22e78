/**
 * A temp folder holding copies of the bench pipelines and, in their data/ folder, a symlink to the KDD Cup file, so
 * that the pipelines' relative `data/...` paths resolve without the input ever being copied or committed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KDD_FILE, REPO_ROOT } from '../support/environment.js';

/** Where the bench pipelines live in the source tree (tsc does not copy JSON into dist/). */
export const BENCH_PIPELINES = path.join(REPO_ROOT, 'test/bench/pipelines');

/**
 * A fresh temp folder for a bench input, removed by `dispose` and also on Ctrl-C or SIGTERM, so that an interrupted
 * bench leaves no copy of the KDD data behind.
 */
export function removableTempDir(prefix: string): { dir: string; dispose: () => void } {
  if (!fs.existsSync(KDD_FILE)) throw new Error(`the benchmark needs the KDD Cup 10% file at ${KDD_FILE} (npx weft fetch-data, then copy it there)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    dispose();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { dir, dispose };
}

/** A fresh workspace; `dispose` removes it. */
export function makeBenchWorkspace(): { dir: string; dispose: () => void } {
  if (!fs.existsSync(KDD_FILE)) throw new Error(`the benchmark needs the KDD Cup 10% file at ${KDD_FILE} (npx weft fetch-data, then copy it there)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'));
  for (const f of fs.readdirSync(BENCH_PIPELINES)) {
    if (f.endsWith('.weft.json')) fs.copyFileSync(path.join(BENCH_PIPELINES, f), path.join(dir, f));
  }
  fs.mkdirSync(path.join(dir, 'data'));
  fs.symlinkSync(KDD_FILE, path.join(dir, 'data', path.basename(KDD_FILE)));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
