/**
 * The code pane: open the bag-basics sample and the pane; it shows exactly what the Python export writes for the
 * document, selecting a node marks that node's lines (the export's own line ranges) and scrolls them into view, and
 * an edit on the canvas shows in the code a moment later.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { exportPipeline, loadPipelineFile, type PipelineFile } from '../../engine/index.js';
import { KDD_FILE, requireOrSkip, requireKddFile } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { typeExpression } from './support/expressions.js';
import { select, unnamedControls, waitUntil } from './support/canvas.js';
import { openSampleFromMenu } from './support/samples.js';

/** The pane's text, line by line, as drawn. */
async function paneLines(page: Page, which = '.code-line'): Promise<string[]> {
  return page.locator(`.code-body ${which} .code-text`).allInnerTexts();
}

async function markedLineNumbers(page: Page): Promise<number[]> {
  return (await page.locator('.code-body .code-line.is-marked').evaluateAll((els) => els.map((el) => el.getAttribute('data-line')))).map(Number);
}

test('e2e: the code pane shows the exported Python, marks the selected node\'s lines, and follows edits', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  if (!requireKddFile(t)) return;
  const app = await openApp('code-pane');
  try {
    const { page } = app;
    await openSampleFromMenu(page, 'Bag basics', 'kv');
    const pipeline: PipelineFile = loadPipelineFile(path.join(app.samplesDir, 'bag-basics.weft.json'));
    // An untitled sample exports under its pipeline's name, as Export proposes it.
    const expected = exportPipeline(pipeline, { to: 'python', scriptName: 'bag-basics.py' });

    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const pane = page.getByRole('complementary', { name: 'Python code' });
    await pane.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Code', exact: true }).getAttribute('aria-pressed'), 'true');
    await waitUntil(async () => (await paneLines(page)).length > 1, 10_000, 'the code');
    assert.equal((await paneLines(page)).join('\n'), expected.text, 'the pane shows what Export writes');
    assert.ok((await pane.locator('.tok-keyword', { hasText: /^lambda$/ }).count()) > 0, 'the code is highlighted');
    await app.screenshot('01-code-pane');

    for (const id of ['kv', 'tag_counts', 'normal']) {
      await select(page, id);
      const { start, end } = expected.nodeLines![id];
      const range = Array.from({ length: end - start + 1 }, (_, i) => start + i);
      await waitUntil(async () => JSON.stringify(await markedLineNumbers(page)) === JSON.stringify(range), 5_000, `${id}'s lines marked`);
      assert.deepEqual(await paneLines(page, '.code-line.is-marked'), expected.text.split('\n').slice(start - 1, end), `${id}'s statement`);
      // Scrolled into view: the marked line lies inside the pane's scrolled box.
      const box = (await page.locator('.code-body').boundingBox())!;
      const line = (await page.locator('.code-body .code-line.is-marked').first().boundingBox())!;
      assert.ok(line.y >= box.y && line.y + line.height <= box.y + box.height, `${id}'s lines are scrolled into view`);
      await pane.getByText(`${id}: line ${start}`).waitFor();
    }
    assert.match((await paneLines(page, '.code-line.is-marked')).join('\n'), /^normal = kv\.filter\(lambda x: x\[0\] == 'normal'\)$/);
    await app.screenshot('02-node-selected');

    // An edit shows in the code: the same export of the edited document.
    await typeExpression(page, 'predicate', "lambda x: x[0] == 'smurf'");
    await waitUntil(async () => (await paneLines(page, '.code-line.is-marked')).join('\n') === "normal = kv.filter(lambda x: x[0] == 'smurf')", 10_000, 'the edited predicate in the code');
    const edited = { ...pipeline, nodes: pipeline.nodes.map((n) => (n.id === 'normal' ? { ...n, params: { predicate: "lambda x: x[0] == 'smurf'" } } : n)) };
    assert.equal((await paneLines(page)).join('\n'), exportPipeline(edited, { to: 'python', scriptName: 'bag-basics.py' }).text);
    await app.screenshot('03-edited');

    // An invalid edit keeps the last good code, marked as not current, with the reason.
    await typeExpression(page, 'predicate', 'lambda x: x[0] ==');
    await pane.getByRole('status').filter({ hasText: /Not the current pipeline's code: .*normal/ }).waitFor();
    await app.screenshot('04-invalid');

    await page.getByRole('button', { name: 'Hide the code pane' }).click();
    await pane.waitFor({ state: 'detached' });
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
