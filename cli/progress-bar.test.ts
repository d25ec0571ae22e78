import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { RunEvent } from '../engine/schedule/events.js';
import { ProgressBar } from './progress-bar.js';

const CLEAR = '\x1b[K';

/** A fake TTY, clock and interval timer; `tick` advances the clock and fires the interval like a real one would. */
function harness(options: { columns?: number; isTTY?: boolean; minIntervalMs?: number } = {}) {
  const writes: string[] = [];
  let clock = 1000;
  const intervals = new Map<number, { callback: () => void; ms: number }>();
  let nextHandle = 1;
  const stream = {
    isTTY: options.isTTY ?? true,
    columns: options.columns,
    write(s: string) {
      writes.push(s);
      return true;
    },
  };
  const bar = new ProgressBar(stream, {
    ...(options.minIntervalMs === undefined ? {} : { minIntervalMs: options.minIntervalMs }),
    now: () => clock,
    timers: {
      setInterval: (callback, ms) => {
        intervals.set(nextHandle, { callback, ms });
        return nextHandle++;
      },
      clearInterval: (handle) => intervals.delete(handle as number),
    },
  });
  return {
    bar,
    stream,
    writes,
    intervals,
    advance(ms: number) {
      clock += ms;
    },
    tick(ms: number) {
      clock += ms;
      for (const { callback } of [...intervals.values()]) callback();
    },
    /** The visible line of each write, without `\r`, clearing and newline. */
    lines: () => writes.map((w) => w.replace(/^\r/, '').replace(`${CLEAR}\n`, '').replace(CLEAR, '')),
  };
}

// The bar names a layer by its node ids; here they are chosen to read like the layer names.
const layers = [
  { name: 'read-aaaa-1f2e', nodeIds: ['read-aaaa'], tasks: 4 },
  { name: 'map-bbbb-3c4d', nodeIds: ['map-bbbb'], tasks: 4 },
];
const start: RunEvent = { kind: 'run-start', tasks: 8, layers, scheduler: 'threads', workers: 2 };
const taskStart = (layer: string, p: number): RunEvent => ({
  kind: 'task-start',
  key: `${layer}:${p}`,
  layer,
});
const taskFinish = (layer: string, p: number): RunEvent => ({
  kind: 'task-finish',
  key: `${layer}:${p}`,
  layer,
  worker: 0,
  startMs: 0,
  endMs: 1,
});

const EMPTY = ' '.repeat(40);
const FULL = '#'.repeat(40);

