/**
 * Acceptance 1: from an empty canvas a user drags read_text, filter and count from the palette, connects them, sets
 * the KDD path and the predicate, and runs: the count node shows 97278, the number of normal connections (Dask's
 * answer for the tutorial, recorded in test/fixtures and in the README).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { KDD_FILE, requireOrSkip, requireKddFile } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { typeExpression } from './support/expressions.js';
import { connect, dragFromPalette, node, select, unnamedControls } from './support/canvas.js';
import { chooseInFileDialog } from './support/files.js';

test('e2e: drag read_text, filter and count, connect, set path and predicate, run: count shows 97278', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  if (!requireKddFile(t)) return;
  const app = await openApp('1-build-and-run');
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    assert.equal(await page.locator('.react-flow__node').count(), 0, 'New gives an empty canvas');

    await dragFromPalette(page, 'read_text', { x: 120, y: 200 });
    await dragFromPalette(page, 'filter', { x: 420, y: 200 });
    await dragFromPalette(page, 'count', { x: 720, y: 200 });
    for (const id of ['read_text', 'filter', 'count']) await node(page, id).waitFor();
    await app.screenshot('01-dropped');

    await connect(page, 'read_text', 'filter');
    await connect(page, 'filter', 'count');
    // A straight edge has no height, which Playwright counts as hidden: wait for it to exist.
    await page.locator('.react-flow__edge').nth(1).waitFor({ state: 'attached' });
    assert.equal(await page.locator('.react-flow__edge').count(), 2);

    await select(page, 'read_text');
    // The path through the file picker, as a user would: browse, type or pick the file, confirm.
    await page.getByRole('button', { name: 'Browse for urlpath' }).click();
    await chooseInFileDialog(page, 'Choose urlpath', KDD_FILE);
    assert.equal(await page.getByRole('textbox', { name: 'urlpath' }).inputValue(), KDD_FILE);
    await select(page, 'filter');
    await typeExpression(page, 'predicate', "lambda x: 'normal' in x");
    // Validation runs a moment after typing; the status bar says when the document is valid.
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('valid', { exact: true }).waitFor();
    await app.screenshot('02-connected');

    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'count').locator('.op-node-value', { hasText: /^97278$/ }).waitFor({ timeout: 60_000 });
    await select(page, 'count');
    await page.getByLabel('Result of count').getByText('97278').waitFor();
    assert.match(String(await node(page, 'count').locator('.op-node').getAttribute('aria-label')), /^count: count, done (\d+)\/\1$/);
    await app.screenshot('03-ran');
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
