/**
 * Issue 10, "the app survives every one of the above": from the page, a series of ordeals (bad requests over a
 * socket of the page's own origin and token, an expression that raises, an endless loop that is cancelled, an
 * allocation past the size limits, a functions block that never ends while the pipeline is planned), each
 * followed by proof that the app still serves: a good request is answered and, at the end, a new run gives the
 * right answer, with no console error on the way.
 *
 * To add an ordeal, add an entry to ORDEALS: a name and what the user (or a hostile script in the page) does; the
 * checks after each one and at the end apply to it as they are.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PipelineFile } from '../../engine/index.js';
import { requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp, type AppSession } from './support/app-session.js';
import { node, waitUntil } from './support/canvas.js';
import { openFile } from './support/files.js';

interface Ordeal {
  name: string;
  run(app: AppSession): Promise<void>;
}

/** What a script running in the page could send: each frame and the reply it got (or how the socket closed). */
async function sendFromPage(page: Page, frames: Array<string | { binary: number[] }>): Promise<Array<{ id: number; error?: { code: string; message: string; nodeId?: string }; result?: unknown } | { closed: number }>> {
  // A string, not a function: the test code is compiled without the DOM's types, which only the page has.
  return page.evaluate(`(async () => {
    const frames = ${JSON.stringify(frames)};
    const token = new URLSearchParams(location.search).get('token');
    const socket = new WebSocket('ws://' + location.host + '/socket?token=' + encodeURIComponent(token));
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    const replies = [];
    for (const frame of frames) {
      const reply = new Promise((resolve) => {
        socket.onmessage = (m) => {
          const data = JSON.parse(m.data);
          if (data.kind === 'reply') resolve(data);
        };
        socket.onclose = (e) => resolve({ closed: e.code });
      });
      socket.send(typeof frame === 'string' ? frame : new Uint8Array(frame.binary));
      replies.push(await Promise.race([reply, new Promise((resolve) => setTimeout(() => resolve({ closed: -1 }), 10000))]));
    }
    socket.close();
    return replies;
  })()`);
}

function writePipeline(app: AppSession, name: string, pipeline: PipelineFile): string {
  const file = path.join(app.workDir, name);
  fs.writeFileSync(file, JSON.stringify(pipeline));
  return file;
}

async function nodeStatus(page: Page, id: string): Promise<string> {
  return String(await node(page, id).locator('.op-node').getAttribute('aria-label'));
}

let deep = '1';
for (let i = 0; i < 5000; i++) deep = `[${deep}]`;

