/** The browser mode's guard: loopback only, the token for the page and the socket, and the page's own origin. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { REPO_ROOT } from '../../test/support/environment.js';
import { startWebServer } from './server.js';
import { MAX_MESSAGE_BYTES } from './wire.js';

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

test('browser mode: 127.0.0.1 only, token required for the page and the socket, foreign origins refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-web-'));
  const server = await startWebServer({ samplesDir: dir, stateDir: dir, scheduler: 'sync' });
  try {
    const url = new URL(server.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.match(server.token, /^[0-9a-f]{48}$/);
    assert.equal((await fetch(`${url.origin}/`)).status, 403);
    assert.equal((await fetch(`${url.origin}/?token=${'0'.repeat(48)}`)).status, 403);
    const page = await fetch(server.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Content-Security-Policy/);
    assert.equal(page.headers.get('content-security-policy'), "frame-ancestors 'none'");
    assert.equal((await fetch(`${url.origin}/../package.json`)).status, 404);

    const socketUrl = `ws://${url.host}/socket?token=${server.token}`;
    await assert.rejects(connect(`ws://${url.host}/socket?token=wrong`, url.origin), /403/);
    await assert.rejects(connect(socketUrl, 'http://evil.example'), /403/);
    const ws = await connect(socketUrl, url.origin);
    const reply = new Promise<{ id: number; result?: { transport: string }; error?: { code: string } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 7, name: 'getAppInfo', params: {} }));
    const answer = await reply;
    assert.equal(answer.id, 7);
    assert.equal(answer.result?.transport, 'web');
    const refused = new Promise<{ error?: { code: string; message: string } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 8, name: 'openFile', params: { path: 3 } }));
    assert.equal((await refused).error?.code, 'BAD_REQUEST');
    ws.close();
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Sends raw bytes to the server and gives back the status line of its answer ('' when it just closes). */
function rawRequest(port: number, text: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      // The status line is all a probe needs; an accepted upgrade would otherwise stay open.
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => reject(new Error(`no answer to ${JSON.stringify(String(text).slice(0, 80))}`)));
  });
}

