import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { blockByteRange, cutSample, planCsvBlocks } from './block-plan.js';
import { type CsvCase, hasDask, runReference, runWeft } from './dask-csv-harness.test-support.js';
import { inferMeta, readBlock } from './read-csv.js';
import { randomSource } from '../random-frames.test-support.js';

/**
 * `dd.read_csv` on Weft against real Dask 2022.12, case by case in one Python process: npartitions, the meta, and
 * every partition's columns, dtypes, length, RangeIndex and exact values (or its error message), on generated files
 * with missing values, quotes, ints, floats, bools and strings, odd names, and blocksizes giving many partitions.
 */

const NA_SPELLINGS = ['', 'NA', 'nan', 'NaN', 'null', 'NULL', '#N/A', 'N/A', 'n/a', '<NA>', '-nan', '1.#IND'];

/** A file whose columns keep one kind of value each (so Dask's 10-row meta holds), missing values past the sample's start. */
function mixedFile(rows: number, seed: number): string {
  const r = randomSource(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const lines = ['id,"qty, total",price,flag,name,maybe,big,empty'];
  for (let i = 0; i < rows; i++) {
    const missing = i >= 10 && r() < 0.1;
    const qty = String(Math.floor(r() * 2000) - 1000);
    const price = pick(['1.5', '-0.25', '1e5', '.5', '3.', '1E-3', '2.5e-7', '123456.789', '0.1', '-0', '7.0', 'inf', '-Infinity']);
    const flag = pick(['True', 'False', 'TRUE', 'false', 'true', 'FALSE']);
    const name = pick(['alpha', 'beta gamma', '"quoted, comma"', '"say ""hi"""', 'd\u00e9j\u00e0 vu', 'x"y', ' spaced ']);
    const maybe = i < 10 ? String(i) : pick(['1', '2.5', '', 'NA']);
    const big = String(Math.floor(r() * 1e15));
    lines.push([String(i), missing ? pick(NA_SPELLINGS) : qty, missing ? '' : price, flag, name, maybe, big, ''].join(','));
  }
  return lines.join('\n') + '\n';
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-read-csv-'));
const file = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

test('dd.read_csv on Weft gives Dask\'s partitions, dtypes, values and errors', async (t) => {
  if (!hasDask()) {
    if (process.env.CI === 'true') assert.fail('Dask is required under CI');
    t.skip('needs Debian python3 with dask');
    return;
  }
  const mixed = file('mixed.csv', mixedFile(400, 7));
  const small = file('small.csv', 'a,b,c\n1,x,2.5\n2,"y\nz",\n3,,4\n');
  const noHeader = file('noheader.csv', '1,2,3\n4,5,6\n7,8,9\n');
  const semi = file('semi.csv', 'x;y\n1;a\n2;b\n\n   \n3;c\n');
  const crlf = file('crlf.csv', 'a,b\r\n1,2\r\n3,4\r\n');
  const dupes = file('dupes.csv', 'a,a,,b\n1,2,3,4\n');
  // Ints in the sample's first rows, then a float and a string: a later block disagrees with the meta.
  const drift = file('drift.csv', 'n,m,s\n' + Array.from({ length: 60 }, (_, i) => (i === 45 ? '1.5,abc,7' : `${i},${i * 2},s${i}`)).join('\n') + '\n');
  // Only a missing value past the meta's 10 rows: int64 in the meta, float64 in the block.
  const lateNa = file('late-na.csv', 'k,j\n' + Array.from({ length: 30 }, (_, i) => (i === 20 ? ',x' : `${i},x`)).join('\n') + '\n');
  const long = file('long.csv', 'a,b\n1,2\n3,4,5\n');
  // A sample of 10 bytes holds only the header line: Dask's "Sample is not large enough".
  const wideHeader = file('wide-header.csv', 'a_long_column_name,b\n1,2\n');
  const parts = [file('part-1.csv', 'a,b\n1,x\n2,y\n'), file('part-2.csv', 'a,b\n3,z\n'), file('part-3.csv', '')];
  const cases: CsvCase[] = [
    { kind: 'dask', paths: [mixed], params: {} },
    { kind: 'dask', paths: [mixed], params: { blocksize: 2000 } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 777, usecols: ['price', 'id', 'name'] } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 1500, usecols: [0, 3, 4] } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 3000, dtype: { qty: 'float64', flag: 'object', id: 'str' } } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 3000, dtype: 'object' } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 2500, names: ['i', 'q', 'p', 'f', 'n', 'm', 'b', 'e'], header: 0 } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 2500, names: ['i', 'q', 'p', 'f', 'n', 'm', 'b', 'e'] } },
    { kind: 'dask', paths: [small], params: {} },
    { kind: 'dask', paths: [small], params: { header: null } },
    { kind: 'dask', paths: [noHeader], params: { header: null } },
    { kind: 'dask', paths: [noHeader], params: { names: ['x', 'y', 'z'], blocksize: 6 } },
    { kind: 'dask', paths: [noHeader], params: { header: null, usecols: [2, 0], dtype: { 0: 'float64' } as Record<string, string> } },
    { kind: 'dask', paths: [semi], params: { sep: ';' } },
    { kind: 'dask', paths: [crlf], params: { blocksize: 7 } },
    { kind: 'dask', paths: [dupes], params: {} },
    { kind: 'dask', paths: [drift], params: { blocksize: 100 } },
    { kind: 'dask', paths: [drift], params: { blocksize: 100, dtype: { n: 'float64', m: 'object' } } },
    { kind: 'dask', paths: [lateNa], params: {} },
    { kind: 'dask', paths: [lateNa], params: { dtype: { k: 'int64' }, blocksize: 40 } },
    { kind: 'dask', paths: [long], params: {} },
    { kind: 'dask', paths: parts, params: {} },
    { kind: 'dask', paths: parts, params: { blocksize: 5 } },
    { kind: 'dask', paths: [mixed], params: { usecols: ['nope'] } },
    { kind: 'dask', paths: [wideHeader], params: { sample: 10 } },
    { kind: 'dask', paths: [wideHeader], params: { sample: 10, names: ['p', 'q'] } },
    { kind: 'dask', paths: [mixed], params: { blocksize: 4000, dtype: { name: 'int64' } } },
    { kind: 'dask', paths: [drift], params: { blocksize: 150, dtype: { s: 'bool' } } },
  ];
  const expected = runReference(cases);
  for (let i = 0; i < cases.length; i++) {
    const got = await runWeft(cases[i]);
    assert.deepEqual(got, expected[i], `case ${i}: ${JSON.stringify(cases[i].params)} on ${cases[i].paths.map((p) => path.basename(p)).join(', ')}`);
  }
  // The cases must exercise what they claim: many partitions, and a block failing with Dask's advice.
  const many = expected[1] as { npartitions: number };
  assert.ok(many.npartitions > 5);
  assert.match(JSON.stringify(expected[16]), /Mismatched dtypes found/);
  assert.match(JSON.stringify(expected[18]), /assume_missing=True/);
});

