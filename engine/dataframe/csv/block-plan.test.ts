import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WeftError } from '../../errors.js';
import { autoBlocksize, blockByteRange, cutSample, inferCompression, planCsvBlocks } from './block-plan.js';
import { hasDask } from './dask-csv-harness.test-support.js';
import { PYTHON } from '../pandas-reference.test-support.js';

/**
 * The block plan against Dask's own functions: `read_bytes`' blocks (their bytes, after fsspec's `read_block` moves
 * the ends to newlines) and sample, `auto_blocksize` and `AUTO_BLOCKSIZE`, fsspec's `infer_compression`.
 */

const HARNESS = String.raw`
import json, sys, warnings
warnings.simplefilter('ignore')
from dask.bytes import read_bytes
from dask.dataframe.io.csv import auto_blocksize, AUTO_BLOCKSIZE
from fsspec.utils import infer_compression
import psutil
spec = json.load(sys.stdin)
blocks = []
for path, blocksize, sample in spec['reads']:
    s, values = read_bytes(path, delimiter=b'\n', blocksize=blocksize, sample=sample)
    blocks.append({'sample': s.decode('latin-1'), 'blocks': [[v.compute().decode('latin-1') for v in f] for f in values]})
print(json.dumps({
    'blocks': blocks,
    'auto': [auto_blocksize(m, c) for m, c in spec['machines']],
    'AUTO_BLOCKSIZE': AUTO_BLOCKSIZE, 'memory': psutil.virtual_memory().total, 'cpus': psutil.cpu_count(),
    'compression': [infer_compression(p) for p in spec['names']],
}))
`;

function lines(count: number, seed: number): string {
  let out = '';
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += 'r'.repeat(x % 17) + String(i) + '\n';
  }
  return out;
}

test('the block plan, block bytes and sample equal Dask\'s read_bytes', (t) => {
  if (!hasDask()) {
    if (process.env.CI === 'true') assert.fail('Dask is required under CI');
    t.skip('needs Debian python3 with dask');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-block-plan-'));
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const files = [write('a.txt', lines(300, 1)), write('b.txt', lines(7, 2) + 'no newline at the end'), write('long-line.txt', 'x'.repeat(5000) + '\n' + lines(20, 3)), write('empty.txt', '')];
  const reads: Array<[string, number, number]> = [];
  for (const file of files) for (const blocksize of [1, 97, 256, 1000, 100000]) reads.push([file, blocksize, 100]);
  const machines = [[16e9, 4], [25275990016, 2], [8 * 2 ** 30, 3], [1e12, 1]];
  const names = ['x.csv', 'x.CSV.GZ', 'data.gz', 'a.b.bz2', '.gz', 'archive.zip', 'x.xz', 'dir.gz/file'];
  const run = spawnSync(PYTHON, ['-c', HARNESS], { input: JSON.stringify({ reads, machines, names }), encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, run.stderr);
  const dask = JSON.parse(run.stdout);
  reads.forEach(([file, blocksize, sample], i) => {
    const bytes = fs.readFileSync(file);
    const blocks = planCsvBlocks([{ path: file, size: bytes.length }], { blocksize, totalMemory: 0, cpuCount: 1 });
    const texts = blocks.map((block) => {
      const { start, end } = blockByteRange(block, bytes.length, (p) => bytes.indexOf(10, p));
      return bytes.subarray(start, end).toString('latin1');
    });
    const want = dask.blocks[i];
    // read_bytes gives an empty file no block; a file's list is empty then.
    assert.deepEqual(texts, want.blocks[0], `${path.basename(file)} blocksize ${blocksize}`);
    assert.equal(Buffer.from(cutSample(bytes, sample, true)!).toString('latin1'), want.sample, `${path.basename(file)} sample`);
  });
  assert.deepEqual(machines.map(([m, c]) => autoBlocksize(m, c)), dask.auto);
  assert.equal(autoBlocksize(dask.memory, dask.cpus), dask.AUTO_BLOCKSIZE);
  assert.deepEqual(names.map((n) => inferCompression(n) ?? null), dask.compression);
});

test('a compressed first file makes every file one partition; blocks are numbered across files', () => {
  const blocks = planCsvBlocks([{ path: '/d/a.csv.gz', size: 10_000 }, { path: '/d/b.csv', size: 10_000 }], { blocksize: 100, totalMemory: 0, cpuCount: 1 });
  assert.deepEqual(blocks.map((b) => [b.path, b.compression, b.offset, b.length, b.isFirst, b.isLast]), [
    ['/d/a.csv.gz', 'gzip', 0, null, true, true],
    ['/d/b.csv', 'gzip', 0, null, true, true],
  ]);
  const plain = planCsvBlocks([{ path: '/d/a.csv', size: 250 }, { path: '/d/b.csv', size: 0 }, { path: '/d/c.csv', size: 90 }], { blocksize: '100B', totalMemory: 0, cpuCount: 1 });
  assert.deepEqual(plain.map((b) => [b.path, b.offset, b.length, b.isFirst, b.isLast]), [
    ['/d/a.csv', 0, 125, true, false],
    ['/d/a.csv', 125, 125, false, true],
    ['/d/c.csv', 0, 90, true, true],
  ]);
  assert.throws(() => planCsvBlocks([{ path: '/d/a.csv.bz2', size: 1 }], { blocksize: null, totalMemory: 0, cpuCount: 1 }), (e) => e instanceof WeftError && /bz2/.test(e.message));
  assert.throws(() => planCsvBlocks([{ path: '/d/a.csv', size: 1 }], { blocksize: 0, totalMemory: 0, cpuCount: 1 }), WeftError);
  assert.equal(cutSample(new Uint8Array([97, 10, 98]), 5, false), null);
});
