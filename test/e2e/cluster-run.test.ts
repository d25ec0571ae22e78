/**
 * Run on Dask cluster against a real local cluster (a dask-scheduler and two dask-workers on 127.0.0.1): the
 * set-operations sample's results on its nodes equal a local run's; a worker's exception shows on its node, red, in
 * place; a run can be cancelled; a malformed address is refused in the dialog; an unreachable scheduler is a clear
 * error naming its address. The cluster is stopped whatever happens.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { KDD_FILE, PYTHON, hasDask, requireOrSkip, requireKddFile } from '../support/environment.js';
import { freePort, hasDistributed, startDaskCluster, WORKER_FAILURE_PIPELINE, type DaskCluster } from '../support/dask-cluster.js';
import { hasChromium } from './support/browser.js';
import { openApp, type AppSession } from './support/app-session.js';
import { node, unnamedControls, waitUntil } from './support/canvas.js';
import { openFile } from './support/files.js';
import { openSampleFromMenu } from './support/samples.js';

/** Every output of the sample: three counts and a `take` (a tuple in Dask, which must show as Weft shows it). */
const OUTPUTS = ['protocol_count', 'protocol_list', 'service_count', 'pair_count'];

async function runOnCluster(page: Page, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Run on Dask cluster…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run on Dask cluster' });
  await dialog.getByRole('textbox', { name: 'Scheduler address' }).fill(address);
  assert.equal(await dialog.getByRole('textbox', { name: 'Python interpreter' }).inputValue(), PYTHON);
  await dialog.getByRole('button', { name: 'Run' }).click();
  // The dialog closes once the run has started (after the data files are checked again, a round trip to the host).
  await dialog.waitFor({ state: 'detached' });
}

/** What the output nodes show: their values. */
async function outputValues(page: Page): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const id of OUTPUTS) values[id] = await node(page, id).locator('.op-node-value').innerText();
  return values;
}

test('e2e: Run on Dask cluster: the same results on the nodes as a local run, errors in place, cancel, unreachable scheduler', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  if (!requireKddFile(t)) return;
  if (!requireOrSkip(t, hasDask() && hasDistributed(), "Debian's python3-dask and python3-distributed")) return;
  let cluster: DaskCluster | null = null;
  let app: AppSession | null = null;
  try {
    cluster = await startDaskCluster();
    app = await openApp('cluster-run');
    const { page } = app;
    const message = page.getByLabel('Run message');

    // On the cluster first, in a window that has not run anything, so every value shown came from the cluster.
    await openSampleFromMenu(page, 'Set operations', 'pair_count');
    await runOnCluster(page, cluster.address);
    await waitUntil(async () => /on the Dask cluster \d+%$/.test(String(await node(page, 'pair_count').locator('.op-node').getAttribute('aria-label'))), 30_000, 'cluster progress on the nodes');
    await app.screenshot('01-running-on-cluster');
    await message.filter({ hasText: `Run on the Dask cluster at ${cluster.address} finished in` }).waitFor({ timeout: 120_000 });
    const remote = await outputValues(page);
    assert.equal(remote.pair_count, '198');
    for (const id of OUTPUTS) assert.match(String(await node(page, id).locator('.op-node').getAttribute('aria-label')), new RegExp(`^${id}: \\w+, done on the Dask cluster$`));
    await app.screenshot('02-cluster-results');

    // The same sample opened again (no results) and run on Weft's engine: the same values on the same nodes.
    await openSampleFromMenu(page, 'Set operations', 'pair_count');
    // The node of the same id is on the canvas before and after the reopen: wait for the new document to replace it.
    await waitUntil(async () => (await node(page, 'pair_count').locator('.op-node-value').count()) === 0, 5000, 'a reopened document to show no results');
    await page.getByRole('button', { name: 'Run all' }).click();
    await message.filter({ hasText: /^Run finished in/ }).waitFor({ timeout: 120_000 });
    assert.deepEqual(await outputValues(page), remote);

    // A worker's exception: on its node, red, with Python's message, in place.
    const failing = path.join(app.workDir, 'failing.weft.json');
    const layout = { nums: { x: 0, y: 0 }, inverse: { x: 260, y: 0 }, total: { x: 520, y: 0 } };
    fs.writeFileSync(failing, JSON.stringify({ ...WORKER_FAILURE_PIPELINE, layout }));
    await openFile(page, failing);
    await node(page, 'inverse').waitFor();
    await runOnCluster(page, cluster.address);
    await node(page, 'inverse').locator('.op-node.state-failed .op-node-error', { hasText: 'ZeroDivisionError: integer division or modulo by zero' }).waitFor({ timeout: 120_000 });
    assert.equal(await node(page, 'inverse').locator('.op-node').getAttribute('aria-label'), 'inverse: map, failed');
    await message.filter({ hasText: "Run failed at node inverse: node 'inverse' failed on the Dask cluster: ZeroDivisionError" }).waitFor();
    await app.screenshot('03-worker-error-in-place');

    // Cancel: the interpreter is stopped, the nodes go back to idle, and the app can run again.
    await runOnCluster(page, cluster.address);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await message.filter({ hasText: 'Run cancelled.' }).waitFor({ timeout: 30_000 });
    for (const id of ['nums', 'inverse', 'total']) assert.match(String(await node(page, id).locator('.op-node').getAttribute('aria-label')), /, idle$/);
    assert.equal(await page.getByRole('button', { name: 'Run on Dask cluster…' }).isEnabled(), true);

    // A malformed address is refused before anything starts, in the dialog.
    await page.getByRole('button', { name: 'Run on Dask cluster…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run on Dask cluster' });
    await dialog.getByRole('textbox', { name: 'Scheduler address' }).fill('127.0.0.1:8786');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await dialog.getByRole('alert').filter({ hasText: "the scheduler address must look like tcp://127.0.0.1:8786, not '127.0.0.1:8786'" }).waitFor();
    await app.screenshot('04-malformed-address');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // An address where no scheduler listens: the run fails with the address and Dask's reason.
    const nowhere = `tcp://127.0.0.1:${await freePort()}`;
    await runOnCluster(page, nowhere);
    await message.filter({ hasText: `Run failed: cannot reach the Dask scheduler at ${nowhere}: OSError: Timed out trying to connect` }).waitFor({ timeout: 120_000 });
    await app.screenshot('05-unreachable');
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app?.close();
    await cluster?.stop();
  }
});
