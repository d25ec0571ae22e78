import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineFile } from '../spec/pipeline.js';
import { planPipeline } from '../run/session.js';
import { runPipeline } from '../run/run-pipeline.js';
import { toJsonText } from '../values/json.js';
import type { WeftError } from '../errors.js';

function pipeline(func: string, functions = ''): PipelineFile {
  return {
    weft: 1,
    functions,
    nodes: [
      { id: 'n', op: 'bag.from_sequence', params: { seq: 'range(100)', npartitions: 7 } },
      { id: 'g', op: 'bag.groupby', inputs: ['n'], params: { grouper: 'lambda x: x % 3', npartitions: 2 } },
      { id: 'out', op: 'bag.map', inputs: ['g'], params: { func } },
    ],
  };
}

const sizesOnly = (doc: PipelineFile) => JSON.stringify([...planPipeline(doc, { baseDir: '.' }).optimized.tasks.values()].map((t) => t.work)).includes('"sizesOnly":true');
const sorted = (v: unknown) => JSON.parse(toJsonText(v)).sort();

test('a groupby read only for keys and sizes shuffles counts, with the same results', async () => {
  const doc = pipeline('lambda g: (g[0], len(g[1]))');
  assert.ok(sizesOnly(doc));
  for (const scheduler of ['sync', 'threads'] as const) {
    const { results } = await runPipeline(doc, { baseDir: '.', scheduler });
    assert.deepEqual(sorted(results.out), [[0, 34], [1, 33], [2, 33]]);
  }
});

test('a groupby whose elements are read keeps them', async () => {
  const doc = pipeline('lambda g: (g[0], sum(g[1]))');
  assert.ok(!sizesOnly(doc));
  const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'sync' });
  assert.deepEqual(sorted(results.out), [[0, 1683], [1, 1617], [2, 1650]]);
  // Another reader of the same groups that needs the elements keeps them for all.
  doc.nodes.push({ id: 'firsts', op: 'bag.map', inputs: ['g'], params: { func: 'lambda g: g[1][0]' } });
  assert.ok(!sizesOnly(doc));
});

test('a pipeline that defines its own len is left alone', () => {
  assert.ok(!sizesOnly(pipeline('lambda g: (g[0], len(g[1]))', 'def len(x):\n    return 0\n')));
});

test('a group of hundreds of thousands of elements from each split gathers whole', async () => {
  const doc = pipeline('lambda g: (g[0], sum(g[1]))');
  doc.nodes[0].params = { seq: 'range(600000)', npartitions: 2 };
  doc.nodes[1].params = { grouper: 'lambda x: 0', npartitions: 1 };
  const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'sync' });
  assert.deepEqual(sorted(results.out), [[0, 179999700000]]);
});

test('a sizes-only groupby keyed by one field of a split line cuts out just that field, with the same results and errors', async () => {
  const doc: PipelineFile = {
    weft: 1,
    nodes: [
      { id: 'lines', op: 'bag.from_sequence', params: { seq: "['a,x,1', 'b,y,2', 'c,x,3', 'd,z,4', 'e,x,5']", npartitions: 2 } },
      { id: 'g', op: 'bag.groupby', inputs: ['lines'], params: { grouper: "lambda l: l.split(',')[1]", npartitions: 2 } },
      { id: 'out', op: 'bag.map', inputs: ['g'], params: { func: 'lambda g: (g[0], len(g[1]))' } },
    ],
  };
  const works = JSON.stringify([...planPipeline(doc, { baseDir: '.' }).optimized.tasks.values()].map((t) => t.work));
  assert.ok(works.includes('"kind":"split-field"') && works.includes('"grouper":"lambda key: key"'), works);
  for (const scheduler of ['sync', 'threads'] as const) {
    const { results } = await runPipeline(doc, { baseDir: '.', scheduler });
    assert.deepEqual(sorted(results.out), [['x', 3], ['y', 1], ['z', 1]]);
  }
  // A line without that field fails on the groupby node and names the line, as the grouper would.
  doc.nodes[0].params!.seq = "['a,x', 'b']";
  await assert.rejects(runPipeline(doc, { baseDir: '.', scheduler: 'sync' }), (e: WeftError) => e.context.nodeId === 'g' && /IndexError/.test(e.message) && /element: 'b'$/m.test(e.message));
});
