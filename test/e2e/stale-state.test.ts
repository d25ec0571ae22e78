/**
 * Issue 10, item 16: nothing on screen outlives its cause. A data file copied into place is seen when the window
 * comes back to the front and on Run; run bar messages go when what they report is fixed; the status bar forgets the
 * last document's run; a cached rerun shows the nodes upstream as cached, not idle; a bag shown whole is not called a
 * preview; the download's failure, which says where to copy the file, stays until dismissed; a sample opens clean.
 * Item 18: the inspector names param types in words (split_every), and the cluster error names the dialog's field.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PipelineFile } from '../../engine/index.js';
import { KDD_FILE, requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp, type AppSession } from './support/app-session.js';
import { typeExpression } from './support/expressions.js';
import { node, select, waitUntil } from './support/canvas.js';
import { openFile } from './support/files.js';
import { openSampleFromMenu } from './support/samples.js';

const CHROMIUM = 'Chromium at /usr/bin/chromium (apt-get install chromium)';

async function nodeStatus(page: Page, id: string): Promise<string> {
  return String(await node(page, id).locator('.op-node').getAttribute('aria-label'));
}

async function waitForStatus(page: Page, id: string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  await waitUntil(async () => pattern.test(await nodeStatus(page, id)), timeoutMs, `${id} to be ${pattern}`);
}

function writePipeline(app: AppSession, name: string, pipeline: PipelineFile): string {
  const file = path.join(app.workDir, name);
  fs.writeFileSync(file, JSON.stringify(pipeline));
  return file;
}

/**
 * The window goes behind another and comes back, as when the user switches to a file manager and back. Headless
 * Chromium keeps every tab visible and focused (switching tabs fires nothing), so the events the window would get
 * are sent to it as the browser sends them.
 */
async function leaveAndComeBack(app: AppSession): Promise<void> {
  await app.page.evaluate(`(() => {
    window.dispatchEvent(new FocusEvent('blur'));
    window.dispatchEvent(new FocusEvent('focus'));
  })()`);
}