const ORDEALS: Ordeal[] = [
  {
    name: 'bad requests over a socket of the page',
    async run(app) {
      const pipeline = { weft: 1, nodes: [{ id: 'a', op: 'bag.from_sequence', params: { seq: '[1]' } }] };
      const replies = await sendFromPage(app.page, [
        'not json',
        JSON.stringify({ id: 1, name: 'deleteEverything', params: {} }),
        JSON.stringify({ id: 2, name: 'openFile', params: { path: 42 } }),
        `{"id": 3, "name": "validate", "params": {"pipeline": ${deep}, "baseDir": "/"}}`,
        `{"id": 4, "name": "__proto__", "params": {"__proto__": {"polluted": true}}}`,
        JSON.stringify({ id: 5, name: 'startRun', params: { pipeline: { ...pipeline, nodes: [{ id: 'a', op: 'bag.from_sequence', inputs: 7 }] }, baseDir: '/' } }),
        JSON.stringify({ id: 6, name: 'listDir', params: { path: '/tmp/\u0000' } }),
        { binary: [0, 1, 2, 255] },
        JSON.stringify({ id: 7, name: 'validate', params: { pipeline, baseDir: '/' } }),
      ]);
      assert.equal(replies.length, 9);
      for (const [i, reply] of replies.slice(0, 8).entries()) {
        assert.ok(!('closed' in reply), `frame ${i} was answered, the socket was not dropped`);
        assert.equal(typeof reply.error?.code, 'string', `frame ${i}: a typed error`);
        assert.notEqual(reply.error?.code, 'INTERNAL', `frame ${i}: ${reply.error?.message}`);
        assert.doesNotMatch(reply.error?.message ?? '', /\n\s+at |is not a function|Cannot read prop|Maximum call stack/, `frame ${i}: words for a person`);
      }
      assert.deepEqual((replies[8] as { result?: unknown }).result, [], 'a good request after the bad ones is answered');
      assert.equal(await app.page.evaluate('Object.prototype.polluted === undefined'), true);
    },
  },
  {
    name: 'an expression that raises',
    async run(app) {
      const file = writePipeline(app, 'raises.weft.json', {
        weft: 1,
        name: 'Raises',
        nodes: [
          { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 2 } },
          { id: 'inverse', op: 'bag.map', inputs: ['numbers'], params: { func: "lambda x: {'a': 1}[x]" } },
          { id: 'total', op: 'bag.count', inputs: ['inverse'] },
        ],
        layout: { numbers: { x: 0, y: 0 }, inverse: { x: 260, y: 0 }, total: { x: 520, y: 0 } },
      });
      await openFile(app.page, file);
      await app.page.getByRole('button', { name: 'Run all' }).click();
      await node(app.page, 'inverse').locator('.op-node-error', { hasText: 'KeyError' }).waitFor({ timeout: 60_000 });
      assert.match(await nodeStatus(app.page, 'inverse'), /failed$/);
      await app.screenshot('raises');
    },
  },
  {
    name: 'an endless loop on the threads scheduler, cancelled',
    async run(app) {
      const file = writePipeline(app, 'endless.weft.json', {
        weft: 1,
        name: 'Endless',
        functions: 'def spin(x):\n    while True:\n        x = x + 1\n    return x\n',
        nodes: [
          { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(4)', npartitions: 2 } },
          { id: 'forever', op: 'bag.map', inputs: ['numbers'], params: { func: 'spin' } },
          { id: 'total', op: 'bag.count', inputs: ['forever'] },
        ],
        layout: { numbers: { x: 0, y: 0 }, forever: { x: 260, y: 0 }, total: { x: 520, y: 0 } },
      });
      await openFile(app.page, file);
      await app.page.getByRole('button', { name: 'Run all' }).click();
      await waitUntil(async () => /running/.test(await nodeStatus(app.page, 'forever')), 30_000, 'the loop to run');
      await app.screenshot('endless-running');
      const cancelledAt = Date.now();
      await app.page.getByRole('button', { name: 'Cancel' }).click();
      await app.page.getByLabel('Run status').filter({ hasText: 'cancelled' }).waitFor({ timeout: 5_000 });
      assert.ok(Date.now() - cancelledAt < 5_000, 'the loop stopped within 5 s of Cancel');
      assert.match(await nodeStatus(app.page, 'forever'), /idle$/);
    },
  },
  {
    name: 'an expression that allocates past the size limits',
    async run(app) {
      const file = writePipeline(app, 'allocates.weft.json', {
        weft: 1,
        name: 'Allocates',
        nodes: [
          { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(4)', npartitions: 2 } },
          { id: 'huge', op: 'bag.map', inputs: ['numbers'], params: { func: 'lambda x: len([0] * (2**31))' } },
          { id: 'total', op: 'bag.count', inputs: ['huge'] },
        ],
        layout: { numbers: { x: 0, y: 0 }, huge: { x: 260, y: 0 }, total: { x: 520, y: 0 } },
      });
      await openFile(app.page, file);
      await app.page.getByRole('button', { name: 'Run all' }).click();
      await node(app.page, 'huge').locator('.op-node-error', { hasText: 'MemoryError' }).waitFor({ timeout: 60_000 });
      assert.match(await nodeStatus(app.page, 'huge'), /failed$/);
      await app.screenshot('allocates');
    },
  },
  {
    // The functions block runs while the pipeline is planned, on the thread that serves the app: under a budget.
    name: 'a functions block that never ends at plan time',
    async run(app) {
      const file = writePipeline(app, 'plan-forever.weft.json', {
        weft: 1,
        name: 'Plan forever',
        functions: 'while True:\n    pass\n',
        nodes: [
          { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(4)' } },
          { id: 'total', op: 'bag.count', inputs: ['numbers'] },
        ],
        layout: { numbers: { x: 0, y: 0 }, total: { x: 260, y: 0 } },
      });
      await openFile(app.page, file);
      await app.page.getByRole('button', { name: 'Run all' }).click();
      const message = app.page.getByRole('alert', { name: 'Run message' }).filter({ hasText: 'TimeoutError' });
      await message.waitFor({ timeout: 30_000 });
      assert.match(await message.innerText(), /Cannot run: .*numbers.*TimeoutError: plan-time Python/s);
      assert.equal(await app.page.getByLabel('Run status').innerText(), 'run: none yet');
      await app.screenshot('plan-forever');
    },
  },
];

/** The app still serves: a request of the page's own is answered (validation of the open document). */
async function stillServes(app: AppSession, after: string): Promise<void> {
  const replies = await sendFromPage(app.page, [JSON.stringify({ id: 1, name: 'getAppInfo', params: {} })]);
  assert.equal((replies[0] as { result?: { transport?: string } }).result?.transport, 'web', `the server answers after: ${after}`);
  assert.equal((await fetch(app.server.url)).status, 200, `the page is served after: ${after}`);
}

test('e2e: the app survives bad requests, a raising expression, a cancelled endless loop, an oversized allocation and endless plan-time code; then a new run works', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('10-app-survives');
  // Each ordeal leaves a document with changes; replacing it asks first, and the test says yes.
  app.page.on('dialog', (d) => void d.accept());
  try {
    await node(app.page, 'raw').waitFor();
    for (const ordeal of ORDEALS) {
      await ordeal.run(app);
      await stillServes(app, ordeal.name);
    }

    const file = writePipeline(app, 'works.weft.json', {
      weft: 1,
      name: 'Works',
      nodes: [
        { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(100)', npartitions: 4 } },
        { id: 'evens', op: 'bag.filter', inputs: ['numbers'], params: { predicate: 'lambda x: x % 2 == 0' } },
        { id: 'total', op: 'bag.sum', inputs: ['evens'] },
      ],
      layout: { numbers: { x: 0, y: 0 }, evens: { x: 260, y: 0 }, total: { x: 520, y: 0 } },
    });
    await openFile(app.page, file);
    await app.page.getByRole('button', { name: 'Run all' }).click();
    await node(app.page, 'total').locator('.op-node-value', { hasText: /^2450$/ }).waitFor({ timeout: 60_000 });
    await app.screenshot('new-run-works');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
