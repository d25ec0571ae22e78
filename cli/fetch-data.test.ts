import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

import { FetchDataError, fetchData, KDD_10_PERCENT } from './fetch-data.js';

// Deterministic bytes, big enough to arrive in several chunks.
const PAYLOAD = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31 + (i >> 8)) & 0xff));
const PAYLOAD_MD5 = createHash('md5').update(PAYLOAD).digest('hex');

let server: http.Server;
let base: string;
let requests: string[] = [];
let dir: string;
const dirs: string[] = [];

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/data') {
    res.writeHead(200, { 'content-length': PAYLOAD.length });
    res.end(PAYLOAD);
  } else if (url === '/no-length') {
    // Chunked: the client learns nothing of the total up front.
    res.writeHead(200);
    res.write(PAYLOAD.subarray(0, 1000));
    res.end(PAYLOAD.subarray(1000));
  } else if (url === '/wrong') {
    const wrong = Buffer.from(PAYLOAD);
    wrong[12345] ^= 0xff;
    res.writeHead(200, { 'content-length': wrong.length });
    res.end(wrong);
  } else if (url === '/huge') {
    res.writeHead(200);
    res.end(Buffer.concat([PAYLOAD, PAYLOAD]));
  } else if (url === '/redirect') {
    res.writeHead(302, { location: '/hop' });
    res.end();
  } else if (url === '/hop') {
    res.writeHead(301, { location: `${base}/data` });
    res.end('moved');
  } else if (url.startsWith('/loop')) {
    const n = Number(url.slice('/loop'.length) || '0');
    res.writeHead(307, { location: `/loop${n + 1}` });
    res.end();
  } else if (url === '/stall' || url === '/half') {
    // Headers and part of the body, then nothing: the client must abort or time out.
    res.writeHead(200, { 'content-length': PAYLOAD.length });
    res.write(PAYLOAD.subarray(0, 1000));
    if (url === '/half') setTimeout(() => res.destroy(), 20);
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  }
}

async function listen(handler: http.RequestListener): Promise<http.Server> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return s;
}

function close(s: http.Server): Promise<void> {
  s.closeAllConnections();
  return new Promise((resolve) => s.close(() => resolve()));
}

const expected = { expectedSize: PAYLOAD.length, expectedMd5: PAYLOAD_MD5 };

async function assertOnly(names: string[]): Promise<void> {
  assert.deepEqual((await readdir(dir)).sort(), names.sort());
}

