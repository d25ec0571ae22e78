/** `weft start` where Electron's binary is missing (as here): the browser mode starts and prints its URL. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/environment.js';

test('weft start falls back to the browser mode, prints a tokened 127.0.0.1 URL that serves the app, stops on SIGINT', { timeout: 30_000 }, async () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-start-'));
  const env = { ...process.env, WEFT_STATE_DIR: state, DISPLAY: '', WAYLAND_DISPLAY: '' };
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}/.exec(out);
        if (match) resolve(match[0]);
      });
      child.on('exit', (code) => reject(new Error(`weft start exited with ${code}: ${out}`)));
    });
    assert.match(out, /browser mode/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script defer src="app.js">/);
    assert.equal((await fetch(url.replace(/\?token=.*/, ''))).status, 403);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  } finally {
    child.kill();
    fs.rmSync(state, { recursive: true, force: true });
  }
});
