/**
 * Runs under a memory limit small enough that shuffles and persisted partitions must spill to SQLite: the results
 * are exact, the spill folder is gone afterwards, and a failed run leaves nothing behind either. (The scaled-down
 * version of issue 3's acceptance; the full 10x run belongs to the benchmark.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline, toJsonText, WeftError, type PipelineFile } from '../../engine/index.js';
import { KDD_FILE, requireOrSkip, requireKddFile } from '../support/environment.js';

const pipeline: PipelineFile = {
  weft: 1,
  nodes: [
    { id: 'raw', op: 'bag.read_text', params: { urlpath: 'data/kdd.gz' } },
    { id: 'parts', op: 'bag.repartition', inputs: ['raw'], params: { npartitions: 20 } },
    { id: 'groups', op: 'bag.groupby', inputs: ['parts'], params: { grouper: "lambda line: line.split(',')[3]", npartitions: 4 } },
    { id: 'sizes', op: 'bag.map', inputs: ['groups'], params: { func: 'lambda g: (g[0], len(g[1]))' } },
    { id: 'kept', op: 'bag.persist', inputs: ['parts'] },
    { id: 'n', op: 'bag.count', inputs: ['kept'] },
    { id: 'services', op: 'bag.distinct', inputs: ['service'] },
    { id: 'service', op: 'bag.map', inputs: ['kept'], params: { func: "lambda line: line.split(',')[2]" } },
    // A foldby with many keys (10,725 distinct dst_bytes): its per-partition totals are large results too.
    {
      id: 'lines_by_dst_bytes',
      op: 'bag.foldby',
      inputs: ['kept'],
      params: { key: "lambda line: line.split(',')[5]", binop: 'lambda n, line: n + 1', initial: 0, combine: 'lambda a, b: a + b', combine_initial: 0 },
    },
  ],
};

describe('spilling to disk under a memory limit', () => {
  let dir = '';
  let spillDir = '';
  let reference: Record<string, unknown> = {};
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-spill-test-'));
    spillDir = path.join(dir, 'spill');
    fs.mkdirSync(path.join(dir, 'data'));
    if (fs.existsSync(KDD_FILE)) {
      fs.symlinkSync(KDD_FILE, path.join(dir, 'data', 'kdd.gz'));
      reference = (await runPipeline(pipeline, { baseDir: dir, scheduler: 'sync' })).results;
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const scheduler of ['threads', 'sync'] as const) {
    test(`${scheduler}: a 48 MB limit spills the shuffle and the persisted bag, and the results are exact`, async (t) => {
      if (!requireKddFile(t)) return;
      const spills: number[] = [];
      const result = await runPipeline(pipeline, {
        baseDir: dir,
        scheduler,
        memoryLimit: 48e6,
        spillDir,
        onEvent: (e) => e.kind === 'spill' && spills.push(e.bytes),
      });
      assert.equal(result.results.n, 494021);
      assert.equal((result.results.services as unknown[]).length, 66);
      const sorted = (v: unknown) => JSON.parse(toJsonText(v)).sort();
      assert.deepEqual(sorted(result.results.sizes), sorted(reference.sizes));
      assert.equal((result.results.lines_by_dst_bytes as unknown[]).length, 10725);
      assert.equal(toJsonText(result.results.lines_by_dst_bytes), toJsonText(reference.lines_by_dst_bytes));
      assert.ok(result.stats.spill.bytesSpilled > 0 && spills.length > 0, 'something was spilled');
      assert.ok(result.stats.spill.partitionsReadBack > 0, 'spilled results were read back');
      assert.equal(spills.reduce((a, b) => a + b, 0), result.stats.spill.bytesSpilled);
      assert.deepEqual(fs.readdirSync(spillDir), [], 'the spill folder is removed');
    });
  }

  test('a run that fails while spilling leaves no spill folder, and the next run works', async (t) => {
    if (!requireKddFile(t)) return;
    const failing: PipelineFile = {
      weft: 1,
      nodes: [...pipeline.nodes.slice(0, 2), { id: 'bad', op: 'bag.map', inputs: ['parts'], params: { func: "lambda line: line.split(',')[99]" } }],
    };
    await assert.rejects(runPipeline(failing, { baseDir: dir, memoryLimit: 48e6, spillDir }), (e: unknown) => e instanceof WeftError && /IndexError/.test(e.message));
    assert.deepEqual(fs.readdirSync(spillDir), []);
    const again = await runPipeline(pipeline, { baseDir: dir, memoryLimit: 48e6, spillDir });
    assert.equal(again.results.n, 494021);
  });

  test('a spill folder that cannot be written fails the run with its path', async (t) => {
    if (!requireKddFile(t)) return;
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'a file where the spill folder should go');
    await assert.rejects(runPipeline(pipeline, { baseDir: dir, memoryLimit: 48e6, spillDir: path.join(blocker, 'spill') }), (e: unknown) => {
      assert.ok(e instanceof WeftError);
      assert.match(e.message, new RegExp(`cannot create a spill folder in ${path.join(blocker, 'spill').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      return true;
    });
  });
});

describe('a full spill disk', () => {
  test('fails the run with the spill database named, leaves nothing behind, and the next run works', async (t) => {
    if (!requireKddFile(t)) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-full-'));
    const spillDir = path.join(dir, 'spill');
    fs.mkdirSync(path.join(dir, 'data'));
    fs.symlinkSync(KDD_FILE, path.join(dir, 'data', 'kdd.gz'));
    try {
      // A 1 MB cap on the spill database stands for a disk that fills up.
      await assert.rejects(runPipeline(pipeline, { baseDir: dir, memoryLimit: 48e6, spillDir, maxSpillBytes: 1e6 }), (e: unknown) => {
        assert.ok(e instanceof WeftError);
        assert.match(e.message, /cannot write to the spill database .*spill\.db: the disk is full/);
        assert.ok(e.context.taskKey, 'the failure is attributed to the run, not to the pipeline');
        return true;
      });
      assert.deepEqual(fs.readdirSync(spillDir), []);
      const again = await runPipeline(pipeline, { baseDir: dir, memoryLimit: 48e6, spillDir });
      assert.equal(again.results.n, 494021);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
