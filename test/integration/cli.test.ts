/** The `weft` command driven as a user would: run, check, graph, errors and their exit codes, Ctrl-C. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KDD_FILE, REPO_ROOT, requireOrSkip, requireKddFile } from '../support/environment.js';
import { spawn } from 'node:child_process';
import { makeSamplesWorkspace } from '../support/samples-workspace.js';
import { runCli, startCli } from '../support/run-cli.js';

function writePipeline(dir: string, name: string, doc: object): string {
  const file = path.join(dir, `${name}.weft.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

describe('weft command', () => {
  let dir = '';
  before(() => {
    dir = fs.existsSync(KDD_FILE) ? makeSamplesWorkspace() : fs.mkdtempSync(path.join(os.tmpdir(), 'weft-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('run into a reader that stops early (| head) ends quietly, exit 0', async () => {
    // 200,000 elements printed as JSON: far more than a pipe holds, so the writes go on after the reader has gone.
    const file = writePipeline(dir, 'long-output', {
      weft: 1,
      nodes: [{ id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(200000)', npartitions: 2 } }],
    });
    const weft = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'run', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    weft.stderr.on('data', (d) => (stderr += d));
    // The reader takes the first chunk, then closes its end of the pipe, as head does.
    weft.stdout.once('data', () => weft.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => weft.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
  });

  test('run --json prints results and stats', async (t) => {
    if (!requireKddFile(t)) return;
    const r = await runCli(['run', path.join(dir, 'bag-basics.weft.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.results.normal_count, 97278);
    assert.equal(out.results.attack_count, 396743);
    assert.deepEqual(out.results.tag_counts[0], ['smurf', 280790]);
    assert.equal(out.stats.scheduler, 'threads');
    assert.ok(out.stats.tasks < out.stats.tasksBeforeOptimization, 'fusion reduced the task count');
    const layer = out.stats.timings.layers.find((l: { nodeIds: string[] }) => l.nodeIds.includes('normal_count'));
    assert.ok(layer && layer.busyMs > 0, 'time is attributed to the layer computing normal_count');
    assert.ok(out.stats.timings.workerBusyMs.reduce((a: number, b: number) => a + b, 0) > 0);
  });

  test('run prints a readable summary on the sync scheduler', async (t) => {
    if (!requireKddFile(t)) return;
    const r = await runCli(['run', path.join(dir, 'bag-creation.weft.json'), '--scheduler', 'sync']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^numbers_count: 100$/m);
    assert.match(r.stdout, /^numbers_first: \(0, 1, 2, 3, 4, 5, 6, 7, 8, 9\)$/m);
    assert.match(r.stdout, /^raw_count: 494021$/m);
  });

  test('check accepts a valid pipeline and graph draws it', async (t) => {
    if (!requireKddFile(t)) return;
    const file = path.join(dir, 'set-operations.weft.json');
    const check = await runCli(['check', file]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /ok: 11 nodes/);
    const dot = await runCli(['graph', file, '--format', 'dot']);
    assert.equal(dot.code, 0, dot.stderr);
    assert.match(dot.stdout, /^digraph weft \{/);
    const json = await runCli(['graph', file, '--format', 'json', '--raw']);
    const graph = JSON.parse(json.stdout);
    assert.ok(graph.tasks.length > 0 && graph.layers.some((l: { nodeIds: string[] }) => l.nodeIds.includes('pairs')));
  });

  const invalid: Array<[string, object, RegExp]> = [
    ['unknown op', { weft: 1, nodes: [{ id: 'a', op: 'bag.mapp', params: {} }] }, /node 'a': unknown operation "bag.mapp"/],
    [
      'expression syntax error',
      { weft: 1, nodes: [{ id: 's', op: 'bag.from_sequence', params: { seq: 'range(3)' } }, { id: 'm', op: 'bag.map', inputs: ['s'], params: { func: 'lambda x: x +* 2' } }] },
      /node 'm' \(bag\.map\): param 'func', line 1, column \d+/,
    ],
    [
      'unknown name',
      { weft: 1, nodes: [{ id: 's', op: 'bag.from_sequence', params: { seq: 'range(3)' } }, { id: 'm', op: 'bag.map', inputs: ['s'], params: { func: 'lambda x: foo(x)' } }] },
      /node 'm'.*name 'foo' is not defined/,
    ],
    ['missing param', { weft: 1, nodes: [{ id: 's', op: 'bag.from_sequence', params: {} }] }, /node 's' \(bag\.from_sequence\): missing param 'seq'/],
    ['input names no node', { weft: 1, nodes: [{ id: 'c', op: 'bag.count', inputs: ['nope'] }] }, /node 'c' \(bag\.count\): input 'nope' names no node/],
    [
      'cycle',
      { weft: 1, nodes: [{ id: 'a', op: 'bag.map', inputs: ['b'], params: { func: 'str' } }, { id: 'b', op: 'bag.map', inputs: ['a'], params: { func: 'str' } }] },
      /cycle: (a -> b -> a|b -> a -> b)/,
    ],
    ['missing file', { weft: 1, nodes: [{ id: 'r', op: 'bag.read_text', params: { urlpath: 'no/such/file.txt' } }] }, /node 'r' \(bag\.read_text\): no file matches 'no\/such\/file.txt'/],
  ];
  for (const [name, doc, message] of invalid) {
    test(`an invalid pipeline (${name}) exits 2 from check and run, naming the node`, async () => {
      const file = writePipeline(dir, name.replace(/ /g, '-'), doc);
      for (const command of ['check', 'run']) {
        const r = await runCli([command, file]);
        assert.equal(r.code, 2, `${command}: ${r.stderr}`);
        assert.match(r.stderr, message);
      }
    });
  }

  test('a pipeline that is not JSON names the line and column', async () => {
    const file = path.join(dir, 'broken.weft.json');
    fs.writeFileSync(file, '{\n  "weft": 1,\n  "nodes": [,]\n}\n');
    const r = await runCli(['check', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not valid JSON: line 3, column \d+/);
  });

  test('an exception in an expression exits 1 naming node, partition, element and the Python error; no partial output', async () => {
    const file = writePipeline(dir, 'runtime-error', {
      weft: 1,
      nodes: [
        { id: 'lines', op: 'bag.from_sequence', params: { seq: "['a,b,c', 'd,e,f', 'g,h', 'i,j,k']", npartitions: 2 } },
        { id: 'third', op: 'bag.map', inputs: ['lines'], params: { func: "lambda line: line.split(',')[2]" } },
        { id: 'write', op: 'bag.to_textfiles', inputs: ['third'], params: { path: 'out/*.txt' } },
      ],
    });
    for (const scheduler of ['sync', 'threads']) {
      const r = await runCli(['run', file, '--scheduler', scheduler]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /node 'third', partition 1: IndexError: list index out of range/);
      assert.match(r.stderr, /element: 'g,h'/);
      assert.deepEqual(fs.existsSync(path.join(dir, 'out')) ? fs.readdirSync(path.join(dir, 'out')) : [], [], 'no file left behind');
    }
  });

  test('Ctrl-C cancels a long run within a second and exits 130', async () => {
    const file = writePipeline(dir, 'long', {
      weft: 1,
      nodes: [
        { id: 'n', op: 'bag.from_sequence', params: { seq: 'range(2000)', npartitions: 200 } },
        { id: 'slow', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: sum(range(1000000))' } },
        { id: 'total', op: 'bag.sum', inputs: ['slow'] },
      ],
    });
    for (const scheduler of ['sync', 'threads']) {
      const { child, done } = startCli(['run', file, '--scheduler', scheduler]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const sent = performance.now();
      child.kill('SIGINT');
      const r = await done;
      const took = performance.now() - sent;
      assert.equal(r.code, 130, `${scheduler}: ${r.stderr}`);
      assert.ok(took < 1000, `${scheduler}: stopped ${took.toFixed(0)} ms after Ctrl-C`);
      assert.match(r.stderr, /cancelled/);
    }
  });

  test('fetch-data downloads the KDD file, checks it, and leaves a good copy alone', async (t) => {
    if (!requireKddFile(t)) return;
    // The real file, served from this machine: the command must check its size and MD5 and save it.
    const server = http.createServer((req, res) => {
      if (req.url === '/kddcup.data_10_percent.gz') {
        res.writeHead(200, { 'content-length': fs.statSync(KDD_FILE).size });
        fs.createReadStream(KDD_FILE).pipe(res);
      } else {
        res.writeHead(200);
        res.end('not the data set');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dest = path.join(dir, 'fetched', 'kddcup.data_10_percent.gz');
      const first = await runCli(['fetch-data', '--url', `${base}/kddcup.data_10_percent.gz`, '--dest', dest]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Downloaded 2144903 bytes/);
      assert.deepEqual(fs.readFileSync(dest), fs.readFileSync(KDD_FILE));
      const again = await runCli(['fetch-data', '--url', `${base}/kddcup.data_10_percent.gz`, '--dest', dest]);
      assert.match(again.stdout, /already there and intact/);
      const wrong = await runCli(['fetch-data', '--url', `${base}/other`, '--dest', path.join(dir, 'fetched', 'wrong.gz')]);
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /size|MD5|checksum/i);
      assert.ok(!fs.existsSync(path.join(dir, 'fetched', 'wrong.gz')));
    } finally {
      server.close();
    }
  });

  test('usage errors exit 2', async () => {
    const r = await runCli(['run']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /give exactly one pipeline file/);
    const s = await runCli(['run', 'x.weft.json', '--scheduler', 'fast']);
    assert.equal(s.code, 2);
  });
});
