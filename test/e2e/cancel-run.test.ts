/**
 * Acceptance 4: a long run (400 tasks of real work) is cancelled mid-way: every node is idle again within a second,
 * the app answered clicks while it ran, and a new run can start afterwards.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { serializePipeline } from '../../engine/index.js';
import { requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { node, select, waitUntil } from './support/canvas.js';
import { openFile } from './support/files.js';

const IDS = ['numbers', 'work', 'total'];

test('e2e: cancel a long run: nodes back to idle within 1 s, app responsive, runs again', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('4-cancel-run');
  try {
    const { page } = app;
    // About 7 s on two workers: long enough to cancel in the middle, short enough if cancelling were broken.
    const file = path.join(app.workDir, 'long.weft.json');
    fs.writeFileSync(
      file,
      serializePipeline({
        weft: 1,
        name: 'Long run',
        nodes: [
          { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(400)', npartitions: 400 } },
          { id: 'work', op: 'bag.map', inputs: ['numbers'], params: { func: 'lambda x: sum(range(200000))' } },
          { id: 'total', op: 'bag.sum', inputs: ['work'] },
        ],
        layout: { numbers: { x: 0, y: 0 }, work: { x: 260, y: 0 }, total: { x: 520, y: 0 } },
      }),
    );
    await openFile(page, file);
    await node(page, 'total').waitFor();

    const label = (id: string) => node(page, id).locator('.op-node').getAttribute('aria-label').then(String);
    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'work').locator('.op-node-state', { hasText: /running [1-9]\d*\/\d+/ }).waitFor({ timeout: 30_000 });

    // Responsive while running: selecting a node updates the inspector at once.
    const clickedAt = Date.now();
    await select(page, 'numbers');
    const selectMs = Date.now() - clickedAt;
    assert.ok(selectMs < 1000, `selecting a node during a run took ${selectMs} ms`);
    await app.screenshot('01-running');
    const progress = await label('work');
    const running = /running (\d+)\/(\d+)/.exec(progress);
    assert.ok(running && Number(running[1]) < Number(running[2]), `the run is in the middle: ${progress}`);

    await page.getByRole('button', { name: 'Cancel' }).click();
    const cancelledAt = Date.now();
    await waitUntil(async () => (await Promise.all(IDS.map(label))).every((l) => l.endsWith(', idle')), 5000, 'every node to be idle');
    const idleMs = Date.now() - cancelledAt;
    t.diagnostic(`every node idle ${idleMs} ms after Cancel; selecting a node mid-run took ${selectMs} ms`);
    assert.ok(idleMs <= 1000, `nodes went idle ${idleMs} ms after Cancel`);
    assert.match(await page.getByLabel('Run status').innerText(), /^run: cancelled \(\d+ tasks\)$/);
    await app.screenshot('02-cancelled');
    for (const id of IDS) assert.match(await label(id), /idle$/);

    // The session is free again: a new run starts.
    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'work').locator('.op-node-state', { hasText: /running \d+\/\d+/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Run status').filter({ hasText: 'cancelled' }).waitFor({ timeout: 5000 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
