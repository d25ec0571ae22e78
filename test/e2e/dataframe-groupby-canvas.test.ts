/**
 * The DataFrame acceptance on an empty canvas: read_csv → query → groupby.agg (→ len), built from the palette.
 * groupby.agg's `by` is ticked in a picker of its input's columns and its aggregations in a grid of the other
 * columns by function; before anything runs the inspector and the edge out of groupby.agg show Dask's `_meta` of the
 * result (the index named by `by`, ('amount', 'sum') columns and their dtypes); a misspelled column in the query is
 * marked where it is typed; a run to groupby.agg shows its groups as a table whose values the test computes from the
 * CSV's rows itself, while len, which that run did not reach, stays idle with no value. Once len has run, a later run
 * that does not reach it leaves it done with its count; an edit above makes it idle again, its count gone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { hasKddFile, requireOrSkip } from '../support/environment.js';
import { KDD_COLUMNS } from '../support/kdd-columns.js';
import { openSampleFromMenu } from './support/samples.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { expressionEditor, typeExpression } from './support/expressions.js';
import { connect, dragFromPalette, node, select, unnamedControls, waitUntil } from './support/canvas.js';

/** Sales with a key of two values, an int column, a float column with missing values and a text column. */
const ROWS = Array.from({ length: 14 }, (_, i) => ({ name: `p${(i * 5) % 14}`, amount: ((i * 7) % 13) - 4, score: i % 5 === 2 ? null : ((i * 3) % 8) / 4, kind: i % 3 === 1 ? 'a' : 'b' }));
const CSV = 'name,amount,score,kind\n' + ROWS.map((r) => `${r.name},${r.amount},${r.score ?? ''},${r.kind}`).join('\n') + '\n';
const QUERY = 'amount > -2';
const kept = ROWS.filter((r) => r.amount > -2);

/** groupby('kind').agg({'amount': ['sum', 'count'], 'score': ['mean', 'max']}) by hand: groups in order of first appearance (sort=None), NaN skipped. */
function expectedGroups(): Array<{ kind: string; sum: number; count: number; mean: number | null; max: number | null }> {
  const kinds = [...new Set(kept.map((r) => r.kind))];
  return kinds.map((kind) => {
    const rows = kept.filter((r) => r.kind === kind);
    const scores = rows.map((r) => r.score).filter((s): s is number => s !== null);
    return {
      kind,
      sum: rows.reduce((s, r) => s + r.amount, 0),
      count: rows.length,
      mean: scores.length === 0 ? null : scores.reduce((s, x) => s + x, 0) / scores.length,
      max: scores.length === 0 ? null : Math.max(...scores),
    };
  });
}

async function nodeStatus(page: Page, id: string): Promise<string> {
  return String(await node(page, id).locator('.op-node').getAttribute('aria-label'));
}

