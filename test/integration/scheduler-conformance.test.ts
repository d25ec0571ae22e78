/**
 * One conformance suite for every executor (the inline `sync` one and the piscina `threads` one), in the spirit of
 * Dask's GetFunctionTestMixin: same results, dependency order, early release, failure and cancellation behaviour.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineFile } from '../../engine/spec/pipeline.js';
import type { Executor } from '../../engine/schedule/executor.js';
import type { RunEvent } from '../../engine/schedule/events.js';
import { compilePipeline } from '../../engine/graph/compile.js';
import { optimize } from '../../engine/graph/optimize.js';
import { schedule, taskPriorities } from '../../engine/schedule/scheduler.js';
import { createSyncExecutor } from '../../engine/schedule/sync-executor.js';
import { createThreadExecutor } from '../../engine/schedule/thread-executor.js';
import { nodeFileSystem } from '../../engine/io/node-file-system.js';
import { CancelledError, WeftError } from '../../engine/errors.js';

function plan(nodes: PipelineFile['nodes'], functions = '') {
  return optimize(compilePipeline({ weft: 1, nodes, functions }, { baseDir: process.cwd(), fs: nodeFileSystem }));
}

async function compute(executor: Executor<unknown>, nodes: PipelineFile['nodes'], options: { signal?: AbortSignal; onEvent?: (e: RunEvent) => void } = {}) {
  const graph = plan(nodes);
  const run = await schedule(graph, executor, options);
  const values: Record<string, unknown> = {};
  for (const out of graph.outputs) {
    const parts = out.keys.map((k) => executor.toValue(run.payloads.get(k)));
    values[out.nodeId] = out.kind === 'bag' ? (parts as unknown[][]).flat() : parts[0];
  }
  return { values, run, graph };
}

const seq = (id: string, source: string, npartitions: number) => ({ id, op: 'bag.from_sequence', params: { seq: source, npartitions } });

const executors: Array<[string, () => Executor<unknown>]> = [
  ['sync', () => createSyncExecutor()],
  ['threads', () => createThreadExecutor({ workers: 2 }) as Executor<unknown>],
];

for (const [name, make] of executors) {
  describe(`scheduler conformance: ${name}`, () => {
    const executor = make();
    after(() => executor.close());

    test('computes a diamond of bags and items', async () => {
      const { values } = await compute(executor, [
        seq('n', 'range(10)', 3),
        { id: 'sq', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: x * x' } },
        { id: 'odd', op: 'bag.filter', inputs: ['n'], params: { predicate: 'lambda x: x % 2' } },
        { id: 'both', op: 'bag.concat', inputs: ['sq', 'odd'] },
        { id: 'total', op: 'bag.sum', inputs: ['both'] },
        { id: 'all', op: 'bag.repartition', inputs: ['both'], params: { npartitions: 2 } },
      ]);
      assert.equal(values.total, 285 + 25);
      assert.deepEqual(values.all, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 1, 3, 5, 7, 9]);
    });

    test('runs every task after its dependencies, and emits a full lifecycle', async () => {
      const events: RunEvent[] = [];
      const { graph } = await compute(executor, [seq('n', 'range(100)', 20), { id: 'f', op: 'bag.frequencies', inputs: ['n'] }], { onEvent: (e) => events.push(e) });
      const finished = new Set<string>();
      for (const e of events) {
        if (e.kind === 'task-start') for (const dep of graph.tasks.get(e.key)!.deps) assert.ok(finished.has(dep), `${e.key} started before ${dep}`);
        if (e.kind === 'task-finish') finished.add(e.key);
      }
      assert.equal(events[0].kind, 'run-start');
      const last = events.at(-1);
      assert.equal(last?.kind === 'run-end' ? last.status : last?.kind, 'done');
      assert.equal(finished.size, graph.tasks.size);
    });

    test("hands back the warnings tasks give, once each, wherever their node is in the graph", async () => {
      // Two takes finding too few elements, one of them reading an input that another node uses too, and many
      // batched tasks around them that warn nothing.
      const { run, values } = await compute(executor, [
        seq('n', 'range(50)', 25),
        { id: 't', op: 'bag.take', inputs: ['n'], params: { k: 5 } },
        { id: 'u', op: 'bag.take', inputs: ['n'], params: { k: 9, npartitions: 3 } },
        { id: 'enough', op: 'bag.take', inputs: ['n'], params: { k: 2 } },
        { id: 'c', op: 'bag.count', inputs: ['n'] },
      ]);
      assert.equal(values.c, 50);
      assert.deepEqual([...run.warnings].sort(), [
        "node 't': Insufficient elements for `take`. 5 elements requested, only 2 elements available. Try passing larger `npartitions` to `take`.",
        "node 'u': Insufficient elements for `take`. 9 elements requested, only 6 elements available. Try passing larger `npartitions` to `take`.",
      ]);
    });

    test('releases intermediate results as soon as nothing needs them', async () => {
      // Tasks of a few milliseconds each, so that they are not batched (batches return their results together).
      const { run, values } = await compute(executor, [
        seq('n', 'range(200)', 200),
        { id: 'w', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: sum(range(100000)) * 0 + x' } },
        { id: 'c', op: 'bag.count', inputs: ['w'] },
      ]);
      assert.equal(values.c, 200);
      // 200 partial counts feed a tree of 25, 4 and 1 aggregates. Depth-first order and early release hold at most
      // about split_every results per level (3 levels of 8) instead of all 225 partial results.
      assert.ok(run.peakResultsHeld <= 3 * 8 + executor.capacity, `held at most ${run.peakResultsHeld} results`);
    });

    test('a failing task stops the run and names node, partition and element', async () => {
      const events: RunEvent[] = [];
      await assert.rejects(
        compute(executor, [seq('n', '[1, 2, 0, 4]', 2), { id: 'inv', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: 1 / x' } }], { onEvent: (e) => events.push(e) }),
        (e: unknown) => {
          assert.ok(e instanceof WeftError);
          assert.equal(e.context.nodeId, 'inv');
          assert.equal(e.context.partition, 1);
          assert.match(e.message, /node 'inv', partition 1: ZeroDivisionError: division by zero\n  element: 0/);
          return true;
        },
      );
      const last = events.at(-1);
      assert.equal(last?.kind === 'run-end' ? last.status : last?.kind, 'failed');
      assert.ok(events.some((e) => e.kind === 'task-fail'));
    });

    test('cancelling through an AbortSignal stops within a second', async () => {
      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 300);
      await assert.rejects(
        compute(executor, [seq('n', 'range(400)', 400), { id: 'slow', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: sum(range(300000))' } }, { id: 's', op: 'bag.sum', inputs: ['slow'] }], {
          signal: controller.signal,
        }),
        (e: unknown) => e instanceof CancelledError,
      );
      const took = performance.now() - started;
      assert.ok(took < 1300, `stopped after ${took.toFixed(0)} ms`);
      // The executor stays usable after a cancelled run.
      const { values } = await compute(executor, [seq('n', 'range(5)', 2), { id: 's', op: 'bag.sum', inputs: ['n'] }]);
      assert.equal(values.s, 10);
    });

    test('runs a graph of 10,000 small tasks, batching them once they prove tiny', async () => {
      let submissions = 0;
      const counting: Executor<unknown> = { ...executor, submit: (...args) => (submissions++, executor.submit(...args)) };
      const { values, graph } = await compute(counting, [seq('n', 'range(10000)', 10000), { id: 'm', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: x + 1' } }, { id: 's', op: 'bag.sum', inputs: ['m'] }]);
      assert.equal(values.s, 50005000);
      assert.ok(graph.tasks.size > 10000);
      assert.ok(submissions < graph.tasks.size / 4, `${submissions} submissions for ${graph.tasks.size} tasks`);
    });
  });
}

test('priorities walk depth-first from the outputs, so reductions finish groups before starting new ones', () => {
  const graph = plan([seq('n', 'range(32)', 32), { id: 'c', op: 'bag.count', inputs: ['n'] }]);
  const order = taskPriorities(graph);
  const keys = [...order.keys()];
  const firstAggregate = keys.findIndex((k) => k.includes('-agg0:'));
  assert.equal(firstAggregate, 8, 'the first aggregate runs right after its 8 inputs');
  assert.equal(order.size, graph.tasks.size);
});

test('fusion turns read -> map -> filter -> count into one task per partition plus the aggregate', () => {
  const graph = plan([
    seq('n', 'range(100)', 4),
    { id: 'm', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: x + 1' } },
    { id: 'f', op: 'bag.filter', inputs: ['m'], params: { predicate: 'lambda x: x % 3 == 0' } },
    { id: 'c', op: 'bag.count', inputs: ['f'] },
  ]);
  assert.equal(graph.tasks.size, 5);
  const part = [...graph.tasks.values()][0];
  assert.deepEqual(part.nodeIds, ['n', 'm', 'f', 'c']);
});