function upgrade(path: string, headers: Record<string, string>): string {
  const lines = [`GET ${path} HTTP/1.1`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

test('browser mode: no unauthenticated request can stop it (tokens long in bytes, bad targets, odd methods, huge headers, bad upgrades)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-web-'));
  const server = await startWebServer({ samplesDir: dir, stateDir: dir, scheduler: 'sync' });
  try {
    const { port, origin } = new URL(server.url);
    const host = `127.0.0.1:${port}`;
    // 48 characters, 49 bytes: timingSafeEqual on the raw strings threw and the server exited.
    const wide = `${'a'.repeat(47)}%C3%A9`;
    const probes: Array<[string, string | Buffer, RegExp]> = [
      ['page, token 48 chars / 49 bytes', `GET /?token=${wide} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 403 /],
      ['socket, token 48 chars / 49 bytes', upgrade(`/socket?token=${wide}`, { Host: host, Origin: origin }), / 403 /],
      ['page, token of 1000 multi-byte chars', `GET /?token=${'%F0%9F%98%80'.repeat(1000)} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 403 /],
      ['page, bad percent encodings', `GET /%ZZ%C3?token=%E0%A4%A&token HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 40[34] /],
      ['page, target "//"', `GET //?token=${server.token} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 400 /],
      ['socket, target "//"', upgrade('//socket', { Host: host, Origin: origin }), / 400 /],
      ['page, absolute-form target', `GET http://evil.example/ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 400 /],
      ['odd method', `BREW /?token=${server.token} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 40[05] /],
      ['DELETE', `DELETE / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, / 405 /],
      ['huge header', `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, / 431 /],
      ['not HTTP', 'garbage\r\n\r\n', / 400 /],
      ['binary junk', Buffer.from([0, 255, 13, 10, 13, 10, 1, 2, 3]), / 400 /],
      ['upgrade without a key', `GET /socket?token=${server.token} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`, / 400 /],
      ['upgrade to another path', upgrade(`/other?token=${server.token}`, { Host: host, Origin: origin }), / 404 /],
      ['upgrade without an origin', upgrade(`/socket?token=${server.token}`, { Host: host }), / 403 /],
    ];
    for (const [what, request, expected] of probes) {
      assert.match(await rawRequest(Number(port), request), expected, what);
      assert.equal((await fetch(server.url)).status, 200, `still serving after: ${what}`);
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('browser mode: the Host header must be 127.0.0.1 or localhost on its port, for the page and the socket', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-web-'));
  const server = await startWebServer({ samplesDir: dir, stateDir: dir, scheduler: 'sync' });
  try {
    const { port } = new URL(server.url);
    const page = (hostHeader: string) => rawRequest(Number(port), `GET /?token=${server.token} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    const socket = (hostHeader: string, origin: string) => rawRequest(Number(port), upgrade(`/socket?token=${server.token}`, { Host: hostHeader, Origin: origin }));
    assert.match(await page(`127.0.0.1:${port}`), / 200 /);
    assert.match(await page(`localhost:${port}`), / 200 /);
    assert.match(await page(`LOCALHOST:${port}`), / 200 /, 'host names are case-insensitive');
    for (const other of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `[::1]:${port}`, `127.0.0.1:${port}.evil.example`, '']) {
      assert.match(await page(other), / 421 /, `page with Host ${JSON.stringify(other)}`);
      assert.match(await socket(other, `http://127.0.0.1:${port}`), / 421 /, `socket with Host ${JSON.stringify(other)}`);
    }
    assert.match(await socket(`localhost:${port}`, `http://localhost:${port}`), / 101 /, 'a page opened as localhost may open its socket');
    assert.match(await socket(`127.0.0.1:${port}`, `http://evil.example:${port}`), / 403 /);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('weft start --browser --port N on a busy port: one line saying so, exit 2, no stack', { timeout: 30_000 }, async () => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const { port } = busy.address() as net.AddressInfo;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-web-'));
  try {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'start', '--browser', '--port', String(port)], { env: { ...process.env, WEFT_STATE_DIR: dir, DISPLAY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(stderr, `weft: port ${port} is in use; choose another with --port or omit it\n`);
    assert.equal(stdout, '');
    assert.equal(code, 2);
  } finally {
    busy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('browser mode: a message over the size limit or a malformed frame closes that socket only; the server goes on', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-web-'));
  const server = await startWebServer({ samplesDir: dir, stateDir: dir, scheduler: 'sync' });
  try {
    const url = new URL(server.url);
    const socketUrl = `ws://${url.host}/socket?token=${server.token}`;
    const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    const big = await connect(socketUrl, url.origin);
    const bigClosed = closeCode(big);
    big.send(JSON.stringify({ id: 1, name: 'validate', params: { pipeline: { nodes: [] }, baseDir: 'x'.repeat(MAX_MESSAGE_BYTES) } }));
    assert.equal(await bigClosed, 1009, 'message too big');

    // Frames a browser never sends, written on the raw connection: an unmasked frame, a reserved opcode, a bad length.
    for (const frame of [Buffer.from([0x81, 0x02, 0x7b, 0x7d]), Buffer.from([0x83, 0x80, 0, 0, 0, 0]), Buffer.from([0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])]) {
      const raw = net.connect(Number(url.port), '127.0.0.1');
      await new Promise<void>((resolve) => raw.once('connect', resolve));
      const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
      raw.on('error', () => {});
      let handshake = '';
      raw.on('data', (chunk) => {
        handshake += chunk.toString('latin1');
        if (handshake.startsWith('HTTP/1.1 101') && handshake.includes('\r\n\r\n') && !raw.destroyed) {
          handshake = '-';
          raw.write(frame);
        }
      });
      raw.write(upgrade(`/socket?token=${server.token}`, { Host: url.host, Origin: url.origin }));
      await closed;
    }

    const ws = await connect(socketUrl, url.origin);
    const reply = new Promise<{ result?: { transport: string } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 2, name: 'getAppInfo', params: {} }));
    assert.equal((await reply).result?.transport, 'web');
    ws.close();
    assert.equal((await fetch(server.url)).status, 200);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
