import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineFile } from '../spec/pipeline.js';
import { runPipeline } from '../run/run-pipeline.js';
import { planPipeline } from '../run/session.js';
import { splitSeparator } from './split-projection.js';
import { WeftError } from '../errors.js';
import { toJsonText } from '../values/json.js';

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

test('a split read only field by field is made sparse, with the same results and errors', async () => {
  const doc: PipelineFile = {
    weft: 1,
    nodes: [
      { id: 'lines', op: 'bag.from_sequence', params: { seq: "['tcp,http,SF', 'udp,dns,SF', 'tcp,ftp,REJ', 'icmp,eco,SF']", npartitions: 2 } },
      { id: 'fields', op: 'bag.map', inputs: ['lines'], params: { func: "lambda line: line.split(',')" } },
      { id: 'sf', op: 'bag.filter', inputs: ['fields'], params: { predicate: "lambda x: x[-1] == 'SF'" } },
      { id: 'n', op: 'bag.count', inputs: ['sf'] },
      { id: 'per_protocol', op: 'bag.foldby', inputs: ['fields'], params: { key: 'lambda x: x[0]', binop: 'lambda acc, x: acc + len(x[1])', initial: 0, combine: 'lambda a, b: a + b' } },
    ],
  };
  const plan = planPipeline(doc, { baseDir: '.' });
  const stages = JSON.stringify([...plan.optimized.tasks.values()].map((t) => t.work));
  assert.match(stages, /"kind":"split-sparse"[^}]*"fields":\[-1,0,1\]/);
  for (const scheduler of ['sync', 'threads'] as const) {
    const { results } = await runPipeline(doc, { baseDir: '.', scheduler });
    assert.equal(results.n, 3);
    assert.equal(toJsonText(results.per_protocol), '[["tcp", 7], ["udp", 3], ["icmp", 3]]');
  }
  // A line with too few fields fails exactly as the plain split would, and the message shows the whole list.
  doc.nodes[0].params = { seq: "['tcp,http,SF', 'oops']", npartitions: 1 };
  doc.nodes[2].params = { predicate: "lambda x: x[2] == 'SF'" };
  await assert.rejects(runPipeline(doc, { baseDir: '.', scheduler: 'sync' }), /node 'sf', partition 0: IndexError: list index out of range\n  element: \['oops'\]/);
});

test('a split whose list escapes whole is left alone', () => {
  const doc = pipeline({ key: 0 });
  doc.nodes[2] = { id: 'keep', op: 'bag.filter', inputs: ['fields'], params: { predicate: 'lambda x: len(x) > 1' } };
  const plan = planPipeline(doc, { baseDir: '.' });
  assert.doesNotMatch(JSON.stringify([...plan.optimized.tasks.values()].map((t) => t.work)), /split-sparse|split-field/);
});

test('sparse splits cut the right field when the scan stops early', async () => {
  const doc: PipelineFile = {
    weft: 1,
    nodes: [
      { id: 'lines', op: 'bag.from_sequence', params: { seq: "['a,b,c,d', 'e,f', 'g,h,i']", npartitions: 1 } },
      { id: 'fields', op: 'bag.map', inputs: ['lines'], params: { func: "lambda line: line.split(',')" } },
      { id: 'second', op: 'bag.map', inputs: ['fields'], params: { func: 'lambda x: x[1] + x[0]' } },
    ],
  };
  const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'sync' });
  assert.deepEqual(results.second, ['ba', 'fe', 'hg']);
});

test('separators that are special inside a regular expression cut fields correctly', async () => {
  for (const sep of ['-', ']', '^', '\\', '|', '.', '::']) {
    const line = ['x', 'y', 'z'].join(sep);
    const doc = pipeline({ key: 2 }, `lambda line: line.split(${JSON.stringify(sep)})`);
    doc.nodes[0].params = { seq: `[${JSON.stringify(line)}]`, npartitions: 1 };
    const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'sync' });
    assert.deepEqual(results.col, ['z'], `separator ${sep}`);
  }
});

test('split, flatten and count counts the fields without making them', async () => {
  const doc = pipeline({ key: 0 });
  doc.nodes[2] = { id: 'all', op: 'bag.flatten', inputs: ['fields'] };
  doc.nodes.push({ id: 'n', op: 'bag.count', inputs: ['all'] });
  const plan = planPipeline(doc, { baseDir: '.' });
  assert.match(JSON.stringify([...plan.optimized.tasks.values()].map((t) => t.work)), /split-sparse/);
  const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'sync' });
  assert.equal(results.n, 3 + 2 + 4 + 1);
});

test('a split read by a kind that declares no field use stays whole: map_partitions, or flatten into anything but a count', async () => {
  const partitions = pipeline({ key: 0 });
  partitions.nodes[2] = { id: 'sizes', op: 'bag.map_partitions', inputs: ['fields'], params: { func: 'lambda part: [len(x) for x in part]' } };
  const flattened = pipeline({ key: 0 });
  flattened.nodes[2] = { id: 'all', op: 'bag.flatten', inputs: ['fields'] };
  flattened.nodes.push({ id: 'freq', op: 'bag.frequencies', inputs: ['all'] });
  for (const doc of [partitions, flattened]) {
    const plan = planPipeline(doc, { baseDir: '.' });
    assert.doesNotMatch(JSON.stringify([...plan.optimized.tasks.values()].map((t) => t.work)), /split-sparse|split-field/);
  }
  assert.deepEqual((await runPipeline(partitions, { baseDir: '.', scheduler: 'sync' })).results.sizes, [3, 2, 4, 1]);
  const { results } = await runPipeline(flattened, { baseDir: '.', scheduler: 'sync' });
  assert.equal((results.freq as unknown[]).length, 10);
});