describe('fetchData', () => {
  before(async () => {
    server = await listen((req, res) => {
      requests.push(req.url ?? '');
      route(req, res);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await close(server);
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  beforeEach(async () => {
    requests = [];
    dir = await mkdtemp(path.join(os.tmpdir(), 'weft-fetch-'));
    dirs.push(dir);
  });

  it('describes the KDD 10% file', () => {
    assert.equal(KDD_10_PERCENT.url, 'http://kdd.ics.uci.edu/databases/kddcup99/kddcup.data_10_percent.gz');
    assert.equal(KDD_10_PERCENT.size, 2144903);
    assert.equal(KDD_10_PERCENT.md5, 'c421989ff187d340c1265ac3080a3229');
    assert.equal(KDD_10_PERCENT.fileName, 'kddcup.data_10_percent.gz');
  });

  it('downloads, verifies and renames into place, creating the folder', async () => {
    const dest = path.join(dir, 'nested', 'data', 'file.gz');
    const progress: Array<[number, number | null]> = [];
    const result = await fetchData({
      url: `${base}/data`,
      dest,
      ...expected,
      onProgress: (received, total) => progress.push([received, total]),
    });
    assert.deepEqual(result, { path: dest, bytes: PAYLOAD.length, alreadyPresent: false });
    assert.deepEqual(await readFile(dest), PAYLOAD);
    assert.deepEqual(await readdir(path.dirname(dest)), ['file.gz']);
    assert.deepEqual(progress[0], [0, PAYLOAD.length]);
    assert.deepEqual(progress.at(-1), [PAYLOAD.length, PAYLOAD.length]);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]![0] >= progress[i - 1]![0]);
  });

  it('reports a null total when the server sends no Content-Length', async () => {
    const dest = path.join(dir, 'file.gz');
    const totals = new Set<number | null>();
    await fetchData({ url: `${base}/no-length`, dest, ...expected, onProgress: (_, total) => totals.add(total) });
    assert.deepEqual([...totals], [null]);
    assert.deepEqual(await readFile(dest), PAYLOAD);
  });

  it('accepts an upper-case MD5', async () => {
    const dest = path.join(dir, 'file.gz');
    await fetchData({ url: `${base}/data`, dest, ...expected, expectedMd5: PAYLOAD_MD5.toUpperCase() });
    assert.deepEqual(await readFile(dest), PAYLOAD);
  });

  it('does nothing when a verified copy is already there', async () => {
    const dest = path.join(dir, 'file.gz');
    await writeFile(dest, PAYLOAD);
    const result = await fetchData({ url: `${base}/data`, dest, ...expected });
    assert.deepEqual(result, { path: dest, bytes: PAYLOAD.length, alreadyPresent: true });
    assert.deepEqual(requests, []);
  });

  it('replaces an existing copy with the wrong content', async () => {
    const dest = path.join(dir, 'file.gz');
    const corrupt = Buffer.alloc(PAYLOAD.length, 7);
    await writeFile(dest, corrupt);
    const result = await fetchData({ url: `${base}/data`, dest, ...expected });
    assert.equal(result.alreadyPresent, false);
    assert.deepEqual(await readFile(dest), PAYLOAD);
    assert.deepEqual(requests, ['/data']);
  });

  it('rejects a checksum mismatch with FETCH_CHECKSUM and leaves no file', async () => {
    const dest = path.join(dir, 'file.gz');
    const err = await fetchData({ url: `${base}/wrong`, dest, ...expected }).then(
      () => assert.fail('should reject'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof FetchDataError);
    assert.equal(err.code, 'FETCH_CHECKSUM');
    assert.match(err.message, new RegExp(`expected ${PAYLOAD.length} bytes with MD5 ${PAYLOAD_MD5}`));
    assert.match(err.message, new RegExp(`got ${PAYLOAD.length} bytes with MD5 [0-9a-f]{32}`));
    await assertOnly([]);
  });

  it('keeps the old file when the new download does not verify', async () => {
    const dest = path.join(dir, 'file.gz');
    await writeFile(dest, 'old');
    await assert.rejects(fetchData({ url: `${base}/wrong`, dest, ...expected }), { code: 'FETCH_CHECKSUM' });
    assert.equal(await readFile(dest, 'utf8'), 'old');
    await assertOnly(['file.gz']);
  });

  it('stops reading a body larger than expected', async () => {
    const dest = path.join(dir, 'file.gz');
    await assert.rejects(fetchData({ url: `${base}/huge`, dest, ...expected }), {
      code: 'FETCH_CHECKSUM',
      message: new RegExp(`got more than ${PAYLOAD.length} bytes`),
    });
    await assertOnly([]);
  });

  it('rejects a 404 with FETCH_HTTP naming the status and URL', async () => {
    const dest = path.join(dir, 'file.gz');
    const err = await fetchData({ url: `${base}/missing`, dest, ...expected }).then(
      () => assert.fail('should reject'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof FetchDataError);
    assert.equal(err.code, 'FETCH_HTTP');
    assert.equal(err.status, 404);
    assert.equal(err.url, `${base}/missing`);
    assert.equal(err.message, `HTTP 404 Not Found from ${base}/missing`);
    await assertOnly([]);
  });

  it('follows relative and absolute redirects', async () => {
    const dest = path.join(dir, 'file.gz');
    const result = await fetchData({ url: `${base}/redirect`, dest, ...expected });
    assert.equal(result.bytes, PAYLOAD.length);
    assert.deepEqual(await readFile(dest), PAYLOAD);
    assert.deepEqual(requests, ['/redirect', '/hop', '/data']);
  });

  it('gives up after 5 redirects', async () => {
    const dest = path.join(dir, 'file.gz');
    await assert.rejects(fetchData({ url: `${base}/loop`, dest, ...expected }), {
      code: 'FETCH_HTTP',
      message: /more than 5 redirects/,
    });
    assert.deepEqual(requests, ['/loop', '/loop1', '/loop2', '/loop3', '/loop4', '/loop5']);
    await assertOnly([]);
  });

  it('reports a refused connection as FETCH_NETWORK with the manual fallback', async () => {
    const closed = await listen(() => {});
    const port = (closed.address() as AddressInfo).port;
    await close(closed);
    const dest = path.join(dir, 'file.gz');
    const err = await fetchData({ url: `http://127.0.0.1:${port}/data`, dest, ...expected }).then(
      () => assert.fail('should reject'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof FetchDataError);
    assert.equal(err.code, 'FETCH_NETWORK');
    assert.match(err.message, /ECONNREFUSED/);
    assert.match(err.message, /may be offline/);
    assert.ok(err.message.includes(`copy it to ${dest}`), err.message);
    await assertOnly([]);
  });

  it('reports a connection dropped mid-body as FETCH_NETWORK', async () => {
    const dest = path.join(dir, 'file.gz');
    await assert.rejects(fetchData({ url: `${base}/half`, dest, ...expected }), { code: 'FETCH_NETWORK' });
    await assertOnly([]);
  });

  it('times out a stalled download as FETCH_NETWORK', async () => {
    const dest = path.join(dir, 'file.gz');
    await assert.rejects(fetchData({ url: `${base}/stall`, dest, ...expected, timeoutMs: 100 }), {
      code: 'FETCH_NETWORK',
      message: /no data for 0.1 s.*may be offline/,
    });
    await assertOnly([]);
  });

  it('honours an abort mid-download and removes the temp file', async () => {
    const dest = path.join(dir, 'file.gz');
    const controller = new AbortController();
    const promise = fetchData({
      url: `${base}/stall`,
      dest,
      ...expected,
      signal: controller.signal,
      onProgress: (received) => {
        if (received > 0) controller.abort();
      },
    });
    await assert.rejects(promise, { name: 'AbortError', code: 'ABORT_ERR' });
    await assertOnly([]);
  });

  it('honours an abort while waiting for the response', async () => {
    const hang = await listen(() => {});
    const port = (hang.address() as AddressInfo).port;
    const dest = path.join(dir, 'file.gz');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    try {
      await assert.rejects(
        fetchData({ url: `http://127.0.0.1:${port}/`, dest, ...expected, signal: controller.signal }),
        { name: 'AbortError' },
      );
    } finally {
      await close(hang);
    }
    await assertOnly([]);
  });

  it('rejects an already-aborted signal without a request', async () => {
    const dest = path.join(dir, 'sub', 'file.gz');
    await assert.rejects(fetchData({ url: `${base}/data`, dest, ...expected, signal: AbortSignal.abort() }), {
      name: 'AbortError',
    });
    assert.deepEqual(requests, []);
  });

  it('validates its options', async () => {
    const dest = path.join(dir, 'file.gz');
    await assert.rejects(fetchData({ url: 'ftp://127.0.0.1/x', dest }), { code: 'FETCH_OPTIONS' });
    await assert.rejects(fetchData({ url: `${base}/data`, dest, expectedMd5: 'abc' }), { code: 'FETCH_OPTIONS' });
    await assert.rejects(fetchData({ url: `${base}/data`, dest, expectedSize: -1 }), { code: 'FETCH_OPTIONS' });
    assert.deepEqual(requests, []);
  });
});
