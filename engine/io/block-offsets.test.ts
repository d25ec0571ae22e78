import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockOffsets } from './block-offsets.js';
import { parseBytes } from './parse-bytes.js';

test("blocks follow Dask's read_bytes: spare bytes spread, empty files have none", () => {
  assert.deepEqual(blockOffsets(0, 10), []);
  assert.deepEqual(blockOffsets(10, 10), [{ offset: 0, length: 10 }]);
  assert.deepEqual(blockOffsets(25, 10), [
    { offset: 0, length: 12 },
    { offset: 12, length: 13 },
  ]);
  assert.deepEqual(blockOffsets(5, 10), [{ offset: 0, length: 5 }]);
  const many = blockOffsets(1000, 64);
  assert.equal(many.length, 15);
  assert.equal(many.reduce((n, b) => n + b.length, 0), 1000);
});

test("byte sizes parse as Dask's parse_bytes does", () => {
  assert.equal(parseBytes('64MB'), 64e6);
  assert.equal(parseBytes('1KiB'), 1024);
  assert.equal(parseBytes('1 kB'), 1000);
  assert.equal(parseBytes('MB'), 1e6);
  assert.equal(parseBytes('5.5GB'), 5.5e9);
  assert.equal(parseBytes(123), 123);
  assert.throws(() => parseBytes('12 parsecs'), /could not interpret '12 parsecs'/);
});
