/** The browser mode's guard: loopback only, the token for the page and the socket, and the page's own origin. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { startWebServer } from './server.js';

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
