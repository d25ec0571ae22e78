/**
 * Issue 10, item 15: the task graph view draws every dependency of the plan. A fused tee task (bag-basics' one task
 * from `raw` to every branch) feeds its consumers through the keys it produces, and the view drew no line to them.
 * The lines drawn in the page are checked against the edges of the engine's own plan (`weft graph --format dot`).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { graphToDot, loadPipelineFile, planPipeline } from '../../engine/index.js';
import { KDD_FILE, requireOrSkip } from '../support/environment.js';
import { hasChromium } from './support/browser.js';
import { openApp } from './support/app-session.js';
import { waitUntil } from './support/canvas.js';
import { openSampleFromMenu } from './support/samples.js';

/** The plan's edges as `weft graph --format dot` writes them: "producer -> consumer". */
function planEdges(file: string, baseDir: string): string[] {
  const dot = graphToDot(planPipeline(loadPipelineFile(file), { baseDir }).optimized);
  return [...dot.matchAll(/^ {2}("[^"]+") -> ("[^"]+");$/gm)].map((m) => `${JSON.parse(m[1]) as string} -> ${JSON.parse(m[2]) as string}`).sort();
}

for (const sample of [
  { label: 'Bag basics', file: 'bag-basics.weft.json', someNode: 'tag_counts' },
  { label: 'Set operations', file: 'set-operations.weft.json', someNode: 'pair_count' },
]) {
  test(`e2e: the task graph of ${sample.file} draws every edge of the plan, fused tee tasks included`, { timeout: 90_000 }, async (t) => {
    if (!requireOrSkip(t, hasChromium(), 'Chromium at /usr/bin/chromium (apt-get install chromium)')) return;
    if (!requireOrSkip(t, fs.existsSync(KDD_FILE), `the KDD file at ${KDD_FILE}`)) return;
    const app = await openApp(`15-task-graph-edges-${path.basename(sample.file, '.weft.json')}`);
    try {
      const { page } = app;
      await openSampleFromMenu(page, sample.label, sample.someNode);
      await page.getByRole('tab', { name: 'Task graph' }).click();
      await page.getByRole('button', { name: 'Show whole pipeline' }).click();
      await page.locator('svg g.task').first().waitFor();
      const expected = planEdges(path.join(app.samplesDir, sample.file), app.samplesDir);
      assert.ok(expected.length > 0);
      // The view adds the run's hidden preview `take` of each bag output; its tasks and their edges are extra.
      const tasks = await page.locator('svg g.task').evaluateAll((els) => els.map((el) => ({ key: el.getAttribute('data-task-key') ?? '', label: el.textContent ?? '', transform: el.getAttribute('transform') ?? '' })));
      const previewTasks = new Set(tasks.filter((task) => task.label.includes('(preview)')).map((task) => task.key));
      const lines = async () => page.locator('svg line.task-edge').evaluateAll((els) => els.map((el) => ({ from: el.getAttribute('data-from') ?? '', to: el.getAttribute('data-to') ?? '', x1: el.getAttribute('x1'), x2: el.getAttribute('x2') })));
      const drawn = async () => (await lines()).filter((l) => !previewTasks.has(l.to)).map((l) => `${l.from} -> ${l.to}`).sort();
      await waitUntil(async () => (await drawn()).length >= expected.length, 10_000, 'the edges to be drawn');
      assert.deepEqual(await drawn(), expected);
      // Each line joins the two boxes it names: from its producer's right side to its consumer's left side.
      const at = new Map(tasks.map((task) => [task.key, Number(/translate\(([-\d.e]+),/.exec(task.transform)?.[1])]));
      for (const line of await lines()) {
        assert.ok(at.has(line.from) && at.has(line.to), `both ends of ${line.from} -> ${line.to} are drawn tasks`);
        assert.equal(Number(line.x2), at.get(line.to));
        assert.ok(Number(line.x1) > at.get(line.from)!, 'a line starts at the right side of its producer');
      }
      await app.screenshot('task-graph');
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}
