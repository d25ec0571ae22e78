/**
 * The canvas's other tools, on the bag-basics sample: palette search, refused connections (wrong kind, cycle) with
 * their reason, run up to a node with its preview drawn as a table of tuples, the cached rerun, copy/paste,
 * select-all + delete + undo, and the double-click quick add.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { KDD_FILE, requireOrSkip, requireKddFile } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { typeExpression } from './support/expressions.js';
import { connect, node, select, unnamedControls } from './support/canvas.js';

test('e2e: palette search, refused connections, run to a node with a table preview, cache, copy/paste, delete, quick add', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  if (!requireKddFile(t)) return;
  const app = await openApp('7-canvas-editing');
  try {
    const { page } = app;
    await node(page, 'normal').waitFor();
    const palette = page.getByRole('complementary', { name: 'Operations palette' });
    const total = await palette.getByRole('button').count();
    await palette.getByRole('searchbox', { name: 'Search operations' }).fill('freq');
    // The name match first; then the ops whose docs mention it (value_counts: "the frequencies of its values").
    const found = await palette.getByRole('button').allInnerTexts();
    assert.equal(found[0], 'frequencies\nbag');
    assert.ok(found.slice(1).every((text) => !text.startsWith('freq')), found.join(' | '));
    await palette.getByRole('searchbox', { name: 'Search operations' }).fill('');
    assert.equal(await palette.getByRole('button').count(), total);

    const notice = page.getByRole('status', { name: 'Notice' });
    const edges = await page.locator('.react-flow__edge').count();
    await connect(page, 'normal_count', 'attack_count');
    await notice.filter({ hasText: 'Connection refused: attack_count (bag.count) needs a bag here, but normal_count (bag.count) gives a single value' }).waitFor();
    await connect(page, 'tag_counts', 'kv');
    await notice.filter({ hasText: 'would make a cycle' }).waitFor();
    assert.equal(await page.locator('.react-flow__edge').count(), edges, 'no refused connection was made');
    await app.screenshot('01-refused');

    await select(page, 'kv');
    await page.getByRole('button', { name: 'Run to selected' }).click();
    const result = page.getByLabel('Result of kv');
    await result.waitFor({ timeout: 60_000 });
    assert.match(await result.innerText(), /preview: first 10 elements\s+of a bag of 1 partition/);
    assert.equal(await result.locator('tbody tr').count(), 10);
    assert.equal(await result.locator('tbody tr').first().locator('td').nth(1).innerText(), "'normal'", 'cells show Python reprs');
    assert.match(await result.locator('tbody tr').first().locator('td').nth(2).innerText(), /^\['0', 'tcp', 'http', 'SF', /);
    assert.match(String(await node(page, 'kv').locator('.op-node').getAttribute('aria-label')), /done/);
    assert.match(String(await node(page, 'normal_count').locator('.op-node').getAttribute('aria-label')), /idle$/, 'nodes downstream of the target did not run');
    await app.screenshot('02-preview-table');
    await page.getByRole('button', { name: 'Run to selected' }).click();
    await node(page, 'kv').locator('.op-node-state', { hasText: 'cached' }).waitFor();
    // An edit makes the shown result stale: the node goes idle and the panel drops it; undo brings it back.
    await typeExpression(page, 'func', 'lambda line: line');
    await node(page, 'kv').locator('.op-node-state', { hasText: /^idle$/ }).waitFor();
    await page.getByText('kv has no result yet (idle)').waitFor();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await select(page, 'kv');
    await page.getByLabel('Result of kv').waitFor();

    await select(page, 'attacks');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node(page, 'attacks_2').waitFor();
    const count = await page.locator('.react-flow__node').count();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    assert.equal(await page.locator('.react-flow__node').count(), 0);
    await page.keyboard.press('Control+z');
    assert.equal(await page.locator('.react-flow__node').count(), count);

    // Renaming a node renames it everywhere: its card, and the connections of the nodes it feeds.
    await select(page, 'normal');
    await page.getByRole('textbox', { name: 'Node name' }).fill('normal_only');
    await page.getByRole('textbox', { name: 'Node name' }).press('Enter');
    await node(page, 'normal_only').waitFor();
    await page.getByLabel('connection from normal_only to normal_count').waitFor({ state: 'attached' });
    await select(page, 'attacks');
    await page.getByRole('textbox', { name: 'Node name' }).fill('raw');
    await page.getByRole('textbox', { name: 'Node name' }).press('Enter');
    await notice.filter({ hasText: "Cannot rename attacks: there is already a node named 'raw'" }).waitFor();

    await page.locator('.react-flow__pane').dblclick({ position: { x: 120, y: 60 } });
    const quick = page.getByRole('dialog', { name: 'Add an operation' });
    await quick.getByRole('searchbox', { name: 'Operation to add' }).fill('topk');
    await quick.getByRole('searchbox', { name: 'Operation to add' }).press('Enter');
    await node(page, 'topk').waitFor();
    await app.screenshot('03-edited');
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
