/**
 * Acceptance 6: the page is reloaded in the middle of editing (as after a crash of the window): autosave brings back
 * every node, connection, position and parameter, still marked unsaved.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { expressionText, typeExpression } from './support/expressions.js';
import { canvasSnapshot, connect, dragFromPalette, node, select, waitUntil } from './support/canvas.js';

test('e2e: reload in the middle of editing: autosave brings every node back', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('6-autosave-recovery');
  try {
    const { page } = app;
    // Start from the sample and keep editing it: the recovered document must be the edited one, not the sample.
    await node(page, 'normal').waitFor();
    await dragFromPalette(page, 'topk', { x: 520, y: 440 });
    await node(page, 'topk').waitFor();
    await connect(page, 'kv', 'topk');
    await select(page, 'topk');
    await page.getByRole('textbox', { name: 'k', exact: true }).fill('5');
    await typeExpression(page, 'key', 'lambda kv: len(kv[1])');
    await select(page, 'normal');
    await typeExpression(page, 'predicate', "lambda kv: kv[0] != 'normal'");
    const before = await canvasSnapshot(page);
    assert.ok(before.nodes.some((n) => n.startsWith('topk ')));
    // The edit is in the autosave once the status bar says so (a moment after the last keystroke).
    const autosave = page.getByLabel('Autosave');
    await waitUntil(async () => (await autosave.innerText()).startsWith('autosaved '), 5000, 'the autosave of the last edit');
    await app.screenshot('01-before-reload');

    await page.reload();
    await page.getByRole('toolbar', { name: 'Main toolbar' }).waitFor();
    await node(page, 'topk').waitFor();
    assert.deepEqual(await canvasSnapshot(page), before);
    await page.getByLabel('unsaved changes').waitFor();
    await page.getByText(/recovered unsaved work from/).waitFor();
    await select(page, 'topk');
    assert.equal(await page.getByRole('textbox', { name: 'k', exact: true }).inputValue(), '5');
    assert.equal(await expressionText(page, 'key'), 'lambda kv: len(kv[1])');
    await select(page, 'normal');
    assert.equal(await expressionText(page, 'predicate'), "lambda kv: kv[0] != 'normal'");
    await app.screenshot('02-recovered');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
