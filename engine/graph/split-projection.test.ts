import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineFile } from '../spec/pipeline.js';
import { runPipeline } from '../run/run-pipeline.js';
import { planPipeline } from '../run/run-pipeline.js';
import { splitSeparator } from './split-projection.js';
import { WeftError } from '../errors.js';

const lines = "['a,b,c', 'd,e', 'f,g,h,i', 'only']";

function pipeline(pluck: Record<string, unknown>, func = "lambda line: line.split(',')"): PipelineFile {
  return {
    weft: 1,
    nodes: [
      { id: 'lines', op: 'bag.from_sequence', params: { seq: lines, npartitions: 2 } },
      { id: 'fields', op: 'bag.map', inputs: ['lines'], params: { func } },
      { id: 'col', op: 'bag.pluck', inputs: ['fields'], params: pluck },
    ],
  };
}

test('recognises exactly the one-argument split lambda', () => {
  assert.equal(splitSeparator("lambda x: x.split(',')"), ',');
  assert.equal(splitSeparator("lambda line: line.split('::')"), '::');
  assert.equal(splitSeparator('lambda x: x.split()'), null);
  assert.equal(splitSeparator("lambda x: y.split(',')"), null);
  assert.equal(splitSeparator("lambda x: x.split(',', 1)"), null);
  assert.equal(splitSeparator("lambda x: x.rsplit(',')"), null);
  assert.equal(splitSeparator("lambda x: x.split('')"), null);
});

test('split then pluck becomes one split-field stage with the same results', async () => {
  const plan = planPipeline(pipeline({ key: 1, default: 'none' }), { baseDir: '.' });
  const kinds = [...plan.optimized.tasks.values()].flatMap((t) => (t.work.kind === 'chain' ? t.work.stages.map((s) => s.kind) : []));
  assert.ok(kinds.includes('split-field'), kinds.join(','));
  for (const scheduler of ['sync', 'threads'] as const) {
    const { results } = await runPipeline(pipeline({ key: 1, default: 'none' }), { baseDir: '.', scheduler });
    assert.deepEqual(results.col, ['b', 'e', 'g', 'none']);
    const last = await runPipeline(pipeline({ key: 2, default: null }), { baseDir: '.', scheduler });
    assert.deepEqual(last.results.col, ['c', null, 'h', null]);
  }
});

test('a missing field without a default is the IndexError Python raises, on the pluck node', async () => {
  await assert.rejects(runPipeline(pipeline({ key: 1 }), { baseDir: '.', scheduler: 'sync' }), (e: unknown) => {
    assert.ok(e instanceof WeftError);
    assert.equal(e.context.nodeId, 'col');
    assert.match(e.message, /IndexError: list index out of range\n  element: \['only'\]/);
    return true;
  });
});

test('non-string elements take the ordinary path and its errors', async () => {
  const doc = pipeline({ key: 0 });
  doc.nodes[0].params = { seq: "['x,y', 3]", npartitions: 1 };
  await assert.rejects(runPipeline(doc, { baseDir: '.', scheduler: 'sync' }), (e: unknown) => {
    assert.ok(e instanceof WeftError);
    assert.equal(e.context.nodeId, 'fields');
    assert.match(e.message, /AttributeError: 'int' object has no attribute 'split'/);
    return true;
  });
});
