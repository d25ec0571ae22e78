/**
 * Acceptance 3: typing an invalid lambda shows the engine parser's error at its column in the inspector (as you
 * type), marks the node invalid, and Run explains the problem instead of starting. Then a lambda that fails while
 * running: the node shows Python's error in place, in red.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validatePipeline, type PipelineFile } from '../../engine/index.js';
import { requireKddFile, requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { expressionEditor, typeExpression } from './support/expressions.js';
import { node, select, unnamedControls } from './support/canvas.js';

const BAD = "lambda x: x[0] == = 'normal'";

test('e2e: an invalid lambda shows its error at its column, marks the node invalid, and Run explains', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  // The sample it edits reads the KDD file: without it the node stays invalid for "no file matches", not the lambda.
  if (!requireKddFile(t)) return;
  // Where the engine itself puts the error: the app must show the same position.
  const probe: PipelineFile = { weft: 1, nodes: [{ id: 'n', op: 'bag.from_sequence', params: { seq: '[1]' } }, { id: 'f', op: 'bag.filter', inputs: ['n'], params: { predicate: BAD } }] };
  const engineError = validatePipeline(probe).errors[0].context;
  assert.ok(engineError.column && engineError.column > 1);

  const app = await openApp('3-invalid-expression');
  try {
    const { page } = app;
    await node(page, 'normal').waitFor();
    await select(page, 'normal');
    await typeExpression(page, 'predicate', BAD);
    const error = page.getByRole('complementary', { name: 'Inspector' }).getByRole('alert');
    await error.filter({ hasText: `Line 1, column ${engineError.column}:` }).waitFor();
    // The editor's lint mark sits on the character the column points at.
    const mark = expressionEditor(page, 'predicate').locator('.cm-lintRange-error');
    await mark.waitFor();
    assert.equal(await mark.innerText(), BAD[engineError.column! - 1]);
    assert.equal(await expressionEditor(page, 'predicate').getAttribute('aria-invalid'), 'true');
    assert.match(String(await node(page, 'normal').locator('.op-node').getAttribute('aria-label')), /invalid$/);
    await app.screenshot('01-error-shown');

    await page.getByRole('button', { name: 'Run all' }).click();
    const message = page.getByRole('alert', { name: 'Run message' });
    await message.waitFor();
    assert.match(await message.innerText(), /Cannot run: the pipeline has 1 problem/);
    assert.match(await message.innerText(), /normal.*param 'predicate', line 1, column \d+/s);
    // Nothing started: no node left idle, and the status bar has no run.
    assert.equal(await page.getByLabel('Run status').innerText(), 'run: none yet');
    for (const id of ['raw', 'kv', 'normal', 'normal_count']) assert.doesNotMatch(String(await node(page, id).locator('.op-node').getAttribute('aria-label')), /queued|running|done/);
    await app.screenshot('02-run-explained');

    // A valid expression that fails while running: the node turns red with Python's error, in place.
    await typeExpression(page, 'predicate', 'lambda kv: 1 // 0 == 0');
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('valid', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'normal').locator('.op-node-error', { hasText: 'ZeroDivisionError' }).waitFor({ timeout: 60_000 });
    assert.match(String(await node(page, 'normal').locator('.op-node').getAttribute('aria-label')), /failed$/);
    assert.match(await page.getByRole('alert', { name: 'Run message' }).innerText(), /Run failed at node normal: .*ZeroDivisionError/);
    await app.screenshot('03-failed-in-place');
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
