/**
 * The DataFrame fixtures' sidecars (test/fixtures/pipelines/df-*.expected.json) and the rule for comparing a run
 * with one: results (unordered outputs as multisets of rows), npartitions and divisions (nodes listed in
 * `approximateDivisions` only checked for npartitions + 1 divisions), `_meta`, written files, warnings as a set,
 * errors exactly. See test/fixtures/README.md.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT } from './environment.js';
import { asMultiset, canonical, parseJsonKeepingFloats } from './compare-json.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');
export const PIPELINES = path.join(FIXTURES, 'pipelines');

/** The fixtures that read the full KDD 10% file, which is not in the repository. */
export const KDD_FULL_PREFIX = 'df-kdd-full-';

/** A df sidecar, parsed with floats marked (`{ $float: n }`). */
export interface DfSidecar {
  results?: Record<string, unknown>;
  npartitions?: Record<string, number>;
  divisions?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  files?: Record<string, string>;
  warnings?: string[];
  error?: unknown;
  unordered?: string[];
  approximateDivisions?: string[];
}

/** A DataFrame value as dask_run.py prints it. */
export interface FrameValue {
  columns: unknown[];
  index: unknown[];
  data: unknown[];
  dtypes: string[];
}

/** The df fixture names (without `.weft.json`), sorted. */
export function dfFixtureNames(): string[] {
  return fs
    .readdirSync(PIPELINES)
    .filter((f) => f.startsWith('df-') && f.endsWith('.weft.json'))
    .map((f) => f.replace(/\.weft\.json$/, ''))
    .sort();
}

export function readDfSidecar(name: string): DfSidecar {
  return parseJsonKeepingFloats(fs.readFileSync(path.join(PIPELINES, `${name}.expected.json`), 'utf8')) as DfSidecar;
}

/** `pipelines/` and `data/` side by side in a fresh temp folder (pipelines read `../data`, to_csv writes `out/`). */
export function copyFixtures(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(PIPELINES, path.join(dir, 'pipelines'), { recursive: true, filter: (src) => !src.includes(`${path.sep}out`) });
  fs.cpSync(path.join(FIXTURES, 'data'), path.join(dir, 'data'), { recursive: true });
  return dir;
}

/** Puts the KDD file into a copy's `data/` (a link) with the gunzipped copy the blocksize fixture reads. */
export function addKddFile(dir: string, kddFile: string): void {
  const data = path.join(dir, 'data');
  fs.symlinkSync(kddFile, path.join(data, path.basename(kddFile)));
  fs.writeFileSync(path.join(data, path.basename(kddFile).replace(/\.gz$/, '')), zlib.gunzipSync(fs.readFileSync(kddFile)));
}

/** A frame's or series' rows (label and values together) in canonical order; other values as a multiset. */
function unorderedForm(value: unknown): unknown {
  if (value && typeof value === 'object' && 'index' in value && 'data' in value) {
    const v = value as { index: unknown[]; data: unknown[] };
    const rows = v.index.map((label, i) => [label, v.data[i]]).sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
    return { ...v, index: rows.map((r) => r[0]), data: rows.map((r) => r[1]) };
  }
  return asMultiset(value);
}

function withoutKeys<T>(record: Record<string, T> | undefined, keys: string[]): Record<string, T> | undefined {
  if (!record) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));
}

/** Asserts that a run (dask_run.py's output text, parsed with floats marked) gives what the sidecar recorded. */
export function assertMatchesSidecar(theirs: DfSidecar, sidecar: DfSidecar): void {
  if (sidecar.error || theirs.error) {
    assert.deepEqual(theirs.error, sidecar.error, 'error');
    return;
  }
  const unordered = sidecar.unordered ?? [];
  for (const id of Object.keys({ ...sidecar.results, ...theirs.results })) {
    const form = (v: unknown) => (unordered.includes(id) ? unorderedForm(v) : v);
    assert.deepEqual(form(theirs.results?.[id]), form(sidecar.results?.[id]), `output '${id}'`);
  }
  const approximate = sidecar.approximateDivisions ?? [];
  assert.deepEqual(withoutKeys(theirs.npartitions, approximate), sidecar.npartitions, 'npartitions');
  assert.deepEqual(withoutKeys(theirs.divisions, approximate), sidecar.divisions, 'divisions');
  for (const id of approximate) {
    const divisions = theirs.divisions?.[id];
    assert.ok(Array.isArray(divisions) && divisions.length === theirs.npartitions![id] + 1, `${id}: approximate divisions, one more than the partitions`);
  }
  assert.deepEqual(theirs.meta, sidecar.meta, 'meta');
  assert.deepEqual(theirs.files, sidecar.files, 'written files');
  assert.deepEqual([...(theirs.warnings ?? [])].sort(), sidecar.warnings, 'warnings');
}
