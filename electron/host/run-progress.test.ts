import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunProgress } from '../ipc/contract.js';
import { RunProgressBatcher } from './run-progress.js';

test('progress of 20,000 task events over ~1 s crosses as at most 10 messages a second, and the last states arrive', async () => {
  const sent: Array<{ at: number; progress: RunProgress }> = [];
  const batcher = new RunProgressBatcher('r', (progress) => sent.push({ at: Date.now(), progress }));
  const tasks = 10_000;
  batcher.onEvent({ kind: 'run-start', tasks, scheduler: 'threads', workers: 2, layers: [{ name: 'map-1', nodeIds: ['a', 'b'], tasks }] });
  const started = Date.now();
  for (let i = 0; i < tasks; i++) {
    batcher.onEvent({ kind: 'task-start', key: `map-1:${i}`, layer: 'map-1' });
    batcher.onEvent({ kind: 'task-finish', key: `map-1:${i}`, layer: 'map-1', worker: 0, startMs: 0, endMs: 0 });
    // Spread the events over about a second, as a real run would.
    if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const rest = batcher.close();
  const seconds = (Date.now() - started) / 1000;
  assert.ok(sent.length <= Math.ceil(seconds * 10), `${sent.length} messages in ${seconds.toFixed(2)} s`);
  // 110 ms apart (give or take the millisecond the clock may tick while one is sent): never eleven in a second.
  for (let i = 1; i < sent.length; i++) assert.ok(sent[i].at - sent[i - 1].at >= 105, `messages ${i - 1} and ${i} are ${sent[i].at - sent[i - 1].at} ms apart`);
  const finalTasks = Object.assign({}, ...sent.map((s) => s.progress.tasks), rest) as Record<string, string>;
  assert.equal(Object.keys(finalTasks).length, tasks);
  assert.ok(Object.values(finalTasks).every((s) => s === 'done'));
  assert.deepEqual(batcher.nodeStates(), { a: { kind: 'done', total: tasks }, b: { kind: 'done', total: tasks } });
});

test('a failed task marks the last node of its layer failed with the message; spills mark tasks spilled', () => {
  const sent: RunProgress[] = [];
  const batcher = new RunProgressBatcher('r', (p) => sent.push(p), 0);
  batcher.onEvent({ kind: 'run-start', tasks: 2, scheduler: 'sync', workers: 1, layers: [{ name: 'l', nodeIds: ['raw', 'parse'], tasks: 2 }] });
  batcher.onEvent({ kind: 'task-start', key: 'l:0', layer: 'l' });
  batcher.onEvent({ kind: 'spill', keys: ['l:0'], bytes: 1000 });
  batcher.onEvent({ kind: 'task-fail', key: 'l:1', layer: 'l', worker: 0, message: 'ZeroDivisionError' });
  const rest = batcher.close();
  assert.deepEqual(batcher.nodeStates().parse, { kind: 'failed', message: 'ZeroDivisionError' });
  assert.deepEqual(batcher.nodeStates().raw, { kind: 'running', done: 0, total: 2 });
  assert.equal(batcher.spilled, 1000);
  const last = Object.assign({}, ...sent.map((s) => s.tasks), rest);
  assert.deepEqual(last, { 'l:0': 'spilled', 'l:1': 'failed' });
});
