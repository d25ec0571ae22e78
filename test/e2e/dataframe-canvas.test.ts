/**
 * A DataFrame pipeline built on an empty canvas, as an analyst does: read_csv of a small CSV → query → len. Before
 * anything runs, the edge out of read_csv says how many columns flow along it (hovering lists their dtypes), the
 * inspector shows the query's input schema, and the query editor completes the CSV's column names; a run shows the
 * query's rows as a table with dtypes in its header, sortable by a click, and len's count. A misspelled column is
 * marked where it is typed. Then the same on the KDD file, with its 42 names.
 */
import assert from 'node:assert/strict';
import { KDD_COLUMNS } from '../support/kdd-columns.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { hasKddFile, requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { expressionEditor, expressionText, typeExpression } from './support/expressions.js';
import { connect, dragFromPalette, node, select, unnamedControls, waitUntil } from './support/canvas.js';

/** A small frame with an int, a float with a missing value, and a text column; rows in no sorted order. */
const ROWS = Array.from({ length: 12 }, (_, i) => ({ name: `p${(i * 7) % 12}`, amount: ((i * 5) % 12) - 4, score: i % 4 === 0 ? '' : String(i / 2), kind: i % 3 === 0 ? 'a' : 'b' }));
const CSV = 'name,amount,score,kind\n' + ROWS.map((r) => `${r.name},${r.amount},${r.score},${r.kind}`).join('\n') + '\n';

