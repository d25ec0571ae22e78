/**
 * What the tests need from the machine, and the rule for when it is missing: under CI=true a test that cannot run
 * fails (CI must run everything); on a developer's machine it is skipped with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** The repository root (tests run from dist/test/...). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Debian's Python, which has real Dask (never the pyenv python3 on PATH). */
export const PYTHON = '/usr/bin/python3';

/** The KDD Cup 1999 10% file, kept beside the repository in shared/ and never committed. */
export const KDD_FILE = path.resolve(REPO_ROOT, '../shared/data/kddcup.data_10_percent.gz');

/** True when Debian's python3 with dask is installed. */
export function hasDask(): boolean {
  return fs.existsSync('/usr/lib/python3/dist-packages/dask') && fs.existsSync(PYTHON);
}

/** Skips `t` when `available` is false, or fails it under CI=true. Returns whether the test may go on. */
export function requireOrSkip(t: TestContext, available: boolean, what: string): boolean {
  if (available) return true;
  if (process.env.CI === 'true') throw new Error(`CI needs ${what}, which is missing on this machine`);
  t.skip(`needs ${what}`);
  return false;
}
