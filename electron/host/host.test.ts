/** The host as both transports use it: real engine runs (sync scheduler), events, caching, cancel, files. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { HostEvent, PipelineFile } from '../ipc/contract.js';
import { Host } from './host.js';

function makeHost(): { host: Host; dir: string; events: HostEvent[]; runEnd(): Promise<Extract<HostEvent, { kind: 'run-end' }>> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-host-'));
  const host = new Host({ samplesDir: path.join(dir, 'samples'), stateDir: path.join(dir, 'state'), transport: 'web', scheduler: 'sync' });
  const events: HostEvent[] = [];
  host.onEvent((e) => events.push(e));
  const runEnd = () =>
    new Promise<Extract<HostEvent, { kind: 'run-end' }>>((resolve) => {
      const off = host.onEvent((e) => {
        if (e.kind === 'run-end') {
          off();
          resolve(e);
        }
      });
    });
  return { host, dir, events, runEnd };
}

const DOUBLED: PipelineFile = {
  weft: 1,
  nodes: [
    { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(30)', npartitions: 3 } },
    { id: 'doubled', op: 'bag.map', inputs: ['numbers'], params: { func: 'lambda x: (x, x * 2)' } },
    { id: 'total', op: 'bag.count', inputs: ['doubled'] },
  ],
};

test('a run reports its outputs: an item value and a bag preview (first 10 elements, partition count); a rerun is cached', async () => {
  const { host, dir, runEnd } = makeHost();
  try {
    const ended = runEnd();
    const { runId } = (await host.handle('startRun', { pipeline: DOUBLED, baseDir: dir, targets: ['doubled', 'total'] })) as { runId: string };
    const end = await ended;
    assert.equal(end.runId, runId);
    assert.equal(end.status, 'done');
    assert.deepEqual(end.results.total, { kind: 'item', value: { repr: '30', json: 30, pyType: 'other' } });
    const preview = end.results.doubled;
    assert.equal(preview.kind, 'preview');
    if (preview.kind !== 'preview') return;
    assert.equal(preview.npartitions, 3);
    assert.equal(preview.elements.length, 10);
    assert.deepEqual(preview.elements[1], { repr: '(1, 2)', json: [1, 2], pyType: 'tuple', fields: [{ name: '0', repr: '1' }, { name: '1', repr: '2' }] });
    assert.equal(end.nodes.total.kind, 'done');
    assert.ok(!Object.keys(end.nodes).some((id) => id.startsWith('__')), 'hidden preview nodes stay hidden');

    const again = runEnd();
    await host.handle('startRun', { pipeline: DOUBLED, baseDir: dir, targets: ['doubled', 'total'] });
    const cached = await again;
    // The upstream node gave its part of the cached results: it shows cached too, not idle as if it never ran.
    assert.deepEqual(cached.nodes, { numbers: { kind: 'cached' }, doubled: { kind: 'cached' }, total: { kind: 'cached' } });
    assert.deepEqual(cached.results.total, end.results.total);

    // Changing a param changes the content key: recomputed, not cached.
    const changed = { ...DOUBLED, nodes: DOUBLED.nodes.map((n) => (n.id === 'numbers' ? { ...n, params: { seq: 'range(31)', npartitions: 3 } } : n)) };
    const third = runEnd();
    await host.handle('startRun', { pipeline: changed, baseDir: dir });
    const recomputed = await third;
    assert.equal(recomputed.nodes.total.kind, 'done');
    assert.equal((recomputed.results.total as { value: { json: unknown } }).value.json, 31);
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an invalid pipeline does not run: the end event lists its problems with node, param, line and column', async () => {
  const { host, dir, runEnd, events } = makeHost();
  try {
    const bad = { ...DOUBLED, nodes: DOUBLED.nodes.map((n) => (n.id === 'doubled' ? { ...n, params: { func: 'lambda x: x +' } } : n)) };
    const ended = runEnd();
    await host.handle('startRun', { pipeline: bad, baseDir: dir });
    const end = await ended;
    assert.equal(end.status, 'invalid');
    assert.equal(events.filter((e) => e.kind === 'run-start').length, 0);
    assert.equal(end.problems?.[0].nodeId, 'doubled');
    assert.equal(end.problems?.[0].param, 'func');
    assert.equal(end.problems?.[0].line, 1);
    assert.equal(typeof end.problems?.[0].column, 'number');
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing task fails its node with the Python error; a cancelled run ends cancelled', async () => {
  const { host, dir, runEnd } = makeHost();
  try {
    const failing = { ...DOUBLED, nodes: DOUBLED.nodes.map((n) => (n.id === 'doubled' ? { ...n, params: { func: 'lambda x: 1 // (x - 5)' } } : n)) };
    const ended = runEnd();
    await host.handle('startRun', { pipeline: failing, baseDir: dir });
    const end = await ended;
    assert.equal(end.status, 'failed');
    assert.equal(end.error?.nodeId, 'doubled');
    assert.match(end.error?.message ?? '', /ZeroDivisionError/);
    assert.equal(end.nodes.doubled.kind, 'failed');

    const long: PipelineFile = { weft: 1, nodes: [{ id: 'n', op: 'bag.from_sequence', params: { seq: 'range(200)', npartitions: 200 } }, { id: 's', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: sum(range(100000))' } }, { id: 't', op: 'bag.sum', inputs: ['s'] }] };
    const cancelled = runEnd();
    const { runId } = (await host.handle('startRun', { pipeline: long, baseDir: dir })) as { runId: string };
    await assert.rejects(host.handle('startRun', { pipeline: long, baseDir: dir }), (e: { code: string }) => e.code === 'RUN_IN_PROGRESS');
    setTimeout(() => void host.handle('cancelRun', { runId }), 100);
    assert.equal((await cancelled).status, 'cancelled');
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('documents: save writes the stable serialization, open reads it back with its problems, recent files remember it', async () => {
  const { host, dir } = makeHost();
  try {
    const file = path.join(dir, 'doubled.weft.json');
    const saved = (await host.handle('saveFile', { path: file, pipeline: DOUBLED })) as { text: string };
    assert.equal(fs.readFileSync(file, 'utf8'), saved.text);
    const opened = (await host.handle('openFile', { path: file })) as { pipeline: PipelineFile; problems: unknown[]; baseDir: string };
    assert.deepEqual(opened.pipeline, DOUBLED);
    assert.deepEqual(opened.problems, []);
    assert.equal(opened.baseDir, dir);
    const info = (await host.handle('getAppInfo', {})) as { recentFiles: string[]; operations: Array<{ op: string }>; builtins: Array<{ name: string; kind: string }> };
    assert.deepEqual(info.recentFiles, [file]);
    assert.ok(info.operations.some((o) => o.op === 'bag.foldby'));
    // The editor completes what the engine accepts: len, not print.
    assert.ok(info.builtins.some((b) => b.name === 'len' && b.kind === 'function'));
    assert.ok(!info.builtins.some((b) => b.name === 'print'));
    await assert.rejects(host.handle('showFileDialog', { mode: 'open', title: 'Open', defaultPath: dir }), (e: { code: string }) => e.code === 'UNSUPPORTED');
    await assert.rejects(host.handle('saveFile', { path: path.join(dir, 'x.json'), pipeline: DOUBLED }), (e: { code: string; message: string }) => e.code === 'BAD_INPUT' && e.message.endsWith('pipeline files end in .weft.json'));
    await assert.rejects(host.handle('openFile', { path: path.join(dir, 'missing.weft.json') }), (e: { code: string; message: string }) => e.code === 'FILE_NOT_FOUND' && e.message.includes('missing.weft.json'));
    // File system failures are said in words, with the file: never Node's own message ("ENOENT: no such file...").
    await assert.rejects(host.handle('saveFile', { path: path.join(dir, 'no-such-folder', 'x.weft.json'), pipeline: DOUBLED }), (e: { code: string; message: string }) => e.code === 'FILE_WRITE' && e.message === `cannot write ${path.join(dir, 'no-such-folder', 'x.weft.json')}: its folder does not exist`);
    fs.mkdirSync(path.join(dir, 'folder.weft.json'));
    await assert.rejects(host.handle('saveFile', { path: path.join(dir, 'folder.weft.json'), pipeline: DOUBLED }), (e: { code: string; message: string }) => e.code === 'FILE_WRITE' && e.message.endsWith(': it is a folder'));
    await assert.rejects(host.handle('openFile', { path: path.join(dir, 'folder.weft.json') }), (e: { code: string; message: string }) => e.code === 'FILE_NOT_FOUND' && e.message.endsWith(': it is a folder'));
    fs.writeFileSync(path.join(dir, 'odd-inputs.weft.json'), '{"weft": 1, "nodes": [{"id": "a", "op": "bag.count", "inputs": 5}]}');
    await assert.rejects(host.handle('openFile', { path: path.join(dir, 'odd-inputs.weft.json') }), (e: { code: string; message: string }) => e.code === 'PIPELINE_FORMAT' && e.message.endsWith(`node 'a': "inputs" must be a list of node ids`));
    fs.writeFileSync(path.join(dir, 'broken.weft.json'), '{"weft": 1, "nodes": [');
    await assert.rejects(host.handle('openFile', { path: path.join(dir, 'broken.weft.json') }), (e: { code: string; message: string }) => e.code === 'PIPELINE_FORMAT' && /line 1, column \d+/.test(e.message));
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a sample whose data file is missing says so on its read_text node, marked for the download offer', async () => {
  const { host, dir } = makeHost();
  try {
    fs.mkdirSync(path.join(dir, 'samples'));
    fs.copyFileSync(new URL('../../../samples/bag-basics.weft.json', import.meta.url), path.join(dir, 'samples', 'bag-basics.weft.json'));
    const opened = (await host.handle('openSample', { file: 'bag-basics.weft.json' })) as { path: string | null; problems: Array<{ nodeId?: string; isMissingSampleData?: boolean; message: string }> };
    assert.equal(opened.path, null, 'a sample opens untitled, so saving never overwrites the tutorial');
    assert.equal(opened.problems.length, 1);
    assert.equal(opened.problems[0].nodeId, 'raw');
    assert.equal(opened.problems[0].isMissingSampleData, true);
    assert.match(opened.problems[0].message, /kddcup\.data_10_percent\.gz/);
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