test('e2e: a data file copied into place is seen on focus and on Run; a fixed problem takes its banner with it', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), CHROMIUM)) return;
  if (!requireOrSkip(t, fs.existsSync(KDD_FILE), `the KDD file at ${KDD_FILE}`)) return;
  const app = await openApp('16-file-appears', { isWithoutSampleData: true });
  try {
    const { page } = app;
    const dataFile = path.join(app.samplesDir, 'data', path.basename(KDD_FILE));
    await waitForStatus(page, 'raw', /invalid$/);
    await node(page, 'raw').locator('.op-node-error', { hasText: 'no file matches' }).waitFor();
    await app.screenshot('01-missing');

    // Copied in while the window was behind another: coming back to it checks the files again.
    fs.mkdirSync(path.dirname(dataFile), { recursive: true });
    fs.symlinkSync(KDD_FILE, dataFile);
    await leaveAndComeBack(app);
    await waitForStatus(page, 'raw', /idle$/, 10_000);
    assert.equal(await node(page, 'raw').locator('.op-node-error').count(), 0);
    await app.screenshot('02-seen-on-focus');

    // Gone again, without the window losing focus: Run checks the disk before it decides.
    fs.rmSync(dataFile);
    await page.getByRole('button', { name: 'Run all' }).click();
    const message = page.getByRole('alert', { name: 'Run message' });
    await message.filter({ hasText: 'Cannot run: the pipeline has 1 problem' }).waitFor();
    await waitForStatus(page, 'raw', /invalid$/);
    await app.screenshot('03-run-rechecks');

    // Back in place: Run sees it and runs; the "Cannot run" banner went with its cause.
    fs.symlinkSync(KDD_FILE, dataFile);
    await page.getByRole('button', { name: 'Run all' }).click();
    await message.filter({ hasText: 'Cannot run' }).waitFor({ state: 'detached', timeout: 10_000 });
    await node(page, 'normal_count').locator('.op-node-value', { hasText: /^97278$/ }).waitFor({ timeout: 60_000 });
    await app.screenshot('04-ran');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('e2e: banners go with their cause; New forgets the last run; a cached rerun shows upstream cached; a whole bag is not a preview', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), CHROMIUM)) return;
  const app = await openApp('16-stale-banners');
  try {
    const { page } = app;
    const message = page.getByRole('alert', { name: 'Run message' });
    const runStatus = page.getByLabel('Run status');

    // "The canvas is empty" goes once the canvas has a node.
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByRole('button', { name: 'Run all' }).click();
    await message.filter({ hasText: 'Cannot run: the canvas is empty' }).waitFor();
    await app.screenshot('01-empty-canvas');
    await page.getByRole('button', { name: 'Add from_sequence', exact: true }).click();
    await message.waitFor({ state: 'detached', timeout: 5_000 });

    // "Run failed at node inverse" goes once that node is edited.
    const failing = writePipeline(app, 'failing.weft.json', {
      weft: 1,
      name: 'Failing',
      nodes: [
        { id: 'numbers', op: 'bag.from_sequence', params: { seq: '[1, 2, 3]', npartitions: 1 } },
        { id: 'inverse', op: 'bag.map', inputs: ['numbers'], params: { func: 'lambda x: 1 // (x - 2)' } },
      ],
      layout: { numbers: { x: 0, y: 0 }, inverse: { x: 260, y: 0 } },
    });
    page.once('dialog', (d) => void d.accept());
    await openFile(page, failing);
    await page.getByRole('button', { name: 'Run all' }).click();
    await message.filter({ hasText: 'Run failed at node inverse' }).waitFor({ timeout: 60_000 });
    await app.screenshot('02-run-failed');
    await select(page, 'inverse');
    await typeExpression(page, 'func', 'lambda x: x * 10');
    await message.waitFor({ state: 'detached', timeout: 5_000 });

    // A bag of 3 elements is shown whole, and says so (the preview's limit is 10).
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('valid', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Run all' }).click();
    const result = page.getByLabel('Result of inverse');
    await result.waitFor({ timeout: 60_000 });
    assert.match(await result.innerText(), /the whole bag: 3 elements\s+of a bag of 1 partition/);
    assert.doesNotMatch(await result.innerText(), /preview/);
    await node(page, 'inverse').getByText('all 3 elements, 1 partition').waitFor();
    assert.match(await runStatus.innerText(), /^run: done \(\d+ tasks\)$/);
    await waitForStatus(page, 'numbers', /done/);
    await app.screenshot('03-whole-bag');

    // Run again, unchanged: every node shows cached, the upstream one too.
    await page.getByRole('button', { name: 'Run all' }).click();
    await waitForStatus(page, 'inverse', /cached$/);
    assert.match(await nodeStatus(page, 'numbers'), /cached$/, 'upstream of a cached result is cached, not idle');
    await app.screenshot('04-cached');

    // New: the last document's run is not this one's.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'New' }).click();
    await waitUntil(async () => (await runStatus.innerText()) === 'run: none yet', 5_000, 'the status bar to forget the run');
    await app.screenshot('05-new');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('e2e: the download failure, with where to copy the file, stays until dismissed; a sample opens without an unsaved mark', { timeout: 60_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), CHROMIUM)) return;
  // The machine may or may not be online: the download goes to a local server that has no such file.
  const archive = http.createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => archive.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(archive.address() as { port: number }).port}/kddcup.data_10_percent.gz`;
  const app = await openApp('16-download-failure', { isWithoutSampleData: true, sampleDataUrl: url });
  try {
    const { page } = app;
    const title = page.getByLabel('Document');
    await node(page, 'raw').waitFor();
    assert.equal(await title.getByLabel('unsaved changes').count(), 0, 'the sample opened at start is not dirty');
    assert.doesNotMatch(await title.innerText(), /not saved/);
    await openSampleFromMenu(page, 'Set operations', 'pair_count');
    assert.equal(await title.getByLabel('unsaved changes').count(), 0, 'a sample from the menu is not dirty');
    assert.match(await title.innerText(), /\(a sample: Save as… keeps your own copy\)/);
    await app.screenshot('01-sample-clean');

    await openSampleFromMenu(page, 'Bag basics', 'raw');
    await select(page, 'raw');
    await page.getByRole('button', { name: 'Download the sample data' }).click();
    const notice = page.getByRole('status', { name: 'Notice' });
    const failure = notice.filter({ hasText: 'Download failed' });
    await failure.waitFor({ timeout: 20_000 });
    assert.match(await failure.innerText(), new RegExp(`copy it to ${path.join(app.samplesDir, 'data', 'kddcup.data_10_percent.gz').replace(/[.]/g, '\\.')}`));
    // Other notices go after 6 s; this one must still be there to be read.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    assert.equal(await failure.count(), 1, 'the failure is still shown after 7 s');
    await app.screenshot('02-download-failed');
    await page.getByRole('button', { name: 'Dismiss notice' }).click();
    await failure.waitFor({ state: 'detached', timeout: 2_000 });
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    archive.close();
  }
});

test("e2e (item 18): split_every's type in words; the cluster error names the app's interpreter field, not --python", { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), CHROMIUM)) return;
  if (!requireOrSkip(t, fs.existsSync(KDD_FILE), `the KDD file at ${KDD_FILE}`)) return;
  const app = await openApp('18-app-words');
  try {
    const { page } = app;
    await select(page, 'tag_counts');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const head = inspector.locator('.param-head', { has: page.locator('.param-name', { hasText: /^split_every$/ }) });
    assert.equal(await head.locator('.param-type').innerText(), 'whole number ≥ 2, or false · default None');
    assert.equal(await inspector.locator('.param-type', { hasText: /^(callable|key|python|int|number|bool|string|paths|json|split_every) ·/ }).count(), 0, 'no type shows its program name');
    await app.screenshot('01-split-every');

    // An interpreter without Dask: Debian's python3 without its site packages (-S), where dask lives.
    const python = path.join(app.workDir, 'python-without-dask');
    fs.writeFileSync(python, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
    fs.chmodSync(python, 0o755);
    await page.getByRole('button', { name: 'Run on Dask cluster…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run on Dask cluster' });
    await dialog.getByRole('textbox', { name: 'Scheduler address' }).fill('tcp://127.0.0.1:1');
    await dialog.getByRole('textbox', { name: 'Python interpreter' }).fill(python);
    await dialog.getByRole('button', { name: /^Run/ }).click();
    const message = page.getByRole('alert', { name: 'Run message' });
    await message.filter({ hasText: 'ModuleNotFoundError' }).waitFor({ timeout: 60_000 });
    assert.match(await message.innerText(), /it needs dask and distributed; choose another in the Python interpreter field of Run on Dask cluster…\)/);
    assert.doesNotMatch(await message.innerText(), /--python/);
    await app.screenshot('02-cluster-words');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