test('e2e: read_csv → query → groupby.agg on an empty canvas: column pickers for by and the aggregations, the result schema before running, the groups as a table', { timeout: 150_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  const app = await openApp('dataframe-groupby-canvas');
  try {
    const { page } = app;
    const csv = path.join(app.workDir, 'sales.csv');
    fs.writeFileSync(csv, CSV);
    const status = page.getByRole('contentinfo', { name: 'Status' });
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const blur = () => page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.getByRole('button', { name: 'New', exact: true }).click();

    await dragFromPalette(page, 'read_csv', { x: 40, y: 140 });
    await dragFromPalette(page, 'query', { x: 320, y: 140 });
    await dragFromPalette(page, 'groupby.agg', { x: 600, y: 140 });
    await dragFromPalette(page, 'len', { x: 860, y: 140 });
    for (const id of ['read_csv', 'query', 'groupby_agg', 'len']) await node(page, id).waitFor();
    await select(page, 'read_csv');
    await page.getByRole('textbox', { name: 'urlpath' }).fill(csv);
    await blur();
    await connect(page, 'read_csv', 'query');
    await connect(page, 'query', 'groupby_agg');
    await connect(page, 'groupby_agg', 'len');
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();

    // A misspelled column in the query: marked where it is, with pandas' error and Weft's did-you-mean.
    await select(page, 'query');
    const wrong = QUERY.replace('amount', 'amuont');
    await typeExpression(page, 'expr', wrong);
    const mark = expressionEditor(page, 'expr').locator('.cm-lintRange-error');
    await mark.waitFor();
    assert.equal(await mark.innerText(), 'amuont');
    await inspector.getByRole('alert').filter({ hasText: "Line 1, column 1: UndefinedVariableError: name 'amuont' is not defined; did you mean 'amount'?" }).waitFor();
    await app.screenshot('01-misspelled-column');
    await typeExpression(page, 'expr', QUERY);
    await mark.waitFor({ state: 'detached' });
    await blur();

    // A new groupby.agg asks for what it needs, under each field, in the words of its params' docs.
    await select(page, 'groupby_agg');
    await inspector.getByRole('alert').filter({ hasText: "missing param 'by': The key column" }).waitFor();
    await node(page, 'groupby_agg').locator('.op-node-error', { hasText: "missing param 'by'" }).waitFor();
    await app.screenshot('01b-new-groupby-agg');

    // by: a picker of the query's columns, exactly the CSV's, ticked as a user does; the JSON field follows.
    const byPicker = inspector.getByRole('group', { name: 'by columns' });
    const offered = await byPicker.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(offered, ['by: name', 'by: amount', 'by: score', 'by: kind']);
    await byPicker.getByRole('checkbox', { name: 'by: kind' }).check();
    await waitUntil(async () => (await inspector.getByRole('textbox', { name: 'by (JSON)' }).inputValue()) === '"kind"', 5_000, 'by to be "kind"');

    // The aggregations: a grid of the columns not grouped by, one checkbox per function; mean of a text column is
    // no choice (Dask cannot infer its metadata).
    const grid = inspector.getByRole('table', { name: 'arg: aggregations by column' });
    await grid.waitFor();
    assert.deepEqual(await grid.locator('tbody th').allInnerTexts(), ['name', 'amount', 'score']);
    assert.equal(await grid.getByRole('checkbox', { name: 'arg: name mean' }).isDisabled(), true);
    for (const [column, func] of [['amount', 'sum'], ['amount', 'count'], ['score', 'mean'], ['score', 'max']]) {
      await grid.getByRole('checkbox', { name: `arg: ${column} ${func}` }).check();
    }
    await waitUntil(async () => (await inspector.getByRole('textbox', { name: 'arg (JSON)' }).inputValue()) === '{"amount":["sum","count"],"score":["mean","max"]}', 5_000, 'the arg JSON');
    await status.getByText('valid', { exact: true }).waitFor();

    // The result's schema before running, as Dask's _meta: the index is kind, the columns (column, function) tuples.
    const output = inspector.locator('details[aria-label="output schema"]');
    await output.waitFor();
    const schemaRows = () => output.locator('tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent).join(' ')));
    const expectedSchema = ["('amount', 'sum') int64", "('amount', 'count') int64", "('score', 'mean') float64", "('score', 'max') float64", 'index Index kind: object'];
    // The analysis of the last tick arrives after the tick: wait for it, then compare.
    await waitUntil(async () => (await schemaRows()).length === expectedSchema.length, 10_000, 'the schema of every tick');
    assert.deepEqual(await schemaRows(), expectedSchema);
    await output.scrollIntoViewIfNeeded();
    await app.screenshot('02a-by-picker-and-output-schema');
    const badge = page.getByRole('note', { name: /^schema from groupby_agg:/ });
    await badge.waitFor();
    assert.equal((await badge.innerText()).split('\n')[0], '4 columns');
    assert.match(String(await badge.getAttribute('aria-label')), /\('amount', 'sum'\): int64, \('amount', 'count'\): int64, \('score', 'mean'\): float64, \('score', 'max'\): float64/);
    await app.screenshot('02-pickers-and-schema');
    await badge.hover();
    await badge.getByRole('listitem').filter({ hasText: "('score', 'mean'): float64" }).waitFor({ state: 'visible' });
    await app.screenshot('03-edge-schema');

    // Nothing has run: every node says so, and none shows a value.
    for (const id of ['read_csv', 'query', 'groupby_agg', 'len']) assert.match(await nodeStatus(page, id), /, idle$/);
    assert.equal(await page.locator('.op-node-value').count(), 0);

    // Run up to groupby.agg: its groups as a table with the values computed above; len, not reached, is idle.
    await page.getByRole('button', { name: 'Run to selected' }).click();
    const table = page.getByRole('table', { name: 'Table of groupby_agg' });
    await table.waitFor({ timeout: 60_000 });
    const groups = expectedGroups();
    const result = page.getByLabel('Result of groupby_agg');
    assert.match(await result.getByRole('heading').innerText(), new RegExp(`${groups.length} rows × 4 columns of a DataFrame of 1 partition, divisions unknown`));
    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers.map((h) => h.replace(/\s+/g, ' ').trim()), ['kind', "('amount', 'sum') int64", "('amount', 'count') int64", "('score', 'mean') float64", "('score', 'max') float64"]);
    assert.deepEqual(await table.locator('tbody th').allInnerTexts(), groups.map((g) => g.kind));
    const column = async (i: number) => table.locator(`tbody tr td:nth-of-type(${i})`).allInnerTexts();
    assert.deepEqual(await column(1), groups.map((g) => String(g.sum)));
    assert.deepEqual(await column(2), groups.map((g) => String(g.count)));
    const near = (shown: string[], expected: Array<number | null>) => shown.length === expected.length && shown.every((s, i) => (expected[i] === null ? s === 'NaN' : /\./.test(s) && Math.abs(Number(s) - expected[i]!) < 1e-9));
    assert.ok(near(await column(3), groups.map((g) => g.mean)), `means ${await column(3)} vs ${groups.map((g) => g.mean)}`);
    assert.ok(near(await column(4), groups.map((g) => g.max)), `maxima ${await column(4)} vs ${groups.map((g) => g.max)}`);
    await waitUntil(async () => /, done \d+\/\d+$/.test(await nodeStatus(page, 'groupby_agg')), 10_000, 'groupby_agg to be done');
    assert.match(await nodeStatus(page, 'len'), /, idle$/);
    assert.equal(await node(page, 'len').locator('.op-node-value').count(), 0);
    await app.screenshot('04-result-table');

    // Run all: len counts the groups, and groupby.agg's result is reused.
    await page.getByRole('button', { name: 'Run all' }).click();
    await node(page, 'len').locator('.op-node-value', { hasText: new RegExp(`^${groups.length}$`) }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run all' }).waitFor();
    await app.screenshot('05-after-run-all');
    const lenDone = await nodeStatus(page, 'len');
    assert.match(lenDone, /, done \d+\/\d+$/);

    // Run up to groupby.agg again: it is cached; len, outside this run and unchanged, keeps its count and says done
    // (not idle beside a value).
    await select(page, 'groupby_agg');
    await page.getByRole('button', { name: 'Run to selected' }).click();
    await waitUntil(async () => /, cached$/.test(await nodeStatus(page, 'groupby_agg')), 30_000, 'groupby_agg to be cached');
    await page.getByRole('button', { name: 'Run all' }).waitFor();
    assert.equal(await nodeStatus(page, 'len'), lenDone);
    assert.deepEqual(await node(page, 'len').locator('.op-node-value').allInnerTexts(), [String(groups.length)]);
    await app.screenshot('05b-rerun-to-selected');

    // Unticking the last function of a column drops the column from the spec; its tuples leave the schema.
    await select(page, 'groupby_agg');
    await grid.getByRole('checkbox', { name: 'arg: score mean' }).uncheck();
    await grid.getByRole('checkbox', { name: 'arg: score max' }).uncheck();
    await waitUntil(async () => (await inspector.getByRole('textbox', { name: 'arg (JSON)' }).inputValue()) === '{"amount":["sum","count"]}', 5_000, 'the arg JSON without score');
    await waitUntil(async () => (await badge.innerText()).startsWith('2 columns'), 10_000, 'the narrower schema on the edge');
    // The edit makes groupby.agg's and len's results out of date: idle again, without their old values; the nodes
    // above keep theirs.
    for (const id of ['groupby_agg', 'len']) assert.match(await nodeStatus(page, id), /, idle$/);
    assert.equal(await node(page, 'len').locator('.op-node-value').count(), 0);
    assert.match(await nodeStatus(page, 'query'), /, (done \d+\/\d+|cached)$/);
    await app.screenshot('06-after-edit');

    if (hasKddFile()) {
      // The DataFrame sample's groupby.agg on KDD's 42 columns: the grid lists the 41 not grouped by, with the
      // sample's one aggregation ticked, and scrolls within the inspector.
      page.once('dialog', (dialog) => void dialog.accept());
      await openSampleFromMenu(page, 'DataFrame basics', 'bytes_per_protocol');
      await select(page, 'bytes_per_protocol');
      const kddGrid = inspector.getByRole('table', { name: 'arg: aggregations by column' });
      await waitUntil(async () => (await kddGrid.locator('tbody th').count()) === KDD_COLUMNS.length - 1, 15_000, "the KDD columns in the grid");
      assert.deepEqual(await kddGrid.locator('tbody th').allInnerTexts(), KDD_COLUMNS.filter((c) => c !== 'protocol_type'));
      const ticked = await kddGrid.getByRole('checkbox', { checked: true }).evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')));
      assert.deepEqual(ticked, ['arg: src_bytes mean']);
      await kddGrid.scrollIntoViewIfNeeded();
      await app.screenshot('07-kdd-grid');
      // Found by name, ticked: the sample's flat spec (one name per column) stays flat.
      await inspector.getByRole('searchbox', { name: 'arg: find a column' }).fill('bytes');
      assert.deepEqual(await kddGrid.locator('tbody th').allInnerTexts(), ['src_bytes', 'dst_bytes']);
      await kddGrid.getByRole('checkbox', { name: 'arg: dst_bytes max' }).check();
      await waitUntil(async () => (await inspector.getByRole('textbox', { name: 'arg (JSON)' }).inputValue()) === '{"src_bytes":"mean","dst_bytes":"max"}', 5_000, 'the flat KDD spec');
      const kddOutput = inspector.locator('details[aria-label="output schema"]');
      await waitUntil(async () => (await kddOutput.locator('td.schema-name').allInnerTexts()).join() === 'src_bytes,dst_bytes', 15_000, 'the flat columns in the output schema');
      await app.screenshot('08-kdd-grid-found');
    }

    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
