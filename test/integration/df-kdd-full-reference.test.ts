/**
 * The df fixtures on the full KDD Cup 1999 10% file (df-kdd-full-*: the benchmark queries, gzip in one
 * partition and a plain copy in 8 MB blocks) rerun on real Dask must give their sidecars. The file is not in the
 * repository: the test links it into a temp copy of the fixtures, with the gunzipped copy beside it.
 */
import { after, before, describe, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { KDD_FILE, hasDask, hasKddFile, requireKddFile, requireOrSkip } from '../support/environment.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { runManyOnDask, type DaskOutput } from '../support/dask-reference.js';
import { KDD_FULL_PREFIX, addKddFile, assertMatchesSidecar, copyFixtures, dfFixtureNames, readDfSidecar, type DfSidecar } from '../support/df-sidecars.js';

const names = dfFixtureNames().filter((n) => n.startsWith(KDD_FULL_PREFIX));

describe('DataFrame fixtures on the full KDD file: the sidecars are what Dask computes', () => {
  let dir = '';
  const live = new Map<string, DaskOutput>();

  before(async () => {
    if (!hasDask() || !hasKddFile()) return;
    dir = copyFixtures('weft-df-kdd-');
    addKddFile(dir, KDD_FILE);
    const outputs = await runManyOnDask(names.map((n) => path.join(dir, 'pipelines', `${n}.weft.json`)));
    names.forEach((n, i) => live.set(n, outputs[i]));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of names) {
    test(name, (t) => {
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask') || !requireKddFile(t)) return;
      assertMatchesSidecar(parseJsonKeepingFloats(live.get(name)!.text) as DfSidecar, readDfSidecar(name));
    });
  }
});
