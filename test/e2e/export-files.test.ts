/**
 * The Export menu: the bag-basics sample exported as a Python script and as a notebook through the app's file
 * dialog. Each file is exactly what the engine's exporter writes for the document, and the script, run unchanged by
 * Debian's python3 with Dask on its sync scheduler, gives the sample's results as Weft computes them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exportPipeline, loadPipelineFile, runPipeline, toJsonText } from '../../engine/index.js';
import { KDD_FILE, hasDask, requireOrSkip, requireKddFile } from '../support/environment.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { runExportedPython, scriptNodes } from '../support/exported-programs.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { unnamedControls } from './support/canvas.js';
import { chooseInFileDialog } from './support/files.js';
import { openSampleFromMenu } from './support/samples.js';

test('e2e: Export > Python script and Notebook save exactly the exporter\'s text; the script runs under Dask with the sample\'s results', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
  if (!requireKddFile(t)) return;
  if (!requireOrSkip(t, hasDask(), "Debian's python3-dask")) return;
  const app = await openApp('export-files');
  try {
    const { page } = app;
    await openSampleFromMenu(page, 'Bag basics', 'kv');
    const pipeline = loadPipelineFile(path.join(app.samplesDir, 'bag-basics.weft.json'));
    const script = path.join(app.workDir, 'bag-basics.py');
    const notebook = path.join(app.workDir, 'bag-basics.ipynb');

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Python script…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Python script' });
    await dialog.waitFor();
    // The dialog proposes the document's name with the format's extension.
    assert.match(await dialog.getByRole('textbox', { name: 'File path' }).inputValue(), /\/bag-basics\.py$/);
    await app.screenshot('01-export-dialog');
    await chooseInFileDialog(page, 'Export Python script', script);
    // The script is not beside the pipeline, so the app says how to point it at the data.
    await page.getByRole('status', { name: 'Notice' }).filter({ hasText: `Exported ${script} (it reads the pipeline's relative paths from its own folder; run it with --data-dir ${app.samplesDir})` }).waitFor();
    const exported = exportPipeline(pipeline, { to: 'python', scriptName: 'bag-basics.py' });
    assert.equal(fs.readFileSync(script, 'utf8'), exported.text);
    await app.screenshot('02-exported-python');

    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Notebook…', exact: true }).click();
    await chooseInFileDialog(page, 'Export notebook', notebook);
    await page.getByRole('status', { name: 'Notice' }).filter({ hasText: `Exported ${notebook}` }).waitFor();
    assert.equal(fs.readFileSync(notebook, 'utf8'), exportPipeline(pipeline, { to: 'notebook' }).text);
    assert.equal((JSON.parse(fs.readFileSync(notebook, 'utf8')) as { nbformat: number }).nbformat, 4);

    // The saved script, unchanged, under real Dask: the sample's results, as Weft computes them.
    const [outcome] = await runExportedPython([{ script, argv: ['--scheduler', 'sync', '--data-dir', app.samplesDir], nodes: scriptNodes(exported) }], app.workDir);
    assert.equal(outcome.parsed.error, undefined, JSON.stringify(outcome.parsed.error));
    const ours = await runPipeline(pipeline, { baseDir: app.samplesDir, scheduler: 'sync' });
    assert.deepEqual(parseJsonKeepingFloats(outcome.text), { results: parseJsonKeepingFloats(toJsonText(ours.results)) });
    assert.equal((outcome.parsed.results as Record<string, unknown>).normal_count, 97278);
    assert.deepEqual(await unnamedControls(page), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
