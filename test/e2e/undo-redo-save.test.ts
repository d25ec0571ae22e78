/**
 * Acceptance 5: ten varied edits (add, set params, connect, move, rename, auto-layout) are undone one by one back to
 * the empty canvas and redone, then saved and reopened: the file is the engine's stable serialization of exactly
 * those edits, and the reopened canvas and a second save are identical to the first.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { serializePipeline, type PipelineFile } from '../../engine/index.js';
import { requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { typeExpression } from './support/expressions.js';
import { canvasSnapshot, connect, node, select, waitUntil } from './support/canvas.js';
import { chooseInFileDialog, openFile } from './support/files.js';

test('e2e: undo and redo ten edits, save, reopen: file and canvas identical', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('5-undo-redo-save');
  try {
    const { page } = app;
    const undoButton = page.getByRole('button', { name: 'Undo' });
    const redoButton = page.getByRole('button', { name: 'Redo' });
    const pane = page.locator('.react-flow__pane');
    const blur = () => pane.click({ position: { x: 30, y: 30 } });
    await page.getByRole('button', { name: 'New', exact: true }).click();
    assert.equal(await undoButton.isDisabled(), true);

    await page.getByRole('button', { name: 'Add from_sequence' }).click(); // 1
    await select(page, 'from_sequence');
    await typeExpression(page, 'seq', 'range(10)'); // 2
    await blur();
    await page.getByRole('button', { name: 'Add map', exact: true }).click(); // 3
    await node(page, 'map').waitFor();
    await connect(page, 'from_sequence', 'map'); // 4
    await select(page, 'map');
    await typeExpression(page, 'func', 'lambda x: x * 2'); // 5
    await blur();
    await page.getByRole('button', { name: 'Add sum', exact: true }).click(); // 6
    await node(page, 'sum').waitFor();
    await connect(page, 'map', 'sum'); // 7
    const head = (await node(page, 'sum').locator('.op-node-head').boundingBox())!;
    await page.mouse.move(head.x + 20, head.y + 8);
    await page.mouse.down();
    await page.mouse.move(head.x + 60, head.y + 120, { steps: 8 });
    await page.mouse.up(); // 8
    await blur();
    await page.getByRole('textbox', { name: 'Pipeline name' }).fill('Doubled'); // 9
    await blur();
    await page.getByRole('button', { name: 'Auto-layout' }).click(); // 10
    // Auto-layout loads the layout engine first; it is done when it is the step Undo would take back.
    await waitUntil(async () => (await undoButton.getAttribute('title')) === 'Undo Auto-layout (Ctrl+Z)', 10_000, 'the auto-layout');
    // The canvas redraws after a layout (nodes are measured, then edges drawn): read it once it has settled.
    const settled = async (nodes: number, edges: number) => {
      await waitUntil(async () => {
        const snapshot = await canvasSnapshot(page);
        return snapshot.nodes.length === nodes && snapshot.edges.length === edges;
      }, 5_000, `${nodes} nodes and ${edges} edges on the canvas`);
      return canvasSnapshot(page);
    };
    const edited = await settled(3, 2);
    await app.screenshot('01-edited');

    for (let i = 0; i < 10; i++) {
      await waitUntil(async () => !(await undoButton.isDisabled()), 2000, `undo step ${i + 1} of 10 to be available`);
      await page.keyboard.press('Control+z');
    }
    await waitUntil(() => undoButton.isDisabled(), 2000, 'Undo to be disabled after exactly ten undo steps');
    assert.deepEqual(await canvasSnapshot(page), { nodes: [], edges: [] });
    assert.equal(await page.getByRole('textbox', { name: 'Pipeline name' }).inputValue(), 'Untitled');
    await app.screenshot('02-undone');

    for (let i = 0; i < 10; i++) await page.keyboard.press('Control+Shift+z');
    await waitUntil(() => redoButton.isDisabled(), 2000, 'Redo to be disabled after exactly ten redo steps');
    assert.deepEqual(await canvasSnapshot(page), edited);
    assert.equal(await page.getByRole('textbox', { name: 'Pipeline name' }).inputValue(), 'Doubled');

    const file = path.join(app.workDir, 'doubled.weft.json');
    await page.getByRole('button', { name: 'Save as…' }).click();
    await chooseInFileDialog(page, 'Save pipeline as', file);
    await page.getByRole('status', { name: 'Notice' }).filter({ hasText: 'Saved' }).waitFor();
    await page.getByLabel('unsaved changes').waitFor({ state: 'detached' });
    const saved = fs.readFileSync(file, 'utf8');
    const doc = JSON.parse(saved) as PipelineFile;
    assert.equal(saved, serializePipeline(doc), 'the file is the stable, pretty-printed serialization');
    assert.equal(doc.name, 'Doubled');
    assert.deepEqual(
      doc.nodes.map((n) => [n.id, n.op, n.inputs ?? [], n.params ?? {}]),
      [
        ['from_sequence', 'bag.from_sequence', [], { seq: 'range(10)' }],
        ['map', 'bag.map', ['from_sequence'], { func: 'lambda x: x * 2' }],
        ['sum', 'bag.sum', ['map'], {}],
      ],
    );
    assert.deepEqual(Object.keys(doc.layout ?? {}).sort(), ['from_sequence', 'map', 'sum']);

    await page.getByRole('button', { name: 'New', exact: true }).click();
    assert.deepEqual(await canvasSnapshot(page), { nodes: [], edges: [] });
    await openFile(page, file);
    await node(page, 'sum').waitFor();
    assert.deepEqual(await settled(3, 2), edited);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status', { name: 'Notice' }).filter({ hasText: 'Saved' }).waitFor();
    assert.equal(fs.readFileSync(file, 'utf8'), saved, 'saving the reopened document writes the same bytes');
    await app.screenshot('03-reopened');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
