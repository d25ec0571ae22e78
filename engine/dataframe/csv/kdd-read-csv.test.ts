import assert from 'node:assert/strict';
import { KDD_COLUMNS } from '../../../test/support/kdd-columns.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Frame } from '../frame.js';
import { planCsvBlocks } from './block-plan.js';
import { hasDask } from './dask-csv-harness.test-support.js';
import { PYTHON } from '../pandas-reference.test-support.js';
import { readBlockBytes, readSample } from './read-block-bytes.js';
import { inferMeta, readBlock } from './read-csv.js';

/**
 * The KDD Cup 10% file through `dd.read_csv` with the 42 names of kddcup.names, on Weft and on Dask: the gz file
 * (one partition) and a plain copy of its first 20,000 lines cut by `blocksize` into many partitions. Per partition:
 * length, dtypes, every numeric column's sum, every text column's value counts, and every 997th row's values exactly.
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const PLACES = [path.join(REPO, 'samples/data'), path.resolve(REPO, '../shared/data'), '/work/shared/data'];
const DATA = PLACES.find((p) => fs.existsSync(path.join(p, 'kddcup.data_10_percent.gz')));


const SUMMARY = String.raw`
import json, sys, warnings
warnings.simplefilter('ignore')
import dask.dataframe as dd
spec = json.load(sys.stdin)
out = []
for path, blocksize in spec['reads']:
    ddf = dd.read_csv(path, names=spec['names'], blocksize=blocksize)
    parts = []
    for i in range(ddf.npartitions):
        p = ddf.partitions[i].compute(scheduler='sync')
        s = {'length': len(p), 'dtypes': [str(t) for t in p.dtypes], 'sums': {}, 'counts': {}, 'index': [int(p.index.start), int(p.index.stop)], 'rows': {}}
        for c in p.columns:
            s['rows'][c] = [x if isinstance(x, str) else (int(x) if str(p[c].dtype) == 'int64' else float(x)) for x in p[c].iloc[::997]]
            if str(p[c].dtype) == 'object':
                s['counts'][c] = {str(k): int(v) for k, v in p[c].value_counts().items()}
            else:
                v = p[c].sum()
                s['sums'][c] = int(v) if str(p[c].dtype) == 'int64' else float(v)
        parts.append(s)
    out.append(parts)
print(json.dumps(out))
`;

function summarize(frame: Frame): unknown {
  const sums: Record<string, number> = {};
  const counts: Record<string, Record<string, number>> = {};
  const rows: Record<string, unknown[]> = {};
  frame.columns.forEach((column, i) => {
    const name = String(frame.names[i]);
    rows[name] = [];
    for (let row = 0; row < frame.length; row += 997) rows[name].push(column.dtype === 'object' ? column.dictionary[column.codes[row]] : column.values[row]);
    if (column.dtype === 'object') {
      const tally = new Array(column.dictionary.length).fill(0);
      for (const code of column.codes) tally[code]++;
      counts[name] = Object.fromEntries(column.dictionary.map((v, code) => [String(v), tally[code]]));
    } else {
      let sum = 0;
      for (const v of column.values) sum += v;
      sums[name] = sum;
    }
  });
  const index = frame.index.kind === 'range' ? [frame.index.start, frame.index.start + frame.length] : null;
  return { length: frame.length, dtypes: frame.columns.map((c) => c.dtype), sums, counts, index, rows };
}

function assertClose(got: Record<string, number>, want: Record<string, number>, where: string): void {
  assert.deepEqual(Object.keys(got), Object.keys(want), where);
  for (const key of Object.keys(want)) {
    const [a, b] = [got[key], want[key]];
    // numpy sums pairwise, this test in order: the values themselves are compared exactly on the sampled rows.
    assert.ok(a === b || Math.abs(a - b) <= 1e-10 * Math.max(Math.abs(a), Math.abs(b)), `${where}: sum of ${key} ${a} vs Dask ${b}`);
  }
}

test('the KDD file through dd.read_csv(names=...) equals Dask, gz and plain with many partitions', async (t) => {
  if (!hasDask() || DATA === undefined) {
    if (process.env.CI === 'true') assert.fail('Dask and the KDD file are required under CI');
    t.skip('needs Debian python3 with dask and kddcup.data_10_percent.gz');
    return;
  }
  const names = [...KDD_COLUMNS];
  assert.equal(names.length, 42);
  const gz = path.join(DATA, 'kddcup.data_10_percent.gz');
  const text = zlib.gunzipSync(fs.readFileSync(gz));
  let cut = 0;
  for (let lines = 0; lines < 20000; lines++) cut = text.indexOf(10, cut) + 1;
  const plain = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'weft-kdd-')), 'kdd-head.csv');
  fs.writeFileSync(plain, text.subarray(0, cut));
  const reads: Array<[string, number | null]> = [
    [gz, null],
    [plain, 200_000],
  ];
  const run = spawnSync(PYTHON, ['-c', SUMMARY], { input: JSON.stringify({ names, reads }), encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, run.stderr);
  const dask = JSON.parse(run.stdout) as Array<Array<{ sums: Record<string, number> }>>;
  for (const [r, [file, blocksize]] of reads.entries()) {
    const params = { names, blocksize };
    const blocks = planCsvBlocks([{ path: file, size: fs.statSync(file).size }], { blocksize, totalMemory: os.totalmem(), cpuCount: os.cpus().length });
    const meta = inferMeta(await readSample(file, blocks[0].compression, 256000), params);
    assert.equal(blocks.length, dask[r].length, `${path.basename(file)}: npartitions`);
    for (const [i, block] of blocks.entries()) {
      const got = summarize(readBlock(await readBlockBytes(block), block, meta, params)) as { sums: Record<string, number> };
      const want = dask[r][i];
      assertClose(got.sums, want.sums, `${path.basename(file)} partition ${i}`);
      assert.deepEqual({ ...got, sums: null }, { ...want, sums: null }, `${path.basename(file)} partition ${i}`);
    }
  }
  assert.ok(dask[1].length > 5, 'the plain read should have many partitions');
});
