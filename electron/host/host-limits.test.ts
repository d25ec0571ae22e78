/**
 * The app's back end under hostile pipelines (issue 10): a run spinning in user code is cancelled from the UI
 * within a second on both schedulers, a task that exhausts its heap fails its node and the next run works, runaway
 * plan-time Python comes back as a problem in validation, and the workers option is bounded.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { HostEvent, PipelineFile } from '../ipc/contract.js';
import { Host } from './host.js';
import { MAX_WORKERS, PLAN_TIME_BUDGET_MS, WeftError } from '../../engine/index.js';

type RunEnd = Extract<HostEvent, { kind: 'run-end' }>;

function makeHost(scheduler: 'sync' | 'threads', memoryLimit?: number): { host: Host; dir: string; events: HostEvent[]; runEnd(): Promise<RunEnd> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-host-limits-'));
  const host = new Host({ samplesDir: path.join(dir, 'samples'), stateDir: path.join(dir, 'state'), transport: 'web', scheduler, workers: scheduler === 'threads' ? 2 : undefined, memoryLimit });
  const events: HostEvent[] = [];
  host.onEvent((e) => events.push(e));
  const runEnd = () =>
    new Promise<RunEnd>((resolve) => {
      const off = host.onEvent((e) => {
        if (e.kind === 'run-end') {
          off();
          resolve(e);
        }
      });
    });
  return { host, dir, events, runEnd };
}

const SPINS: PipelineFile = {
  weft: 1,
  functions: 'def spin(x):\n    while True:\n        pass\n',
  nodes: [
    { id: 's', op: 'bag.from_sequence', params: { seq: '[1, 2, 3, 4]', npartitions: 4 } },
    { id: 'spun', op: 'bag.map', inputs: ['s'], params: { func: 'spin' } },
    { id: 'n', op: 'bag.count', inputs: ['spun'] },
  ],
};

const COUNTS: PipelineFile = {
  weft: 1,
  nodes: [
    { id: 's', op: 'bag.from_sequence', params: { seq: 'range(40)', npartitions: 4 } },
    { id: 'n', op: 'bag.count', inputs: ['s'] },
  ],
};

for (const scheduler of ['sync', 'threads'] as const) {
  test(`${scheduler}: a run spinning in user code is cancelled from the UI within a second, and the next run works`, async () => {
    const { host, dir, events, runEnd } = makeHost(scheduler);
    try {
      const ended = runEnd();
      const { runId } = (await host.handle('startRun', { pipeline: SPINS, baseDir: dir })) as { runId: string };
      for (let waited = 0; !events.some((e) => e.kind === 'run-start' && e.tasks > 0) && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 500));
      const sent = performance.now();
      await host.handle('cancelRun', { runId });
      const end = await ended;
      const took = performance.now() - sent;
      assert.equal(end.status, 'cancelled');
      assert.ok(took < 1000, `cancelled ${took.toFixed(0)} ms after the request`);
      const next = runEnd();
      await host.handle('startRun', { pipeline: COUNTS, baseDir: dir });
      const after = await next;
      assert.equal(after.status, 'done');
      assert.deepEqual((after.results.n as { value: { json: unknown } }).value.json, 40);
    } finally {
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a task that exhausts its heap fails its node with MemoryError, and the host runs the next pipeline', async () => {
  const { host, dir, runEnd } = makeHost('threads', 512 * 2 ** 20);
  try {
    const grows: PipelineFile = {
      weft: 1,
      nodes: [
        { id: 's', op: 'bag.from_sequence', params: { seq: '[1, 2]', npartitions: 2 } },
        { id: 'grow', op: 'bag.map', inputs: ['s'], params: { func: 'lambda x: len([[i, str(i)] for i in range(10**9)])' } },
        { id: 'n', op: 'bag.sum', inputs: ['grow'] },
      ],
    };
    const ended = runEnd();
    await host.handle('startRun', { pipeline: grows, baseDir: dir });
    const end = await ended;
    assert.equal(end.status, 'failed');
    assert.equal(end.error?.nodeId, 'n');
    assert.match(end.error?.message ?? '', /^node 'n', partition \d: MemoryError: out of memory in the task of nodes 's', 'grow', 'n'/);
    const next = runEnd();
    await host.handle('startRun', { pipeline: COUNTS, baseDir: dir });
    assert.equal((await next).status, 'done');
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('validation stops runaway plan-time Python with a problem on the node, and the host keeps answering', async () => {
  const { host, dir } = makeHost('sync');
  try {
    const hangs: PipelineFile = { ...COUNTS, functions: 'while True:\n    pass\n' };
    const started = performance.now();
    const problems = (await host.handle('validate', { pipeline: hangs, baseDir: dir })) as Array<{ nodeId?: string; message: string }>;
    assert.ok(performance.now() - started < PLAN_TIME_BUDGET_MS + 2000, 'validation returned within its budget');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].nodeId, 's');
    assert.match(problems[0].message, /TimeoutError: plan-time Python .* took longer than/);
    // The app validates on every edit: the same code fails at once instead of stalling the host for its budget again.
    const again = performance.now();
    assert.deepEqual(await host.handle('validate', { pipeline: hangs, baseDir: dir }), problems);
    assert.ok(performance.now() - again < PLAN_TIME_BUDGET_MS / 2, `revalidated in ${(performance.now() - again).toFixed(0)} ms`);
    assert.deepEqual(await host.handle('validate', { pipeline: COUNTS, baseDir: dir }), []);
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the host refuses a worker count past the bound', () => {
  const dir = os.tmpdir();
  assert.throws(
    () => new Host({ samplesDir: dir, stateDir: dir, transport: 'web', workers: 1_000_000 }),
    (e: unknown) => e instanceof WeftError && e.code === 'BAD_OPTION' && e.message.includes(`from 1 to ${MAX_WORKERS}`),
  );
});
