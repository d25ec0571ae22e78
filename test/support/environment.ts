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

const KDD_NAME = 'kddcup.data_10_percent.gz';

/**
 * Where the tests look for the KDD Cup 1999 10% file (never committed), in order: `samples/data/`, where the README
 * tells users to put it and `weft fetch-data` saves it, then `../shared/data/` beside the repository.
 */
export const KDD_PLACES: readonly string[] = [path.join(REPO_ROOT, 'samples', 'data', KDD_NAME), path.resolve(REPO_ROOT, '..', 'shared', 'data', KDD_NAME)];

/** The KDD file: the first of {@link KDD_PLACES} that holds it, else the first place (where fetch-data puts it). */
export const KDD_FILE = KDD_PLACES.find((p) => fs.existsSync(p)) ?? KDD_PLACES[0];

/** Whether the KDD file is in one of {@link KDD_PLACES}. */
export function hasKddFile(): boolean {
  return fs.existsSync(KDD_FILE);
}

/** What a test that reads the KDD file says when it is nowhere: what is missing, where it looked, how to get it. */
export const KDD_MISSING = `the KDD Cup 1999 10% file ${KDD_NAME}, which is in none of ${KDD_PLACES.join(', ')} (run \`npx weft fetch-data\`, or copy it into samples/data/)`;

/** For every test that reads the KDD file: skips it (fails it under CI=true) when the file is missing, saying where it looked. */
export function requireKddFile(t: TestContext): boolean {
  return requireOrSkip(t, hasKddFile(), KDD_MISSING);
}

/** True when Debian's python3 with dask is installed. */
export function hasDask(): boolean {
  return fs.existsSync('/usr/lib/python3/dist-packages/dask') && fs.existsSync(PYTHON);
}

/** Skips `t` when `available` is false, or fails it under CI=true. Returns whether the test may go on. */
export function requireOrSkip(t: TestContext, available: boolean, what: string): boolean {
  if (available) return true;
  if (process.env.CI === 'true') throw new Error(`CI needs ${what}; it is missing on this machine`);
  t.skip(`needs ${what}`);
  return false;
}