test('e2e: a DataFrame on an empty canvas: schema on the edge, column completion, a misspelled column marked in place, the result as a sortable table', { timeout: 150_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('dataframe-canvas');
  try {
    const { page } = app;
    const csv = path.join(app.workDir, 'people.csv');
    fs.writeFileSync(csv, CSV);
    const status = page.getByRole('contentinfo', { name: 'Status' });
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const blur = () => page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.getByRole('button', { name: 'New', exact: true }).click();

    // The palette is sectioned by collection: read_csv is under DataFrame, read_text under Bag.
    const palette = page.getByRole('complementary', { name: 'Operations palette' });
    await palette.getByRole('region', { name: 'DataFrame operations' }).getByRole('button', { name: 'Add read_csv' }).waitFor();
    await palette.getByRole('region', { name: 'Bag operations' }).getByRole('button', { name: 'Add read_text' }).waitFor();
    assert.equal(await palette.getByRole('region', { name: 'Bag operations' }).getByRole('button', { name: 'Add read_csv' }).count(), 0);

    await dragFromPalette(page, 'read_csv', { x: 100, y: 160 });
    await dragFromPalette(page, 'query', { x: 380, y: 160 });
    await dragFromPalette(page, 'len', { x: 660, y: 160 });
    for (const id of ['read_csv', 'query', 'len']) await node(page, id).waitFor();
    await select(page, 'read_csv');
    await page.getByRole('textbox', { name: 'urlpath' }).fill(csv);
    await blur();
    await connect(page, 'read_csv', 'query');
    await connect(page, 'query', 'len');

    // The schema before running: a badge on the edge, the columns and dtypes on hover.
    const badge = page.getByRole('note', { name: /^schema from read_csv:/ });
    await badge.waitFor();
    assert.equal((await badge.innerText()).split('\n')[0], '4 columns');
    assert.match(String(await badge.getAttribute('aria-label')), /name: object, amount: int64, score: float64, kind: object/);
    await badge.hover();
    await badge.getByRole('listitem').filter({ hasText: 'score: float64' }).waitFor({ state: 'visible' });
    await app.screenshot('01-edge-schema');

    // The query's input schema in the inspector, and its columns offered as you type.
    await select(page, 'query');
    const inputSchema = inspector.locator('details[aria-label="input (read_csv) schema"]');
    await inputSchema.getByRole('cell', { name: 'amount', exact: true }).waitFor();
    await expressionEditor(page, 'expr').click();
    await page.keyboard.type('amo');
    const selectedOption = page.locator('.cm-tooltip-autocomplete [role="option"][aria-selected="true"]');
    await selectedOption.filter({ hasText: 'amount' }).waitFor();
    // A pandas expression names columns: Python's builtins (ArithmeticError...) are not offered.
    const offered = await page.locator('.cm-tooltip-autocomplete [role="option"]').allInnerTexts();
    assert.deepEqual(offered.map((o) => o.replace(/\s+/g, '')), ['amountcolumn']);
    await app.screenshot('02-column-completion');
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' > 0');
    assert.equal(await expressionText(page, 'expr'), 'amount > 0');
    await status.getByText('valid', { exact: true }).waitFor();

    // A misspelled column: marked where it is, with pandas' error and Weft's did-you-mean.
    const wrong = "amount > 0 and kidn == 'a'";
    await typeExpression(page, 'expr', wrong);
    const mark = expressionEditor(page, 'expr').locator('.cm-lintRange-error');
    await mark.waitFor();
    assert.equal(await mark.innerText(), 'kidn');
    await inspector.getByRole('alert').filter({ hasText: `Line 1, column ${wrong.indexOf('kidn') + 1}: UndefinedVariableError: name 'kidn' is not defined; did you mean 'kind'?` }).waitFor();
    await app.screenshot('03-misspelled-column');
    await typeExpression(page, 'expr', "amount > 0 and kind == 'b'");
    await mark.waitFor({ state: 'detached' });
    await status.getByText('valid', { exact: true }).waitFor();
    await blur();

    // The run: len's count, and the query's rows as a table with dtypes, sortable by a column.
    const kept = ROWS.filter((r) => r.amount > 0 && r.kind === 'b');
    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'len').locator('.op-node-value', { hasText: new RegExp(`^${kept.length}$`) }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run all' }).waitFor();
    await select(page, 'query');
    const table = page.getByRole('table', { name: 'Table of query' });
    // Run up to the query itself: a frame target is shown as a table.
    await page.getByRole('button', { name: 'Run to selected' }).click();
    await table.waitFor({ timeout: 60_000 });
    const result = page.getByLabel('Result of query');
    assert.match(await result.getByRole('heading').innerText(), new RegExp(`${kept.length} rows × 4 columns of a DataFrame of 1 partition, divisions unknown`));
    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers.map((h) => h.replace(/\s+/g, ' ').trim()), ['index', 'name object', 'amount int64', 'score float64', 'kind object']);
    const column = async (i: number) => table.locator(`tbody tr td:nth-of-type(${i})`).allInnerTexts();
    assert.deepEqual(await column(2), kept.map((r) => String(r.amount)));
    // The index is the CSV's row numbers, kept by query.
    assert.deepEqual(await table.locator('tbody th').allInnerTexts(), ROWS.flatMap((r, i) => (kept.includes(r) ? [String(i)] : [])));
    await table.getByRole('button', { name: 'Sort by amount' }).click();
    assert.deepEqual(await column(2), kept.map((r) => r.amount).sort((a, b) => a - b).map(String));
    await table.getByRole('button', { name: 'Sort by amount' }).click();
    assert.deepEqual(await column(2), kept.map((r) => r.amount).sort((a, b) => b - a).map(String));
    // A float64 column prints as pandas does: with its point, NaN where the CSV has nothing.
    const scores = await column(3);
    assert.ok(scores.every((s) => /^(\d+\.\d+|NaN)$/.test(s)), scores.join(' '));
    await app.screenshot('04-result-table');

    // The column picker: getitem's key names a column (a column gives a Series).
    {
      await dragFromPalette(page, 'getitem', { x: 380, y: 330 });
      await node(page, 'getitem').waitFor();
      await connect(page, 'read_csv', 'getitem');
      await select(page, 'getitem');
      const tick = inspector.getByRole('checkbox', { name: 'key: amount' });
      await inspector.getByRole('combobox', { name: 'key' }).or(tick).first().waitFor();
      if ((await tick.count()) > 0) await tick.check();
      else await inspector.getByRole('combobox', { name: 'key' }).selectOption('amount');
      await inspector.locator('details[aria-label="output schema"]', { hasText: 'Series int64' }).waitFor();
      await app.screenshot('04b-column-picker');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await node(page, 'getitem').waitFor({ state: 'detached' });
    }

    if (hasKddFile()) {
      // The KDD file with its 42 names: the edge says so, the editor completes a KDD column, the normal count runs.
      const kdd = path.join(app.samplesDir, 'data', 'kddcup.data_10_percent.gz');
      const names = [...KDD_COLUMNS];
      await select(page, 'read_csv');
      await page.getByRole('textbox', { name: 'urlpath' }).fill(kdd);
      await page.getByRole('textbox', { name: 'names' }).fill(JSON.stringify(names));
      await blur();
      await waitUntil(async () => (await badge.innerText()).startsWith('42 columns'), 15_000, 'the KDD schema on the edge');
      await select(page, 'query');
      await expressionEditor(page, 'expr').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('protocol_t');
      await selectedOption.filter({ hasText: 'protocol_type' }).waitFor();
      await page.keyboard.press('Escape');
      await typeExpression(page, 'expr', "label == 'normal.'");
      await status.getByText('valid', { exact: true }).waitFor();
      await blur();
      const expected = execFileSync('bash', ['-c', `gunzip -c '${kdd}' | grep -c ',normal\\.$'`], { encoding: 'utf8' }).trim();
      await page.getByRole('button', { name: 'Run all' }).click();
      await node(page, 'len').locator('.op-node-value', { hasText: new RegExp(`^${expected}$`) }).waitFor({ timeout: 90_000 });
      await select(page, 'read_csv');
      await page.getByRole('button', { name: 'Run to selected' }).click();
      const kddTable = page.getByRole('table', { name: 'Table of read_csv' });
      await kddTable.waitFor({ timeout: 90_000 });
      assert.equal(await kddTable.locator('thead th').count(), 43);
      await app.screenshot('05-kdd');

      // The fourth sample, from the Samples menu: the KDD table's 42 columns on its edges before anything runs.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Samples' }).click();
      await page.getByRole('menuitem', { name: 'DataFrame basics' }).click();
      await node(page, 'normal_count').waitFor();
      const sampleBadge = page.getByRole('note', { name: /^schema from table:/ }).first();
      await waitUntil(async () => (await sampleBadge.count()) > 0 && (await sampleBadge.innerText()).startsWith('42 columns'), 15_000, "the sample's schema on its edges");
      await app.screenshot('06-sample');
    }
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