describe('ProgressBar', () => {
  it('draws the first line at run start', () => {
    const h = harness();
    h.bar.onEvent(start);
    assert.deepEqual(h.writes, [`\r[${EMPTY}] | 0% Completed |  0.0s | 0/8 tasks${CLEAR}`]);
  });

  it('names a fused layer by the ids of the nodes it computes', () => {
    const h = harness();
    h.bar.onEvent({ ...start, layers: [{ name: 'count-9a8b-part', nodeIds: ['raw', 'kv', 'n'], tasks: 8 }] });
    h.advance(200);
    h.bar.onEvent(taskStart('count-9a8b-part', 0));
    assert.match(h.lines().at(-1)!, /\| 0\/8 tasks \| raw \+ kv \+ n$/);
  });

  it('counts tasks, names the busiest layer and ends with Completed and a newline', () => {
    const h = harness();
    h.bar.onEvent(start);
    h.advance(150); // rounds half up, to 0.2s
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 0));
    h.advance(150);
    h.bar.onEvent(taskFinish('read-aaaa-1f2e', 0));
    h.advance(100);
    h.bar.onEvent(taskStart('map-bbbb-3c4d', 0));
    h.bar.onEvent(taskStart('map-bbbb-3c4d', 1));
    h.advance(100);
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 1));
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 1234 });
    assert.deepEqual(h.lines(), [
      `[${EMPTY}] | 0% Completed |  0.0s | 0/8 tasks`,
      `[${EMPTY}] | 0% Completed |  0.2s | 0/8 tasks | read-aaaa`,
      `[#####${' '.repeat(35)}] | 12% Completed |  0.3s | 1/8 tasks | read-aaaa`,
      `[#####${' '.repeat(35)}] | 12% Completed |  0.4s | 1/8 tasks | map-bbbb`,
      `[#####${' '.repeat(35)}] | 12% Completed |  0.5s | 1/8 tasks | map-bbbb`,
      `[${FULL}] | 100% Completed |  1.2s | 1/8 tasks`,
    ]);
    assert.equal(h.writes.at(-1), `\r[${FULL}] | 100% Completed |  1.2s | 1/8 tasks${CLEAR}\n`);
    assert.ok(h.writes.slice(0, -1).every((w) => w.startsWith('\r') && w.endsWith(CLEAR)));
  });

  it('keeps the last active layer while no task runs', () => {
    const h = harness({ minIntervalMs: 0 });
    h.bar.onEvent(start);
    h.bar.onEvent(taskStart('map-bbbb-3c4d', 0));
    h.bar.onEvent(taskFinish('map-bbbb-3c4d', 0));
    assert.equal(h.lines().at(-1), `[#####${' '.repeat(35)}] | 12% Completed |  0.0s | 1/8 tasks | map-bbbb`);
  });

  it('redraws at most every minIntervalMs', () => {
    const h = harness();
    h.bar.onEvent(start);
    for (let p = 0; p < 4; p++) {
      h.advance(30);
      h.bar.onEvent(taskStart('read-aaaa-1f2e', p));
      h.bar.onEvent(taskFinish('read-aaaa-1f2e', p));
    }
    // 120 ms after the first draw: one more draw, at the task-start of partition 3.
    assert.deepEqual(h.lines(), [
      `[${EMPTY}] | 0% Completed |  0.0s | 0/8 tasks`,
      `[###############${' '.repeat(25)}] | 37% Completed |  0.1s | 3/8 tasks | read-aaaa`,
    ]);
  });

  it('ticks the clock between events and stops ticking at run end', () => {
    const h = harness();
    h.bar.onEvent(start);
    assert.deepEqual([...h.intervals.values()].map((i) => i.ms), [100]);
    h.bar.onEvent(taskStart('map-bbbb-3c4d', 0));
    h.tick(100);
    h.tick(50);
    h.tick(50);
    h.tick(1000);
    assert.deepEqual(h.lines(), [
      `[${EMPTY}] | 0% Completed |  0.0s | 0/8 tasks`,
      `[${EMPTY}] | 0% Completed |  0.1s | 0/8 tasks | map-bbbb`,
      `[${EMPTY}] | 0% Completed |  0.2s | 0/8 tasks | map-bbbb`,
      `[${EMPTY}] | 0% Completed |  1.2s | 0/8 tasks | map-bbbb`,
    ]);
    h.bar.onEvent({ kind: 'run-end', status: 'cancelled', elapsedMs: 1200 });
    assert.equal(h.intervals.size, 0);
  });

  it('always draws the final line, even right after another draw', () => {
    const h = harness();
    h.bar.onEvent(start);
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 3 });
    assert.deepEqual(h.lines(), [
      `[${EMPTY}] | 0% Completed |  0.0s | 0/8 tasks`,
      `[${FULL}] | 100% Completed |  0.0s | 0/8 tasks`,
    ]);
  });

  it('ends a failed run with Failed, the reached fraction and the failure count', () => {
    const h = harness({ minIntervalMs: 0 });
    h.bar.onEvent(start);
    for (let p = 0; p < 3; p++) {
      h.bar.onEvent(taskStart('read-aaaa-1f2e', p));
      h.bar.onEvent(taskFinish('read-aaaa-1f2e', p));
    }
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 3));
    h.bar.onEvent({ kind: 'task-fail', key: 'read-aaaa-1f2e:3', layer: 'read-aaaa-1f2e', worker: 0, message: 'boom' });
    h.bar.onEvent({ kind: 'run-end', status: 'failed', elapsedMs: 61_240 });
    assert.equal(
      h.writes.at(-1),
      `\r[###############${' '.repeat(25)}] | 37% Failed |  1min  1.2s | 3/8 tasks, 1 failed${CLEAR}\n`,
    );
  });

  it('ends a cancelled run with Cancelled', () => {
    const h = harness();
    h.bar.onEvent(start);
    h.bar.onEvent({ kind: 'run-end', status: 'cancelled', elapsedMs: 3_725_400 });
    assert.equal(h.lines().at(-1), `[${EMPTY}] | 0% Cancelled |  1hr  2min  5.4s | 0/8 tasks`);
  });

  it('shows an empty graph as complete', () => {
    const h = harness();
    h.bar.onEvent({ kind: 'run-start', tasks: 0, layers: [], scheduler: 'sync', workers: 1 });
    assert.deepEqual(h.lines(), [`[${FULL}] | 100% Completed |  0.0s | 0/0 tasks`]);
  });

  it('draws nothing at all on a stream that is not a TTY', () => {
    const h = harness({ isTTY: false });
    h.bar.onEvent(start);
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 0));
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 10 });
    assert.deepEqual(h.writes, []);
    assert.equal(h.intervals.size, 0);
  });

  it('ignores events outside a run and a second run-end', () => {
    const h = harness({ minIntervalMs: 0 });
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 0));
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 10 });
    assert.deepEqual(h.writes, []);
    h.bar.onEvent(start);
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 10 });
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 10 });
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 0));
    assert.equal(h.writes.length, 2);
  });

  it('starts over on a second run', () => {
    const h = harness({ minIntervalMs: 0 });
    h.bar.onEvent(start);
    h.bar.onEvent(taskStart('read-aaaa-1f2e', 0));
    h.bar.onEvent(taskFinish('read-aaaa-1f2e', 0));
    h.bar.onEvent({ kind: 'run-end', status: 'done', elapsedMs: 10 });
    h.advance(500);
    h.bar.onEvent({ ...start, tasks: 2 } as RunEvent);
    assert.equal(h.lines().at(-1), `[${EMPTY}] | 0% Completed |  0.0s | 0/2 tasks`);
  });

  describe('in a narrow terminal', () => {
    // Full line with the layer: "[" + 40-cell bar + "] | 12% Completed |  0.0s | 1/8 tasks | map-bbbb" = 89 characters.
    const run = (columns: number) => {
      const h = harness({ columns, minIntervalMs: 0 });
      h.bar.onEvent(start);
      h.bar.onEvent(taskStart('map-bbbb-3c4d', 0));
      h.bar.onEvent(taskFinish('read-aaaa-1f2e', 0));
      return h.lines().at(-1)!;
    };
    const bar = (filled: number, width: number) => `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;

    it('keeps the full line when it ends before the last column', () => {
      assert.equal(run(90), `${bar(5, 40)} | 12% Completed |  0.0s | 1/8 tasks | map-bbbb`);
    });

    it('shrinks the bar first', () => {
      assert.equal(run(89), `${bar(4, 39)} | 12% Completed |  0.0s | 1/8 tasks | map-bbbb`);
      assert.equal(run(80), `${bar(3, 30)} | 12% Completed |  0.0s | 1/8 tasks | map-bbbb`);
      assert.equal(run(60), `${bar(1, 10)} | 12% Completed |  0.0s | 1/8 tasks | map-bbbb`);
    });

    it('then shortens the layer name', () => {
      assert.equal(run(59), `${bar(1, 10)} | 12% Completed |  0.0s | 1/8 tasks | map-bb…`);
      assert.equal(run(56), `${bar(1, 10)} | 12% Completed |  0.0s | 1/8 tasks | map…`);
    });

    it('then drops the layer, then the task count, then cuts the line', () => {
      assert.equal(run(55), `${bar(2, 16)} | 12% Completed |  0.0s | 1/8 tasks`);
      assert.equal(run(49), `${bar(1, 10)} | 12% Completed |  0.0s | 1/8 tasks`);
      assert.equal(run(48), `${bar(2, 21)} | 12% Completed |  0.0s`);
      assert.equal(run(37), `${bar(1, 10)} | 12% Completed |  0.0s`);
      assert.equal(run(36), `${bar(1, 10)} | 12% Completed |  0.0`);
      assert.equal(run(20), `${bar(1, 10)} | 12% `);
    });

    it('never reaches the last column', () => {
      for (let columns = 1; columns <= 100; columns++) assert.ok(run(columns).length < columns, `columns ${columns}`);
    });

    it('ignores a zero width', () => {
      assert.equal(run(0), run(90));
    });
  });
});
