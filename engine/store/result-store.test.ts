import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ResultStore, SPILL_AT, SPILL_TO, type PayloadCodec } from './result-store.js';
import { removeStaleSpillFolders } from './spill-folder.js';
import { WeftError } from '../errors.js';

const bytes: PayloadCodec<Uint8Array> = { sizeOf: (p) => p.byteLength, toBytes: (p) => p, fromBytes: (b) => new Uint8Array(b) };

// One parent folder for every test's spill folder, removed when the file's tests are done.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-store-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function tempDir(): string {
  return fs.mkdtempSync(path.join(root, 'test-'));
}

const block = (fill: number, size = 200) => new Uint8Array(size).fill(fill);

test('past the spill threshold the least recently used results go to disk and come back intact', () => {
  const spillDir = tempDir();
  const events: string[] = [];
  const store = new ResultStore(bytes, { memoryLimit: 1000, spillDir, onSpill: (e) => events.push(`${e.kind}:${e.keys.join(',')}`) });
  for (let i = 0; i < 6; i++) store.put(`k${i}`, block(i));
  assert.ok(store.stats.partitionsSpilled > 0);
  assert.ok(store.stats.peakBytesHeld <= SPILL_AT * 1000 + 200);
  assert.equal(store.size, 6);
  assert.ok(events[0].startsWith('spill:k0'), 'the oldest result spills first');
  const folders = fs.readdirSync(spillDir);
  assert.equal(folders.length, 1);
  assert.ok(fs.existsSync(path.join(spillDir, folders[0], 'spill.db')));
  for (let i = 0; i < 6; i++) assert.deepEqual(store.get(`k${i}`), block(i), `k${i}`);
  assert.ok(store.stats.partitionsReadBack > 0);
  for (let i = 0; i < 6; i++) store.release(`k${i}`);
  assert.equal(store.size, 0);
  store.close();
  assert.deepEqual(fs.readdirSync(spillDir), [], 'closing removes the spill folder');
});

test('a last read of a spilled result does not bring it back into memory', () => {
  const store = new ResultStore(bytes, { memoryLimit: 1000, spillDir: tempDir() });
  for (let i = 0; i < 5; i++) store.put(`k${i}`, block(i));
  const spilledBefore = store.stats.partitionsSpilled;
  assert.deepEqual(store.get('k0', true), block(0));
  assert.equal(store.stats.partitionsSpilled, spilledBefore, 'nothing else was pushed out');
  store.close();
});

test('without a limit nothing is counted or spilled', () => {
  const store = new ResultStore(bytes, { spillDir: '/nonexistent' });
  for (let i = 0; i < 100; i++) store.put(`k${i}`, block(i, 10_000));
  assert.equal(store.stats.partitionsSpilled, 0);
  store.close();
});

test('a spill folder that cannot be created is an error naming it', () => {
  const file = path.join(tempDir(), 'a-file');
  fs.writeFileSync(file, 'not a folder');
  const store = new ResultStore(bytes, { memoryLimit: 100, spillDir: path.join(file, 'spill') });
  assert.throws(
    () => {
      for (let i = 0; i < 3; i++) store.put(`k${i}`, block(i));
    },
    (e: unknown) => e instanceof WeftError && e.code === 'IO' && e.message.includes(path.join(file, 'spill')),
  );
  store.close();
});

test('a spill database deleted under a run is an error naming it', () => {
  const spillDir = tempDir();
  const store = new ResultStore(bytes, { memoryLimit: 1000, spillDir });
  for (let i = 0; i < 6; i++) store.put(`k${i}`, block(i));
  const folder = path.join(spillDir, fs.readdirSync(spillDir)[0]);
  fs.rmSync(folder, { recursive: true, force: true });
  assert.throws(() => store.get('k0'), (e: unknown) => e instanceof WeftError && e.message.includes(path.join(folder, 'spill.db')));
  store.close();
});

test('spill folders of processes that are gone are removed, those of live ones kept', () => {
  const spillDir = tempDir();
  fs.mkdirSync(path.join(spillDir, 'weft-spill-999999999-abc'));
  fs.mkdirSync(path.join(spillDir, `weft-spill-${process.pid}-def`));
  fs.mkdirSync(path.join(spillDir, 'unrelated'));
  assert.deepEqual(removeStaleSpillFolders(spillDir), ['weft-spill-999999999-abc']);
  assert.deepEqual(fs.readdirSync(spillDir).sort(), ['unrelated', `weft-spill-${process.pid}-def`]);
});

test('thresholds are ordered', () => {
  assert.ok(SPILL_TO < SPILL_AT);
});

test('a spilled result stays spilled: read back for each use, written once, gone after its last use', () => {
  const written: string[] = [];
  const store = new ResultStore(bytes, { memoryLimit: 1000, spillDir: tempDir(), onSpill: (e) => e.kind === 'spill' && written.push(...e.keys) });
  for (let i = 0; i < 5; i++) store.put(`k${i}`, block(i));
  assert.ok(written.includes('k0'));
  assert.deepEqual(store.get('k0'), block(0));
  assert.ok(!store['held'].has('k0'), 'reading it back does not hold it in memory again');
  for (let i = 5; i < 12; i++) store.put(`k${i}`, block(i));
  assert.deepEqual(store.get('k0', true), block(0), 'it reads back intact again');
  assert.equal(written.filter((k) => k === 'k0').length, 1, 'and was written only once');
  assert.ok(!store.has('k0'), 'its last use removed it');
  store.close();
});
