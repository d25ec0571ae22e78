/**
 * The expression editor as a person uses it: a def typed into `functions` is indented by the editor; in a lambda the
 * editor offers that def and the engine's builtins as you type, Enter accepts them, brackets close themselves; the
 * pipeline runs with what was typed. A wrong expression gets a lint mark on the column the engine names, with the
 * engine's message on hover; an undo of the document puts the text back in the editor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validatePipeline, type PipelineFile } from '../../engine/index.js';
import { requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { expressionEditor, expressionText, typeExpression } from './support/expressions.js';
import { connect, node, select, unnamedControls, waitUntil } from './support/canvas.js';

const FUNCTIONS = 'def double(x):\n    return x * 2';
const WRONG = 'lambda x: double(x) * / 2';

test('e2e: the expression editor completes defs and builtins, runs what was typed, and marks a wrong expression at its column', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  // Where the engine itself puts the error: the editor must mark the same column.
  const probe: PipelineFile = { weft: 1, functions: FUNCTIONS, nodes: [{ id: 'n', op: 'bag.from_sequence', params: { seq: '[1]' } }, { id: 'm', op: 'bag.map', inputs: ['n'], params: { func: WRONG } }] };
  const engineError = validatePipeline(probe).errors[0].context;
  assert.ok(engineError.column && engineError.column > 1);

  const app = await openApp('expression-editor');
  try {
    const { page } = app;
    const pane = page.locator('.react-flow__pane');
    const blur = () => pane.click({ position: { x: 30, y: 30 } });
    const options = page.locator('.cm-tooltip-autocomplete [role="option"]');
    const selectedOption = page.locator('.cm-tooltip-autocomplete [role="option"][aria-selected="true"]');
    await page.getByRole('button', { name: 'New', exact: true }).click();

    // The def's body: Enter after the colon indents it, so the person types no spaces.
    await expressionEditor(page, 'Functions').click();
    await page.keyboard.type('def double(x):');
    await page.keyboard.press('Enter');
    await page.keyboard.type('return x * 2');
    assert.equal(await expressionText(page, 'Functions'), FUNCTIONS);
    await app.screenshot('00-functions');
    await blur();

    await page.getByRole('button', { name: 'Add from_sequence' }).click();
    await select(page, 'from_sequence');
    await typeExpression(page, 'seq', '[1, 2, 3]');
    await blur();
    await page.getByRole('button', { name: 'Add map', exact: true }).click();
    await node(page, 'map').waitFor();
    await connect(page, 'from_sequence', 'map');
    await blur();
    await page.getByRole('button', { name: 'Add sum', exact: true }).click();
    await node(page, 'sum').waitFor();
    await connect(page, 'map', 'sum');

    await select(page, 'map');
    await expressionEditor(page, 'func').click();
    await page.keyboard.type('lambda x: dou');
    // The def from functions, first, with its parameters beside it.
    await selectedOption.filter({ hasText: 'double' }).waitFor();
    assert.match(await selectedOption.innerText(), /double\s*\(x\)/);
    await app.screenshot('01-completing-def');
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    assert.equal(await expressionText(page, 'func'), 'lambda x: double');
    // The closing bracket comes by itself and is typed over.
    await page.keyboard.type('(x) + le');
    await selectedOption.filter({ hasText: /^len/ }).waitFor();
    // Only what the engine accepts: print is Python's, not Weft's.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('pri');
    // The list is refiltered as you type: once len has left it, it holds what matches "pri".
    await waitUntil(async () => (await options.filter({ hasText: /^len/ }).count()) === 0, 5_000, 'the list to follow the typing');
    assert.equal(await options.filter({ hasText: /^print/ }).count(), 0);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('le');
    await selectedOption.filter({ hasText: /^len/ }).waitFor();
    // CodeMirror ignores Enter for 75 ms after the list opens (so a fast typist's Enter still means a new line).
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await page.keyboard.type('(str(x))');
    assert.equal(await expressionText(page, 'func'), 'lambda x: double(x) + len(str(x))');
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('valid', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Run all' }).click();
    // (2 + 1) + (4 + 1) + (6 + 1)
    await node(page, 'sum').locator('.op-node-value', { hasText: /^15$/ }).waitFor({ timeout: 60_000 });

    await typeExpression(page, 'func', WRONG);
    const mark = expressionEditor(page, 'func').locator('.cm-lintRange-error');
    await mark.waitFor();
    assert.equal(await mark.innerText(), WRONG[engineError.column! - 1]);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('alert').filter({ hasText: `Line 1, column ${engineError.column}: invalid syntax` }).waitFor();
    // The message also where the mark is, on hover.
    await mark.hover();
    await page.locator('.cm-tooltip-lint', { hasText: 'invalid syntax' }).waitFor();
    await app.screenshot('02-lint-mark');

    // The document's Undo (the toolbar's, from outside the editor) puts the valid lambda back into the open editor.
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitUntil(async () => (await expressionText(page, 'func')) === 'lambda x: double(x) + len(str(x))', 5_000, 'the undone text in the editor');
    await mark.waitFor({ state: 'detached' });
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
