import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineFile } from '../spec/pipeline.js';
import { planPipeline } from '../run/session.js';
import { runPipeline } from '../run/run-pipeline.js';
import { toJsonText } from '../values/json.js';
import type { WeftError } from '../errors.js';
import type { TaskGraph } from './task-graph.js';
import { cull, fuse } from './optimize.js';
import { schedule } from '../schedule/scheduler.js';
import { createSyncExecutor } from '../schedule/sync-executor.js';
import { collectionKind } from '../collections/collections.js';

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

/** Lines grouped by their second field, then each group's size: a fresh copy per test, which may edit it. */
function fieldGroupSizes(): PipelineFile['nodes'] {
  return [
      { id: 'lines', op: 'bag.from_sequence', params: { seq: "['a,x,1', 'b,y,2', 'c,x,3', 'd,z,4', 'e,x,5']", npartitions: 2 } },
      { id: 'g', op: 'bag.groupby', inputs: ['lines'], params: { grouper: "lambda l: l.split(',')[1]", npartitions: 2 } },
      { id: 'out', op: 'bag.map', inputs: ['g'], params: { func: 'lambda g: (g[0], len(g[1]))' } },
  ];
}

test('a sizes-only groupby keyed by one field of a split line cuts out just that field, with the same results and errors', async () => {
  const doc: PipelineFile = {
    weft: 1,
    nodes: [
      ...fieldGroupSizes(),
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

/** The outputs of `graph` run as is on the sync executor: for a graph that skipped the projections, the reference. */
async function runGraph(graph: TaskGraph): Promise<Record<string, unknown>> {
  const executor = createSyncExecutor();
  try {
    const { payloads } = await schedule(graph, executor);
    const results: Record<string, unknown> = {};
    for (const output of graph.outputs) results[output.nodeId] = collectionKind(output.kind).gather(output.keys.map((k) => executor.toValue(payloads.get(k))));
    return results;
  } finally {
    await executor.close();
  }
}

/** Split lines read by a sizes-only groupby and by a branch reading one field, and the lines counted: a tee of tees. */
function sharedParse(lines: string, labels: PipelineFile['nodes'][number]): PipelineFile {
  return {
    weft: 1,
    nodes: [
      { id: 'raw', op: 'bag.from_sequence', params: { seq: lines, npartitions: 2 } },
      { id: 'split', op: 'bag.map', inputs: ['raw'], params: { func: "lambda x: x.split(',')" } },
      { id: 'by_flag', op: 'bag.groupby', inputs: ['split'], params: { grouper: 'lambda x: x[3]', npartitions: 2 } },
      { id: 'flag_sizes', op: 'bag.map', inputs: ['by_flag'], params: { func: 'lambda g: (g[0], len(g[1]))' } },
      labels,
      { id: 'label_counts', op: 'bag.frequencies', inputs: ['labels'] },
      { id: 'n', op: 'bag.count', inputs: ['raw'] },
    ],
  };
}

const LABELS_BY_FUNC = { id: 'labels', op: 'bag.map', inputs: ['split'], params: { func: 'lambda x: x[-1]' } };
const LABELS_BY_PLUCK = { id: 'labels', op: 'bag.pluck', inputs: ['split'], params: { key: 4 } };
const KDD_LIKE = "['0,tcp,http,SF,normal.', '0,udp,dns,SF,smurf.', '0,tcp,ftp,REJ,normal.', '1,icmp,eco,SF,smurf.', '2,tcp,x,S0,neptune.']";

test('a split shared by a sizes-only groupby and another reader is cut to the fields both read, and the groupby shuffles counts', async () => {
  for (const [labels, fields] of [[LABELS_BY_FUNC, [-1, 3]], [LABELS_BY_PLUCK, [3, 4]]] as const) {
    const doc = sharedParse(KDD_LIKE, labels);
    const { full, optimized } = planPipeline(doc, { baseDir: '.' });
    const works = [...optimized.tasks.values()].map((t) => t.work);
    const teed = works.find((w) => w.kind === 'chain' && w.sink.kind === 'tee');
    assert.ok(teed, 'the parse is shared after fusion');
    const text = JSON.stringify(teed);
    assert.ok(text.includes(JSON.stringify({ kind: 'split-sparse', nodeId: 'split', func: "lambda x: x.split(',')", sep: ',', fields })), text);
    assert.ok(text.includes('"kind":"split","nodeId":"by_flag","grouper":"lambda x: x[3]","npartitions":2,"sizesOnly":true'), text);
    assert.ok(works.every((w) => w.kind !== 'chain' || w.source.kind !== 'groups' || (w.source as { sizesOnly?: boolean }).sizesOnly === true));
    const expected = await runGraph(fuse(cull(full)));
    assert.deepEqual(sorted(expected.flag_sizes), [['REJ', 1], ['S0', 1], ['SF', 3]]);
    for (const scheduler of ['sync', 'threads'] as const) {
      const { results } = await runPipeline(doc, { baseDir: '.', scheduler });
      assert.deepEqual(sorted(results.flag_sizes), sorted(expected.flag_sizes), scheduler);
      assert.deepEqual(sorted(results.label_counts), sorted(expected.label_counts), scheduler);
      assert.equal(results.n, expected.n);
    }
  }
});

test('a line too short for the shared split raises what the unprojected graph raises, on the same node', async () => {
  // One line too short for the groupby's field 3, then one too short for the pluck's field 4 only.
  for (const [lines, nodeId] of [["['0,tcp,http,SF,normal.', '0,udp']", 'by_flag'], ["['0,tcp,http,SF,normal.', '0,udp,dns,SF']", 'labels']] as const) {
    const doc = sharedParse(lines, LABELS_BY_PLUCK);
    const { full } = planPipeline(doc, { baseDir: '.' });
    const reference = await runGraph(fuse(cull(full))).then(
      () => assert.fail('the unprojected graph raises'),
      (e: WeftError) => e,
    );
    assert.equal(reference.context.nodeId, nodeId);
    await assert.rejects(runPipeline(doc, { baseDir: '.', scheduler: 'sync' }), (e: WeftError) => {
      assert.equal(e.context.nodeId, nodeId);
      assert.equal(e.message, reference.message);
      return true;
    });
  }
});

test('a sizes-only groupby keyed by a field of a line, in a tee with a count of the lines, still cuts out just that field', async () => {
  const doc: PipelineFile = {
    weft: 1,
    nodes: [
      ...fieldGroupSizes(),
      { id: 'n', op: 'bag.count', inputs: ['lines'] },
    ],
  };
  const { full, optimized } = planPipeline(doc, { baseDir: '.' });
  const teed = [...optimized.tasks.values()].find((t) => t.work.kind === 'chain' && t.work.sink.kind === 'tee');
  const text = JSON.stringify(teed?.work);
  assert.ok(text.includes('"kind":"split-field"') && text.includes('"grouper":"lambda key: key","npartitions":2,"sizesOnly":true'), text);
  const expected = await runGraph(fuse(cull(full)));
  const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'threads' });
  assert.deepEqual(sorted(results.out), sorted(expected.out));
  assert.equal(results.n, expected.n);
});

test('groups read for their sizes and counted as well shuffle counts; a reader of the elements beside them keeps the elements', async () => {
  const doc = pipeline('lambda g: (g[0], len(g[1]))');
  doc.nodes.push({ id: 'groups', op: 'bag.count', inputs: ['g'] });
  assert.ok(sizesOnly(doc));
  const { results } = await runPipeline(doc, { baseDir: '.', scheduler: 'threads' });
  assert.deepEqual(sorted(results.out), [[0, 34], [1, 33], [2, 33]]);
  assert.equal(results.groups, 3);
  doc.nodes.push({ id: 'total', op: 'bag.foldby', inputs: ['g'], params: { key: 'lambda g: 0', binop: 'lambda acc, g: acc + sum(g[1])', initial: 0 } });
  assert.ok(!sizesOnly(doc));
});

/** The outcome of running `graph`: its outputs as sorted JSON (group order is undefined), or the error it raised. */
async function outcome(graph: TaskGraph): Promise<unknown> {
  try {
    const results = await runGraph(graph);
    return Object.fromEntries(Object.entries(results).map(([id, v]) => [id, Array.isArray(v) ? sorted(v) : v]));
  } catch (e) {
    return { error: (e as WeftError).message, nodeId: (e as WeftError).context.nodeId };
  }
}

test('shared splits give the unprojected graph results and errors, whatever the branches read', async () => {
  const lineSets = [
    KDD_LIKE,
    "['0,tcp,http,SF,normal.', '0,udp', '1,tcp,ftp,REJ,smurf.']",
    "['0,tcp,http,SF,normal.', '0,udp,dns,SF', '1,tcp,ftp,REJ,smurf.']",
    "['0,tcp,http,SF,normal.', 7, '1,tcp,ftp,REJ,smurf.']",
  ];
  const readers = [
    LABELS_BY_FUNC,
    LABELS_BY_PLUCK,
    { id: 'labels', op: 'bag.pluck', inputs: ['split'], params: { key: 1, default: 'none' } },
    { id: 'labels', op: 'bag.filter', inputs: ['split'], params: { predicate: "lambda x: x[0] == '0'" } },
    { id: 'labels', op: 'bag.map', inputs: ['split'], params: { func: 'lambda x: len(x)' } },
  ];
  let projected = 0;
  for (const lines of lineSets) {
    for (const grouper of ['lambda x: x[3]', '3', 'lambda x: x[-2]']) {
      for (const labels of readers) {
        const doc = sharedParse(lines, labels);
        doc.nodes[2].params!.grouper = grouper;
        const { full, optimized } = planPipeline(doc, { baseDir: '.' });
        if (JSON.stringify([...optimized.tasks.values()].map((t) => t.work)).includes('"sizesOnly":true')) projected++;
        assert.deepEqual(await outcome(optimized), await outcome(fuse(cull(full))), `${lines} grouped by ${grouper}, read by ${JSON.stringify(labels.params)}`);
      }
    }
  }
  assert.equal(projected, lineSets.length * 3 * readers.length, 'every case shuffles counts');
});
