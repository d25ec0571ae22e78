import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PipelineFile } from '../spec/pipeline.js';
import type { Pipe, Sink, Stage, TaskSpec } from '../graph/task.js';
import type { Consumer } from './consumer.js';
import type { KernelSet } from './kernel-registry.js';
import { KernelRegistry } from './kernel-registry.js';
import { KernelContext } from './kernel-context.js';
import { runTask } from './run-task.js';
import { KERNELS, KERNEL_SETS } from '../ops/kernels.js';
import { OPERATIONS } from '../ops/registry.js';
import { planPipeline } from '../run/session.js';
import { encodeValue } from '../values/codec.js';
import { WeftError } from '../errors.js';

/** A pipeline using every operation, so that its plan names every kind the operations' tasks use. */
function everyOperation(dir: string): PipelineFile {
  fs.writeFileSync(path.join(dir, 'in.txt'), 'a,1\nb,2\na,3\n');
  const bag = (id: string, op: string, inputs: string[], params: Record<string, unknown> = {}) => ({ id, op, inputs, params });
  return {
    weft: 1,
    nodes: [
      { id: 'seq', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 3 } },
      { id: 'text', op: 'bag.read_text', params: { urlpath: 'in.txt' } },
      { id: 'texts', op: 'bag.read_text', params: { urlpath: ['in.txt', 'in.txt'], files_per_partition: 2 } },
      { id: 'blocks', op: 'bag.read_text', params: { urlpath: 'in.txt', blocksize: 4 } },
      bag('fields', 'bag.map', ['text'], { func: "lambda l: l.split(',')" }),
      bag('first', 'bag.pluck', ['fields'], { key: 0 }),
      bag('pairs', 'bag.map', ['seq', 'seq'], { func: 'lambda a, b: a + b' }),
      bag('evens', 'bag.filter', ['seq'], { predicate: 'lambda x: x % 2 == 0' }),
      bag('odds', 'bag.remove', ['seq'], { predicate: 'lambda x: x % 2 == 0' }),
      bag('flat', 'bag.flatten', ['text']),
      bag('sizes', 'bag.map_partitions', ['seq'], { func: 'len' }),
      bag('distinct', 'bag.distinct', ['first']),
      bag('product', 'bag.product', ['evens', 'odds']),
      bag('both', 'bag.concat', ['evens', 'odds']),
      bag('freq', 'bag.frequencies', ['first']),
      bag('folded', 'bag.foldby', ['seq'], { key: 'lambda x: x % 3', binop: 'lambda a, x: a + x', initial: 0 }),
      bag('groups', 'bag.groupby', ['seq'], { grouper: 'lambda x: x % 3', npartitions: 2 }),
      bag('top', 'bag.topk', ['seq'], { k: 2 }),
      bag('reduced', 'bag.reduction', ['seq'], { perpartition: 'len', aggregate: 'sum' }),
      ...['count', 'sum', 'min', 'max', 'mean', 'std', 'var', 'any', 'all'].map((name) => bag(name, `bag.${name}`, ['seq'])),
      bag('taken', 'bag.take', ['seq'], { k: 2 }),
      bag('fewer', 'bag.repartition', ['seq'], { npartitions: 2 }),
      bag('more', 'bag.repartition', ['seq'], { npartitions: 7 }),
      bag('kept', 'bag.persist', ['blocks']),
      bag('lines', 'bag.map', ['kept'], { func: 'str' }),
      bag('parts', 'bag.map', ['texts'], { func: "lambda l: l.split(',')" }),
      bag('second', 'bag.map', ['parts'], { func: 'lambda p: p[1]' }),
      bag('written', 'bag.to_textfiles', ['second'], { path: 'out/*.txt' }),
      bag('more-lines', 'bag.map', ['more', 'more'], { func: 'lambda a, b: str(a)' }),
      // The Series ops beyond issue 11's list, which no DataFrame fixture plans.
      { id: 'frame', op: 'dataframe.read_csv', params: { urlpath: 'in.txt', header: null, names: ['k', 'v'] } },
      bag('values', 'dataframe.getitem', ['frame'], { key: 'v' }),
      bag('top-values', 'series.head', ['values']),
      bag('kept-values', 'series.persist', ['values']),
      bag('least-values', 'series.nsmallest', ['values'], { n: 2 }),
    ],
  };
}

/** Every kind a task names, with the table it is looked up in. */
function kindsOf(task: TaskSpec): Array<[string, string]> {
  const kinds: Array<[string, string]> = [['work', task.work.kind]];
  const pipe = (p: Pipe) => {
    for (const stage of p.stages) kinds.push(['stage', stage.kind]);
    kinds.push(['sink', p.sink.kind]);
    if (p.sink.kind === 'reduce') kinds.push(['reducer', p.sink.reducer.kind]);
    if (p.sink.kind === 'tee') p.sink.branches.forEach(pipe);
  };
  if (task.work.kind === 'chain') {
    kinds.push(['source', task.work.source.kind]);
    pipe(task.work);
  }
  if (task.work.kind === 'aggregate') kinds.push(['reducer', task.work.reducer.kind]);
  return kinds;
}

