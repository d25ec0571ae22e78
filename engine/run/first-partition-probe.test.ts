import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PipelineFile } from '../spec/pipeline.js';
import { inspectPlan, planPipeline } from './session.js';
import { WeftError } from '../errors.js';
import { PROBE_TIME_BUDGET_MS } from '../limits.js';

const toFrame = (func: string, functions = ''): PipelineFile => ({
  weft: 1,
  functions,
  nodes: [
    { id: 'nums', op: 'bag.from_sequence', params: { seq: 'list(range(6))', npartitions: 2 } },
    { id: 'recs', op: 'bag.map', inputs: ['nums'], params: { func } },
    { id: 'frame', op: 'bag.to_dataframe', inputs: ['recs'] },
  ],
});

test("the plan knows bag.to_dataframe's columns and dtypes from the bag's first element, and so does the editor's inspection", () => {
  const pipeline = toFrame("lambda x: {'n': x, 'half': x / 2, 'tag': str(x)}");
  const expected = [
    { name: 'n', dtype: 'int64' },
    { name: 'half', dtype: 'float64' },
    { name: 'tag', dtype: 'object' },
  ];
  const { full } = planPipeline(pipeline, { baseDir: process.cwd() });
  assert.deepEqual(full.schemas.frame, { kind: 'frame', columns: expected, index: { dtypes: ['int64'], names: [null], range: true } });
  assert.deepEqual((inspectPlan(pipeline, { baseDir: process.cwd() }).schemas.frame as { columns: unknown }).columns, expected);
});

test('a first element that never finishes computing fails the plan after the probe budget, naming the node, and fails at once the next time', () => {
  const pipeline = toFrame('spin', 'def spin(x):\n    while True:\n        x += 1\n');
  const started = performance.now();
  assert.throws(
    () => planPipeline(pipeline, { baseDir: process.cwd() }),
    (e: unknown) => e instanceof WeftError && e.context.nodeId === 'frame' && /computing the first element of 'recs'.*took longer than/.test(e.message),
  );
  assert.ok(performance.now() - started >= PROBE_TIME_BUDGET_MS - 50);
  const again = performance.now();
  assert.throws(() => planPipeline(pipeline, { baseDir: process.cwd() }), WeftError);
  assert.ok(performance.now() - again < 1000, 'the failure is remembered');
  // A new probe gets a new thread.
  assert.equal(planPipeline(toFrame("lambda x: {'m': x}"), { baseDir: process.cwd() }).full.schemas.frame.kind, 'frame');
});
