/**
 * `repartition(npartitions=)` decides which rows land in which partition, which a comparison of whole results cannot
 * see: each partition of the repartition fixtures' nodes, computed by Weft's plan and kernels on both executors,
 * must be Dask's partition (`dask_run.py --partitions`), index labels and dtypes included.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { createSyncExecutor, createThreadExecutor, loadPipelineFile, planPipeline, toJsonText, type Executor } from '../../engine/index.js';
import { schedule } from '../../engine/schedule/scheduler.js';
import { partitionsOnDask } from '../support/dask-reference.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { copyFixtures } from '../support/df-sidecars.js';
import { hasDask, requireOrSkip } from '../support/environment.js';

const CASES: Array<[fixture: string, nodes: string[]]> = [
  ['df-repartition', ['four', 'two', 'six']],
  ['df-repartition-grow-divisions', ['four', 'five', 'seven', 'twelve', 'one3', 'top3', 'sf3']],
];

describe("repartition's partitions are Dask's, one by one", () => {
  let dir = '';
  const executors: Array<[string, Executor<unknown>]> = [];
  before(() => {
    dir = copyFixtures('weft-repartition-parts-');
    executors.push(['sync', createSyncExecutor()], ['threads', createThreadExecutor({ workers: 2 }) as Executor<unknown>]);
  });
  after(async () => {
    for (const [, executor] of executors) await executor.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [fixture, nodes] of CASES) {
    for (const nodeId of nodes) {
      test(`${fixture}: ${nodeId}`, async (t) => {
        if (!requireOrSkip(t, hasDask(), 'needs Debian python3 with Dask')) return;
        const file = path.join(dir, 'pipelines', `${fixture}.weft.json`);
        const dask = await partitionsOnDask(file, nodeId);
        const expected = (parseJsonKeepingFloats(dask.text) as { partitions: unknown[] }).partitions;
        const { optimized } = planPipeline(loadPipelineFile(file), { baseDir: path.dirname(file), targets: [nodeId] });
        for (const [name, executor] of executors) {
          const run = await schedule(optimized, executor);
          const ours = optimized.outputs[0].keys.map((k) => parseJsonKeepingFloats(toJsonText((executor.toValue(run.payloads.get(k)) as unknown[])[0])));
          assert.deepEqual(ours, expected, `${name}: the partitions of '${nodeId}'`);
        }
      });
    }
  }
});

describe("a bag read from one file and repartitioned: each piece is Dask's", () => {
  // Lines read as bytes (ASCII chunks) and as strings (a line across chunks, a non-ASCII line, a \r\n, a last line
  // without a terminator) must land in the same pieces as Dask's, in the same order.
  let dir = '';
  const executors: Array<[string, Executor<unknown>]> = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-repartition-text-'));
    const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i},tcp,http,SF\n`).join('');
    const text = filler(50_000, 'a') + 'x'.repeat((1 << 20) + 3) + '\n' + filler(40_000, 'b') + 'naïve ☕\n' + filler(20_000, 'c') + 'crlf\r\n' + 'end, no terminator';
    fs.writeFileSync(path.join(dir, 'lines.txt'), text);
    fs.writeFileSync(path.join(dir, 'lines.txt.gz'), zlib.gzipSync(text));
    executors.push(['sync', createSyncExecutor()], ['threads', createThreadExecutor({ workers: 2 }) as Executor<unknown>]);
  });
  after(async () => {
    for (const [, executor] of executors) await executor.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of ['lines.txt', 'lines.txt.gz']) {
    test(name, async (t) => {
      if (!requireOrSkip(t, hasDask(), 'needs Debian python3 with Dask')) return;
      const file = path.join(dir, `${name}.weft.json`);
      const nodes = [
        { id: 'raw', op: 'bag.read_text', params: { urlpath: name } },
        { id: 'pieces', op: 'bag.repartition', inputs: ['raw'], params: { npartitions: 7 } },
      ];
      fs.writeFileSync(file, JSON.stringify({ weft: 1, nodes }));
      const expected = (parseJsonKeepingFloats((await partitionsOnDask(file, 'pieces')).text) as { partitions: unknown[] }).partitions;
      assert.equal(expected.length, 7);
      const { optimized } = planPipeline(loadPipelineFile(file), { baseDir: dir, targets: ['pieces'] });
      for (const [executorName, executor] of executors) {
        const run = await schedule(optimized, executor);
        const ours = optimized.outputs[0].keys.map((k) => parseJsonKeepingFloats(toJsonText(executor.toValue(run.payloads.get(k)))));
        assert.deepEqual(ours, expected, `${executorName}: the pieces of ${name}`);
      }
    });
    test(`${name}: counted without making lines strings`, async () => {
      // The count reducer takes ASCII chunks' lines as a number; the rest come as strings: together, every line.
      const file = path.join(dir, `${name}-count.weft.json`);
      const nodes = [
        { id: 'raw', op: 'bag.read_text', params: { urlpath: name } },
        { id: 'n', op: 'bag.count', inputs: ['raw'] },
      ];
      fs.writeFileSync(file, JSON.stringify({ weft: 1, nodes }));
      const lines = fs.readFileSync(path.join(dir, 'lines.txt'), 'utf8').split(/\r\n|\n/).length;
      const { optimized } = planPipeline(loadPipelineFile(file), { baseDir: dir });
      for (const [executorName, executor] of executors) {
        const run = await schedule(optimized, executor);
        assert.equal(executor.toValue(run.payloads.get(optimized.outputs[0].keys[0])), lines, executorName);
      }
    });
  }
});
