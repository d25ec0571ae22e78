import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { readTextLines, type TextReadRequest } from './read-text-lines.js';
import { blockOffsets } from './block-offsets.js';

// One parent folder for every test's files, removed when the file's tests are done.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-read-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(root, 'test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function lines(request: Partial<TextReadRequest> & { path: string }, stopAfter = Infinity): Promise<string[]> {
  const out: string[] = [];
  // As read_text's kernel calls it: errors begin with the node and its op.
  const where = request.nodeId === undefined ? undefined : `node '${request.nodeId}' (bag.read_text): `;
  await readTextLines({ compression: null, start: 0, end: null, encoding: 'utf-8', linedelimiter: null, where, ...request }, (l) => out.push(l), () => out.length >= stopAfter);
  return out;
}

test('lines keep their terminator, and the last line may have none', async () => {
  assert.deepEqual(await lines({ path: tempFile('a.txt', 'a\nb\n\nc') }), ['a\n', 'b\n', '\n', 'c']);
});

test('universal newlines turn \\r\\n and lone \\r into \\n, even when \\r\\n straddles two chunks', async () => {
  // The file is read in 1 MiB chunks: the first chunk ends with the \r of the first line's \r\n.
  const head = 'x'.repeat((1 << 20) - 1);
  const got = await lines({ path: tempFile('crlf.txt', head + '\r\n' + 'mid\rend\r\n') });
  assert.deepEqual(got, [head + '\n', 'mid\n', 'end\n']);
});

test('gzip files are decompressed as they stream', async () => {
  const file = tempFile('g.txt.gz', zlib.gzipSync('one\ntwo\n'));
  assert.deepEqual(await lines({ path: file, compression: 'gzip' }), ['one\n', 'two\n']);
});

test('blocks cover every line exactly once, each line in the block where it starts after the boundary', async () => {
  const text = Array.from({ length: 50 }, (_, i) => `line ${i} ${'y'.repeat(i % 7)}\n`).join('');
  const file = tempFile('b.txt', text);
  for (const blocksize of [1, 7, 64, 100, 1000, 10_000]) {
    const all: string[] = [];
    for (const { offset, length } of blockOffsets(Buffer.byteLength(text), blocksize)) all.push(...(await lines({ path: file, start: offset, end: offset + length })));
    assert.equal(all.join(''), text, `blocksize ${blocksize}`);
  }
});

test('an exact delimiter keeps the empty tail in whole-file mode, as Dask does', async () => {
  assert.deepEqual(await lines({ path: tempFile('d.txt', 'a;b;'), linedelimiter: ';' }), ['a;', 'b;', '']);
});

test('reading stops early when asked', async () => {
  const file = tempFile('many.txt', 'z\n'.repeat(1_000_000));
  const got = await lines({ path: file }, 3);
  assert.ok(got.length < 1_000_000);
});

test('invalid UTF-8 and missing files are clear errors naming the file', async () => {
  const bad = tempFile('bad.txt', Buffer.from([0x61, 0xff, 0x0a]));
  await assert.rejects(lines({ path: bad }), /UnicodeDecodeError: .*bad\.txt/);
  await assert.rejects(lines({ path: '/no/such/file.txt' }), /file not found: \/no\/such\/file\.txt/);
  const notGzip = tempFile('fake.gz', 'plain text');
  await assert.rejects(lines({ path: notGzip, compression: 'gzip' }), /BadGzipFile: .*fake\.gz is not a gzip file/);
});

