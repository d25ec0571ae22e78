/**
 * The engine's limits driven as a user meets them (issue 10): `weft` as a child process and the engine API. A task
 * that exhausts its heap fails with MemoryError and the next run works; planning refuses oversized plans and
 * stops runaway plan-time Python; Ctrl-C and SIGTERM stop any user code on both schedulers within a second;
 * `--workers` is bounded; chains of 3,000 and 20,000 nodes check, draw and run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startCli } from '../support/run-cli.js';
import { createThreadExecutor, MAX_PLAN_DEPENDENCIES, MAX_PLAN_TASKS, MAX_SEQUENCE_LENGTH, MAX_WORKERS, PLAN_TIME_BUDGET_MS, runPipeline, Session, WeftError, type PipelineFile } from '../../engine/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pipeline whose partition 2 builds a list until no heap is left; the other partitions are instant. */
const EXHAUSTS_HEAP: PipelineFile = {
  weft: 1,
  nodes: [
    { id: 's', op: 'bag.from_sequence', params: { seq: '[1, 2, 3, 4]', npartitions: 4 } },
    { id: 'grow', op: 'bag.map', inputs: ['s'], params: { func: 'lambda x: len([[i, str(i)] for i in range(10**9)]) if x == 3 else x' } },
    { id: 'total', op: 'bag.sum', inputs: ['grow'] },
  ],
};

function chain(length: number): PipelineFile {
  const nodes: PipelineFile['nodes'] = [{ id: 'n0', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 2 } }];
  for (let i = 1; i < length; i++) nodes.push({ id: `n${i}`, op: 'bag.map', inputs: [`n${i - 1}`], params: { func: 'lambda x: x + 1' } });
  nodes.push({ id: 'total', op: 'bag.sum', inputs: [`n${length - 1}`] });
  return { weft: 1, nodes };
}