/** The DataFrame fixtures (test/fixtures/pipelines/df-*) that plan on their own data: together they use every DataFrame op. */
function dataframeFixtures(): Array<{ pipeline: PipelineFile; baseDir: string }> {
  const pipelines = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/pipelines');
  return fs
    .readdirSync(pipelines)
    .filter((f) => f.startsWith('df-') && f.endsWith('.weft.json') && !f.startsWith('df-error-') && !f.startsWith('df-kdd-full-'))
    .map((f) => ({ pipeline: JSON.parse(fs.readFileSync(path.join(pipelines, f), 'utf8')) as PipelineFile, baseDir: pipelines }))
    .filter(({ pipeline }) => pipeline.nodes.every((n) => OPERATIONS.has(n.op)));
}

test('every kind the operations plan, before and after optimizing, has a kernel in the registry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-kernels-'));
  try {
    const plans = [{ pipeline: everyOperation(dir), baseDir: dir }, ...dataframeFixtures()];
    const used = new Set(plans.flatMap(({ pipeline }) => pipeline.nodes.map((n) => n.op)));
    assert.deepEqual([...OPERATIONS.keys()].filter((op) => !used.has(op)), [], 'operations that neither the bag pipeline here nor a DataFrame fixture plans');
    const tasks = plans.flatMap(({ pipeline, baseDir }) => {
      let plan;
      try {
        plan = planPipeline(pipeline, { baseDir });
      } catch (e) {
        // A fixture of a param Weft refuses (df-groupby-agg-split-out) plans nothing; its op is planned by others.
        if (e instanceof WeftError && e.code === 'BAD_PARAM') return [];
        throw e;
      }
      return [...plan.full.tasks.values(), ...plan.optimized.tasks.values()];
    });
    const seen = new Set<string>();
    for (const task of tasks) {
      for (const [table, kind] of kindsOf(task)) {
        seen.add(`${table} ${kind}`);
        const lookup = { work: () => KERNELS.work(kind), source: () => KERNELS.source(kind), stage: () => KERNELS.stage(kind), sink: () => KERNELS.sink(kind), reducer: () => KERNELS.reducer(kind) }[table]!;
        assert.doesNotThrow(lookup, `${table} ${kind} of ${task.key}`);
      }
    }
    // The optimizer's own stages and the tee are planned here too, so the walk did reach them.
    for (const kind of ['stage split-field', 'stage split-sparse', 'sink tee', 'work take-final', 'work gather', 'sink pieces', 'source groups']) assert.ok(seen.has(kind), kind);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a kind registered by two kernel sets is refused', () => {
  assert.throws(() => new KernelRegistry([...KERNEL_SETS, { stages: { map: KERNELS.stage('map') } } as KernelSet]), /stages kind 'map' is registered twice/);
});

test('a task of a kind no kernel set registers fails, naming the kind and where kernels are listed', () => {
  const task: TaskSpec = { key: 'x:0', layer: 'x', nodeIds: ['x'], partition: 0, deps: ['in:0'], work: { kind: 'chain', source: { kind: 'input', index: 0 }, stages: [{ kind: 'no-such-stage' } as unknown as Stage], sink: { kind: 'collect' } } };
  assert.throws(() => runTask(task, [[1]], '', new KernelContext(KERNELS)), /no kernel for stage kind 'no-such-stage' \(is its kernel set listed in ops\/kernels\.ts\?\)/);
});

test("a kernel set from outside the engine's files runs in chains, tees and their result counts without other changes", () => {
  const scale: KernelSet = {
    stages: {
      scale: {
        consumer: (stage: { by: number }, next: Consumer): Consumer => ({ push: (x) => next.push((x as number) * stage.by), end: () => next.end() }),
      },
    },
  } as unknown as KernelSet;
  const kernels = new KernelRegistry([...KERNEL_SETS, scale]);
  const ctx = new KernelContext(kernels);
  const stage = { kind: 'scale', nodeId: 's', by: 3 } as unknown as Stage;
  const count: Sink = { kind: 'reduce', nodeId: 'c', reducer: { kind: 'count' }, isLast: true };
  const tee: Sink = { kind: 'tee', branches: [{ stages: [stage], sink: { kind: 'collect' } }, { stages: [], sink: count }, { stages: [stage], sink: { kind: 'pieces', n: 2 } }] };
  const task: TaskSpec = {
    key: 't:0',
    layer: 't',
    nodeIds: ['s'],
    partition: 0,
    deps: [],
    work: { kind: 'chain', source: { kind: 'literal', items: encodeValue([1, 2, 3, 4]) }, stages: [stage], sink: tee },
    produces: ['a', 'b', 'c', 'd'],
  };
  assert.equal(kernels.sinkOutputs(tee), 4);
  assert.deepEqual(runTask(task, [], '', ctx), [[9, 18, 27, 36], 4, [9, 18], [27, 36]]);
  assert.equal(kernels.streamsInput(task, 0), false);
  assert.equal(kernels.streamsInput({ ...task, work: { ...task.work, source: { kind: 'concat', inputs: [1, 0] } } as TaskSpec['work'] }, 0), true);
});
