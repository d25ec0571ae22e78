import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { PipelineFile } from '../../spec/pipeline.js';
import { planPipeline } from '../../run/session.js';
import { arrayTreeShape, dataframeTreeShape, type TreeLevel } from '../../dataframe/aggregate/tree.js';

/** The levels above the chunks of a reduction node's graph, as ranges of the level below (tree.ts' shape). */
function levelsOf(pipeline: PipelineFile, dir: string, nodeId: string): TreeLevel[] {
  const tasks = [...planPipeline(pipeline, { baseDir: dir }).full.tasks.values()].filter((t) => t.nodeIds.includes(nodeId));
  const byLayer = new Map<string, typeof tasks>();
  for (const t of tasks) byLayer.set(t.layer, [...(byLayer.get(t.layer) ?? []), t]);
  const chunks = tasks.filter((t) => t.work.kind === 'chain');
  let below = chunks.sort((a, b) => a.partition - b.partition).map((t) => t.key);
  const levels: TreeLevel[] = [];
  for (;;) {
    const above = tasks.filter((t) => t.work.kind === 'aggregate' && t.deps.some((d) => below.includes(d))).sort((a, b) => a.partition - b.partition);
    if (above.length === 0) return levels;
    levels.push(above.map((t) => [below.indexOf(t.deps[0]), below.indexOf(t.deps[t.deps.length - 1]) + 1]));
    below = above.map((t) => t.key);
  }
}

test("reductions are laid out along Dask's trees: one aggregate, dataframe's combines of split_every, dask.array's for var", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-tree-layout-'));
  try {
    fs.writeFileSync(path.join(dir, 'n.csv'), 'a,b\n' + Array.from({ length: 400 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n');
    const pipeline: PipelineFile = {
      weft: 1,
      nodes: [
        { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'n.csv', blocksize: 100 } },
        { id: 'sum', op: 'dataframe.sum', inputs: ['df'] },
        { id: 'sum3', op: 'dataframe.sum', inputs: ['df'], params: { split_every: 3 } },
        { id: 'var', op: 'dataframe.var', inputs: ['df'] },
        { id: 'size', op: 'dataframe.groupby.size', inputs: ['df'], params: { by: 'b' } },
      ],
    };
    const n = [...planPipeline(pipeline, { baseDir: dir }).full.tasks.values()].filter((t) => t.nodeIds.includes('df') && t.work.kind === 'chain' && t.layer.startsWith('read-csv')).length;
    assert.ok(n > 16, `enough partitions for two combine levels (${n})`);
    assert.deepEqual(levelsOf(pipeline, dir, 'sum'), dataframeTreeShape(n, false).levels);
    assert.deepEqual(levelsOf(pipeline, dir, 'sum3'), dataframeTreeShape(n, 3).levels);
    assert.deepEqual(levelsOf(pipeline, dir, 'var'), arrayTreeShape(n).levels);
    assert.deepEqual(levelsOf(pipeline, dir, 'size'), dataframeTreeShape(n).levels);
    assert.ok(levelsOf(pipeline, dir, 'var').length >= 2 && levelsOf(pipeline, dir, 'sum3').length >= 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