describe('limits and safety', () => {
  let dir = '';
  const write = (name: string, doc: object) => {
    const file = path.join(dir, `${name}.weft.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-limits-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a task that exhausts its heap fails with MemoryError naming the node and partition, on both schedulers', async () => {
    const file = write('exhausts', EXHAUSTS_HEAP);
    for (const scheduler of ['threads', 'sync']) {
      // A 512 MB limit gives each worker the smallest heap (256 MB), which fills in seconds.
      const r = await runCli(['run', file, '--scheduler', scheduler, '--memory-limit', '512MB']);
      assert.equal(r.code, 1, `${scheduler}: ${r.stderr}`);
      assert.match(r.stderr, /^weft: node 'total', partition 2: MemoryError: out of memory in the task of nodes 's', 'grow', 'total' \(a worker thread's heap is limited to \d+ MB\)$/m, scheduler);
      assert.doesNotMatch(r.stderr, /internal error|    at /, scheduler);
    }
  });

  test('after a worker died of heap exhaustion, the same session runs the next pipeline', async () => {
    const session = new Session({ workers: 2, memoryLimit: 512 * 2 ** 20 });
    try {
      await assert.rejects(session.run(EXHAUSTS_HEAP, { baseDir: dir }), (e: WeftError) => e.context.nodeId === 'total' && e.context.partition === 2 && /^node 'total', partition 2: MemoryError/.test(e.message));
      const fine = { ...EXHAUSTS_HEAP, nodes: EXHAUSTS_HEAP.nodes.map((n) => (n.id === 'grow' ? { ...n, params: { func: 'lambda x: x * 10' } } : n)) };
      const { results } = await session.run(fine, { baseDir: dir });
      assert.equal(results.total, 100);
    } finally {
      await session.close();
    }
  });

  test('planning refuses a layer of too many partitions before building it, naming the node and the limit', async () => {
    const cases: Array<[string, PipelineFile, RegExp]> = [
      [
        'repartition',
        { weft: 1, nodes: [{ id: 's', op: 'bag.from_sequence', params: { seq: '[1, 2, 3]' } }, { id: 'r', op: 'bag.repartition', inputs: ['s'], params: { npartitions: 10 ** 9 } }, { id: 'c', op: 'bag.count', inputs: ['r'] }] },
        new RegExp(`^weft: node 'r' \\(bag.repartition\\): npartitions 1000000000 would make 1,000,000,000 partitions; the limit is ${MAX_PLAN_TASKS.toLocaleString('en-US')} tasks$`, 'm'),
      ],
      [
        'groupby',
        {
          weft: 1,
          nodes: [
            { id: 's', op: 'bag.from_sequence', params: { seq: 'range(100000)', partition_size: 10 } },
            { id: 'g', op: 'bag.groupby', inputs: ['s'], params: { grouper: 'lambda x: x % 7', npartitions: 10 ** 9 } },
            { id: 'c', op: 'bag.count', inputs: ['g'] },
          ],
        },
        /^weft: node 'g' \(bag.groupby\): npartitions 1000000000 would make/m,
      ],
      [
        'shuffle',
        {
          weft: 1,
          nodes: [
            { id: 's', op: 'bag.from_sequence', params: { seq: 'range(100000)', partition_size: 10 } },
            { id: 'g', op: 'bag.groupby', inputs: ['s'], params: { grouper: 'lambda x: x % 7', npartitions: 1000 } },
            { id: 'c', op: 'bag.count', inputs: ['g'] },
          ],
        },
        new RegExp(`^weft: node 'g' \\(bag.groupby\\): its layer would have 10,000,000 dependencies between tasks; the limit is ${MAX_PLAN_DEPENDENCIES.toLocaleString('en-US')} dependencies$`, 'm'),
      ],
      [
        'sequence',
        { weft: 1, nodes: [{ id: 's', op: 'bag.from_sequence', params: { seq: `[0] * ${MAX_SEQUENCE_LENGTH + 1}` } }, { id: 'c', op: 'bag.count', inputs: ['s'] }] },
        new RegExp(`^weft: node 's' \\(bag.from_sequence\\): seq has more than ${MAX_SEQUENCE_LENGTH.toLocaleString('en-US')} elements; the limit is`, 'm'),
      ],
    ];
    for (const [name, doc, expected] of cases) {
      const file = write(name, doc);
      for (const command of ['check', 'run']) {
        const started = performance.now();
        const r = await runCli([command, file]);
        assert.equal(r.code, 2, `${name} ${command}: ${r.stderr}`);
        assert.match(r.stderr, expected, `${name} ${command}`);
        assert.ok(performance.now() - started < 10_000, `${name} ${command}: refused in ${(performance.now() - started).toFixed(0)} ms`);
      }
    }
  });

  test('plan-time Python runs within a time and heap budget: a loop, a caught loop, recursion, growth, range(2**31)', async () => {
    const withFunctions = (functions: string, seq = '[1, 2, 3]') => ({ weft: 1, functions, nodes: [{ id: 's', op: 'bag.from_sequence', params: { seq } }, { id: 'c', op: 'bag.count', inputs: ['s'] }] });
    const cases: Array<[string, object, RegExp]> = [
      ['spin', withFunctions('while True:\n    pass\n'), new RegExp(`^weft: node 's' \\(bag.from_sequence\\): TimeoutError: plan-time Python .* took longer than ${PLAN_TIME_BUDGET_MS / 1000} s`, 'm')],
      // `except` must not catch the budget's stop, or the loop would outlive it.
      ['caught', withFunctions('while True:\n    try:\n        pass\n    except:\n        pass\n'), /^weft: node 's' \(bag.from_sequence\): TimeoutError: /m],
      ['recursion', withFunctions('def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nx = fib(60)\n'), /^weft: node 's' \(bag.from_sequence\): TimeoutError: /m],
      // Which limit a fast-growing loop reaches first depends on the machine's speed (budget.test.ts checks each).
      ['grows', withFunctions('x = []\nwhile True:\n    x.append([0] * 10**7)\n'), /^weft: node 's' \(bag.from_sequence\): (MemoryError: plan-time Python .* used more than \d+ MB|TimeoutError: plan-time Python .* took longer than \d+ s; .*)$/m],
      ['range', withFunctions('', 'range(2**31)'), /^weft: node 's' \(bag.from_sequence\): (MemoryError|TimeoutError): /m],
    ];
    for (const [name, doc, expected] of cases) {
      const file = write(`plan-${name}`, doc);
      const started = performance.now();
      const r = await runCli(['check', file]);
      const took = performance.now() - started;
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, expected, name);
      assert.ok(took < PLAN_TIME_BUDGET_MS + 5000, `${name}: stopped after ${took.toFixed(0)} ms`);
    }
  });

  test('Ctrl-C and SIGTERM stop `while True: pass` within a second on both schedulers: exit 130, no spill folder, no output', async () => {
    // The seq's results spill (a 1 MB limit) while they wait for the repartition; then every task spins.
    const spillDir = path.join(dir, 'spill');
    const outDir = path.join(dir, 'out');
    const file = write('spins', {
      weft: 1,
      functions: 'def spin(x):\n    while True:\n        pass\n',
      nodes: [
        { id: 's', op: 'bag.from_sequence', params: { seq: 'range(200000)', npartitions: 4 } },
        { id: 'words', op: 'bag.map', inputs: ['s'], params: { func: "lambda x: 'word %d' % x" } },
        { id: 'fewer', op: 'bag.repartition', inputs: ['words'], params: { npartitions: 2 } },
        { id: 'saved', op: 'bag.to_textfiles', inputs: ['fewer'], params: { path: path.join(outDir, '*.txt') } },
        { id: 'spun', op: 'bag.map', inputs: ['fewer'], params: { func: 'spin' } },
        { id: 'n', op: 'bag.count', inputs: ['spun'] },
      ],
    });
    for (const scheduler of ['sync', 'threads']) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        fs.rmSync(spillDir, { recursive: true, force: true });
        fs.mkdirSync(spillDir);
        const { child, done } = startCli(['run', file, '--scheduler', scheduler, '--memory-limit', '1MB', '--spill-dir', spillDir]);
        // Wait until the results have spilled and the tasks spin.
        for (let waited = 0; fs.readdirSync(spillDir).length === 0 && waited < 20_000; waited += 50) await sleep(50);
        assert.ok(fs.readdirSync(spillDir).length > 0, `${scheduler}: the run spilled`);
        await sleep(1000);
        const sent = performance.now();
        child.kill(signal);
        const r = await done;
        const took = performance.now() - sent;
        assert.equal(r.code, 130, `${scheduler} ${signal}: ${r.stderr}`);
        assert.ok(took < 1000, `${scheduler} ${signal}: stopped ${took.toFixed(0)} ms after the signal`);
        assert.match(r.stderr, /^weft: cancelled$/m);
        assert.deepEqual(fs.readdirSync(spillDir), [], `${scheduler} ${signal}: the spill folder is removed`);
        assert.deepEqual(fs.existsSync(outDir) ? fs.readdirSync(outDir) : [], [], `${scheduler} ${signal}: no output, not even partial`);
      }
    }
  });

  test('--workers is bounded in the CLI (exit 2 with the bound) and in the engine API (BAD_OPTION)', async () => {
    const file = write('tiny', { weft: 1, nodes: [{ id: 's', op: 'bag.from_sequence', params: { seq: '[1, 2]' } }, { id: 'c', op: 'bag.count', inputs: ['s'] }] });
    for (const workers of ['1000000', String(MAX_WORKERS + 1), '0', '1.5']) {
      const r = await runCli(['run', file, '--workers', workers]);
      assert.equal(r.code, 2, `--workers ${workers}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^weft: --workers must be a whole number from 1 to ${MAX_WORKERS}$`, 'm'));
    }
    const ok = await runCli(['run', file, '--workers', '3']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^c: 2$/m);
    const refused = (e: unknown) => e instanceof WeftError && e.code === 'BAD_OPTION' && e.message.includes(`from 1 to ${MAX_WORKERS}`);
    assert.throws(() => new Session({ workers: 1_000_000 }), refused);
    assert.throws(() => createThreadExecutor({ workers: 0 }), refused);
    await assert.rejects(runPipeline(chain(2), { baseDir: dir, workers: MAX_WORKERS + 1 }), refused);
  });

  test('chains of 3,000 and 20,000 nodes check, draw and run', async () => {
    for (const length of [3000, 20000]) {
      const file = write(`chain-${length}`, chain(length));
      const check = await runCli(['check', file]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stdout, new RegExp(`ok: ${length + 1} nodes, ${2 * length + 3} tasks \\(3 after fusion\\)`));
      const graph = await runCli(['graph', file, '--format', 'json']);
      assert.equal(graph.code, 0, graph.stderr);
      assert.equal(JSON.parse(graph.stdout).tasks.length, 3);
      const run = await runCli(['run', file, '--scheduler', 'sync']);
      assert.equal(run.code, 0, run.stderr);
      // sum(x + length - 1 for x in range(10))
      assert.match(run.stdout, new RegExp(`^total: ${45 + 10 * (length - 1)}$`, 'm'));
    }
  });

  test('a split followed by 20,000 filters (split projection gathers their fields) runs', async () => {
    const nodes: PipelineFile['nodes'] = [
      { id: 's', op: 'bag.from_sequence', params: { seq: "['a,b,c', 'd,e,f', 'g,z,h']", npartitions: 2 } },
      { id: 'fields', op: 'bag.map', inputs: ['s'], params: { func: "lambda x: x.split(',')" } },
    ];
    for (let i = 0; i < 20000; i++) nodes.push({ id: `f${i}`, op: 'bag.filter', inputs: [i === 0 ? 'fields' : `f${i - 1}`], params: { predicate: "lambda x: x[1] != 'z'" } });
    nodes.push({ id: 'n', op: 'bag.count', inputs: ['f19999'] });
    const r = await runCli(['run', write('filters', { weft: 1, nodes })]);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    assert.match(r.stdout, /^n: 2$/m);
  });

  test('a chain where every node also feeds a count (tees nested 3,000 deep) plans and runs', async () => {
    const nodes: PipelineFile['nodes'] = [{ id: 'n0', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 2 } }];
    for (let i = 1; i < 3000; i++) {
      nodes.push({ id: `n${i}`, op: 'bag.map', inputs: [`n${i - 1}`], params: { func: 'lambda x: x + 1' } });
      nodes.push({ id: `c${i}`, op: 'bag.count', inputs: [`n${i - 1}`] });
    }
    nodes.push({ id: 'total', op: 'bag.sum', inputs: ['n2999'] });
    const file = write('comb', { weft: 1, nodes });
    for (const command of ['check', 'graph']) {
      const r = await runCli([command, file]);
      assert.equal(r.code, 0, `${command}: ${r.stderr.slice(0, 2000)}`);
    }
    const r = await runCli(['run', file, '--json']);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    const { results } = JSON.parse(r.stdout);
    assert.equal(results.total, 45 + 10 * 2999);
    assert.equal(results.c1, 10);
    assert.equal(results.c2999, 10);
  });
});

