/**
 * Acceptance 2: the set-operations tutorial from the Samples menu, run: the product count shows 198 (3 protocols x
 * 66 services, Dask's answer), and the task graph view draws the compiled tasks, all done, with their count.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadPipelineFile, planPipeline } from '../../engine/index.js';
import { KDD_FILE, requireOrSkip, requireKddFile } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { node, unnamedControls } from './support/canvas.js';

test('e2e: open the set-operations sample, run: product count 198, task graph shows its tasks', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  if (!requireKddFile(t)) return;
  const app = await openApp('2-sample-and-task-graph');
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'Samples' }).click();
    await page.getByRole('menuitem', { name: 'Set operations' }).click();
    await node(page, 'pair_count').waitFor();
    await app.screenshot('01-opened');

    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'pair_count').locator('.op-node-value', { hasText: /^198$/ }).waitFor({ timeout: 60_000 });
    await node(page, 'protocol_count').locator('.op-node-value', { hasText: /^3$/ }).waitFor();
    await node(page, 'service_count').locator('.op-node-value', { hasText: /^66$/ }).waitFor();
    await app.screenshot('02-ran');

    await page.getByRole('tab', { name: 'Task graph' }).click();
    const expected = planPipeline(loadPipelineFile(path.join(app.samplesDir, 'set-operations.weft.json')), { baseDir: app.samplesDir }).optimized.tasks.size;
    const tasks = page.locator('svg g.task');
    await tasks.first().waitFor();
    assert.equal(await tasks.count(), expected, 'one box per compiled task');
    assert.equal(await page.locator('svg g.task-done').count(), expected, 'every task is colored done after the run');
    assert.match(await page.getByLabel('Task count').innerText(), new RegExp(`^${expected} tasks \\(\\d+ before fusion\\) · ${expected} done`));
    await app.screenshot('03-task-graph');
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