test('decoding errors name the node, the file and the byte offset in the file, also inside a block', async () => {
  const file = tempFile('late.txt', Buffer.concat([Buffer.from('good line\n'.repeat(5)), Buffer.from([0x62, 0x61, 0x64, 0xff, 0x0a])]));
  await assert.rejects(lines({ path: file, nodeId: 'raw' }), (e: Error) => e.message.startsWith("node 'raw' (bag.read_text): UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 53") && e.message.includes(`${file}, at byte 53`));
  // The second block starts at byte 30 (after a newline): Python counts from the block, the message also from the file.
  await assert.rejects(lines({ path: file, nodeId: 'raw', start: 25, end: 60 }), (e: Error) => /position 23: invalid start byte \(in .*late\.txt, at byte 53\)/.test(e.message));
  await assert.rejects(lines({ path: file, nodeId: 'raw', encoding: 'US-ASCII' }), /'ascii' codec can't decode byte 0xff in position 53: ordinal not in range\(128\) \(in .*, at byte 53\)/);
  assert.deepEqual(await lines({ path: file, encoding: 'latin_1' }), [...Array(5).fill('good line\n'), 'bad\u00ff\n']);
});

test('a truncated gzip file and a folder are named as such', async () => {
  const whole = zlib.gzipSync(Array.from({ length: 50_000 }, (_, i) => `line ${i}\n`).join(''));
  const cut = tempFile('cut.gz', whole.subarray(0, whole.length >> 1));
  await assert.rejects(lines({ path: cut, compression: 'gzip', nodeId: 'raw' }), /^WeftError: node 'raw' \(bag\.read_text\): EOFError: Compressed file ended before the end-of-stream marker was reached \(.*cut\.gz is cut short/);
  await assert.rejects(lines({ path: path.dirname(cut), nodeId: 'raw' }), /node 'raw' \(bag\.read_text\): .* is a directory, not a file/);
});

/** The lines as a consumer that takes ASCII lines as bytes sees them, each made a string, in order. */
async function linesAsBytes(request: Partial<TextReadRequest> & { path: string }): Promise<{ lines: string[]; asBytes: number }> {
  const out: string[] = [];
  let asBytes = 0;
  const onAscii = (chunk: Buffer, start: number, ends: Int32Array, count: number) => {
    for (let i = 0; i < count; i++) out.push(chunk.toString('latin1', i === 0 ? start : ends[i - 1], ends[i]));
    asBytes += count;
  };
  await readTextLines({ compression: null, start: 0, end: null, encoding: 'utf-8', linedelimiter: null, ...request }, (l) => out.push(l), () => false, onAscii);
  return { lines: out, asBytes };
}

test('lines handed on as bytes are the same lines in the same order: across chunks, then non-ASCII and \\r from some chunk on', async () => {
  const MiB = 1 << 20;
  // Chunk 1 ends inside a line; chunk 2 is one line longer than a chunk; chunk 4 holds a non-ASCII line, chunk 5 a \r\n.
  const long = 'y'.repeat(MiB + 10) + '\n';
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `line ${i},tcp,http,SF\n`).join('');
  const ascii = filler(40_000) + long + filler(30_000);
  const text = ascii + 'café ☕\n' + filler(50_000) + 'crlf\r\n' + filler(10) + 'last line, no terminator';
  assert.ok(Buffer.byteLength(ascii) > 2 * MiB);
  for (const compression of [null, 'gzip'] as const) {
    const file = tempFile(`mixed-${compression}.txt`, compression ? zlib.gzipSync(text) : text);
    const expected = await lines({ path: file, compression });
    const got = await linesAsBytes({ path: file, compression });
    assert.deepEqual(got.lines, expected, `${compression ?? 'plain'}`);
    assert.ok(got.asBytes >= 40_000, `the ASCII chunks' lines went as bytes (${got.asBytes})`);
  }
  // All ASCII: everything but the lines across chunk boundaries goes as bytes, and the last line still comes.
  const plain = tempFile('ascii.txt', ascii + 'tail');
  const got = await linesAsBytes({ path: plain });
  assert.deepEqual(got.lines, await lines({ path: plain }));
});

test('after lines read as bytes, a decoding error still names the byte offset in the file', async () => {
  const head = 'z'.repeat((1 << 20) + 5) + '\n' + 'ok\n';
  const file = tempFile('late-bad.txt', Buffer.concat([Buffer.from(head), Buffer.from([0x61, 0xff, 0x0a])]));
  const expected = await lines({ path: file }).then(() => 'no error', (e: Error) => e.message);
  const got = await linesAsBytes({ path: file }).then(() => 'no error', (e: Error) => e.message);
  assert.match(expected, new RegExp(`position ${Buffer.byteLength(head) + 1}|byte ${Buffer.byteLength(head) + 1}`));
  assert.equal(got, expected);
});

test('lines read with another encoding, a delimiter, or as (line, path) pairs are never handed on as bytes', async () => {
  const file = tempFile('latin.txt', 'a\nb\n');
  for (const request of [{ encoding: 'latin-1' }, { linedelimiter: '\n' }]) {
    const got = await linesAsBytes({ path: file, ...request });
    assert.deepEqual(got, { lines: ['a\n', 'b\n'], asBytes: 0 }, JSON.stringify(request));
  }
});
