/**
 * Import Python script: a script with a line the importer cannot read opens nothing, lists that line by number, and
 * leaves the canvas as it was; a hand-written Dask script of the export's shape opens as a new, unsaved document
 * whose nodes are on the canvas and run.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { canvasSnapshot, node, unnamedControls } from './support/canvas.js';
import { chooseInFileDialog } from './support/files.js';
import { requireOrSkip } from '../support/environment.js';

const SCRIPT = `"""Evens

Sums the even numbers below ten.
"""
import dask.bag as db

nums = db.from_sequence(range(10), npartitions=2)
evens = nums.filter(lambda x: x % 2 == 0)
total = evens.sum()
print(total.compute())
`;

async function importScript(page: import('playwright-core').Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Import Python script…' }).click();
  await chooseInFileDialog(page, 'Import Python script', file);
}

test('e2e: Import Python script: unreadable lines are listed by number and replace nothing; a readable script opens on the canvas', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('import-script');
  try {
    const { page } = app;
    await node(page, 'kv').waitFor();
    const before = await canvasSnapshot(page);

    const broken = path.join(app.workDir, 'broken.py');
    fs.writeFileSync(broken, SCRIPT.replace('evens = nums.filter(lambda x: x % 2 == 0)', 'evens = nums.filter(lambda x: x % 2 == 0).frobnicate(3)'));
    await importScript(page, broken);
    const message = page.getByRole('alert', { name: 'Run message' });
    await message.filter({ hasText: `Cannot import ${broken}: 1 line could not be read, so nothing was opened` }).waitFor();
    await message.getByText(/broken\.py:8: \.frobnicate\(\) is not an operation Weft has/).waitFor();
    assert.deepEqual(await canvasSnapshot(page), before, 'the canvas is as it was');
    await app.screenshot('01-unreadable');

    const script = path.join(app.workDir, 'evens.py');
    fs.writeFileSync(script, SCRIPT);
    await importScript(page, script);
    for (const id of ['nums', 'evens', 'total']) await node(page, id).waitFor();
    assert.equal(await page.locator('.react-flow__node').count(), 3);
    assert.equal(await page.locator('.react-flow__edge').count(), 2);
    await page.getByRole('status', { name: 'Notice' }).filter({ hasText: `Imported ${script}: 3 nodes` }).waitFor();
    // A new document, not saved anywhere yet: its name from the docstring, the unsaved mark on.
    await page.getByLabel('Document').filter({ hasText: 'Evens' }).getByLabel('unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'total').locator('.op-node-value', { hasText: /^20$/ }).waitFor({ timeout: 60_000 });
    await app.screenshot('02-imported-and-ran');
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