test('a projection after the read, as Dask takes it when pandas keywords are given, fails and succeeds where Dask does', async (t) => {
  if (!hasDask()) {
    if (process.env.CI === 'true') assert.fail('Dask is required under CI');
    t.skip('needs Debian python3 with dask');
    return;
  }
  // Column b is an int in the sample and text in a later block; c's rows are ragged in one block only in 'ragged'.
  const rows = Array.from({ length: 80 }, (_, i) => `${i},${i === 60 ? 'x' : i * 3},t${i % 5}`);
  const late = file('late-text.csv', rows.join('\n') + '\n');
  const ragged = file('ragged.csv', rows.map((r, i) => (i === 70 ? `${r},extra` : r)).join('\n') + '\n');
  const names = ['a', 'b', 'c'];
  const cases: CsvCase[] = [
    // b is never compared with the meta when only a is selected: every block reads.
    { kind: 'dask', paths: [late], params: { names, blocksize: 200 }, columns: ['a'] },
    { kind: 'dask', paths: [late], params: { names, blocksize: 200 }, columns: ['c', 'a'] },
    // Forced, b fails in its block whatever is selected; so does a bad forced column beside the selection.
    { kind: 'dask', paths: [late], params: { names, blocksize: 200, dtype: { b: 'int64' } }, columns: ['a'] },
    { kind: 'dask', paths: [late], params: { names, blocksize: 200, dtype: { b: 'float64', a: 'float64' } }, columns: ['c'] },
    // The tokenizer counts the fields of every column, selected or not.
    { kind: 'dask', paths: [ragged], params: { names, blocksize: 200 }, columns: ['a'] },
    // Without a pandas keyword Dask projects through usecols instead.
    { kind: 'dask', paths: [late], params: { blocksize: 200 }, columns: ['0'] },
  ];
  const expected = runReference(cases);
  for (let i = 0; i < cases.length; i++) {
    assert.deepEqual(await runWeft(cases[i]), expected[i], `case ${i}: ${JSON.stringify(cases[i])}`);
  }
  // The cases show what they claim: the forced ones fail in a block, the unforced one does not.
  assert.doesNotMatch(JSON.stringify(expected[0]), /error/);
  assert.match(JSON.stringify(expected[2]), /error/);
  assert.match(JSON.stringify(expected[4]), /Expected 3 fields/);
});

test('a projection reads only the asked columns, with the values and dtypes of the full read', async () => {
  const text = mixedFile(300, 3);
  const bytes = new TextEncoder().encode(text);
  // The file has missing values past the meta's rows; forcing those columns keeps every block readable.
  const params = { blocksize: 1000, dtype: { 'qty, total': 'float64', maybe: 'float64' } };
  const meta = inferMeta(cutSample(bytes, 256000, true)!, params);
  const blocks = planCsvBlocks([{ path: 'mixed.csv', size: bytes.length }], { blocksize: params.blocksize, totalMemory: 0, cpuCount: 1 });
  assert.ok(blocks.length > 3);
  for (const block of blocks) {
    const { start, end } = blockByteRange(block, bytes.length, (p) => bytes.indexOf(10, p));
    const full = readBlock(bytes.subarray(start, end), block, meta, params);
    const some = readBlock(bytes.subarray(start, end), block, meta, params, ['name', 'price']);
    assert.deepEqual(some.names, ['price', 'name']);
    assert.deepEqual(some.columns, [full.columns[2], full.columns[4]]);
    assert.equal(some.length, full.length);
  }
});
