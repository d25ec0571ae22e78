/** Export and import through the host, as the app's Export menu and Import Python script use them. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { exportPipeline } from '../../engine/index.js';
import type { ImportedScript, PipelineFile } from '../ipc/contract.js';
import { Host } from './host.js';

const PIPELINE: PipelineFile = {
  weft: 1,
  name: 'Numbers',
  nodes: [
    { id: 'nums', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 2 } },
    { id: 'total', op: 'bag.sum', inputs: ['nums'] },
  ],
};

function makeHost(): { host: Host; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-host-export-'));
  return { host: new Host({ samplesDir: path.join(dir, 'samples'), stateDir: path.join(dir, 'state'), transport: 'web', scheduler: 'sync' }), dir };
}

test('exportFile writes exactly the exporter\'s text, and refuses a file whose extension is not the format\'s', async () => {
  const { host, dir } = makeHost();
  try {
    const file = path.join(dir, 'numbers.py');
    const written = (await host.handle('exportFile', { path: file, pipeline: PIPELINE, baseDir: dir, to: 'python' })) as { path: string; text: string; note?: string };
    assert.equal(fs.readFileSync(file, 'utf8'), exportPipeline(PIPELINE, { to: 'python', scriptName: 'numbers.py' }).text);
    assert.equal(written.note, undefined, 'no data files, nothing to say about paths');
    await assert.rejects(host.handle('exportFile', { path: path.join(dir, 'numbers.txt'), pipeline: PIPELINE, baseDir: dir, to: 'notebook' }), { code: 'BAD_INPUT', message: /a notebook export is a \.ipynb file/ });
    await assert.rejects(host.handle('exportFile', { path: file, pipeline: PIPELINE, baseDir: dir, to: 'cobol' }), { code: 'BAD_REQUEST' });
    const invalid = { ...PIPELINE, nodes: [PIPELINE.nodes[0], { id: 'total', op: 'bag.sum', inputs: ['missing'] }] };
    await assert.rejects(host.handle('exportCode', { pipeline: invalid, baseDir: dir, to: 'python', scriptName: 'x.py' }), { nodeId: 'total' });
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('importScript opens a readable script untitled in its folder, and lists every unreadable line otherwise', async () => {
  const { host, dir } = makeHost();
  try {
    const script = path.join(dir, 'numbers.py');
    fs.writeFileSync(script, exportPipeline(PIPELINE, { to: 'python', scriptName: 'numbers.py' }).text);
    const opened = (await host.handle('importScript', { path: script })) as ImportedScript;
    assert.equal(opened.kind, 'imported');
    if (opened.kind === 'imported') {
      assert.deepEqual(opened.document.pipeline, PIPELINE);
      assert.equal(opened.document.path, null);
      assert.equal(opened.document.baseDir, dir);
    }
    fs.writeFileSync(script, 'import dask.bag as db\nnums = db.from_sequence(range(3))\nodd = nums.frobnicate()\n');
    const unreadable = (await host.handle('importScript', { path: script })) as ImportedScript;
    assert.equal(unreadable.kind, 'unreadable');
    if (unreadable.kind === 'unreadable') assert.deepEqual(unreadable.problems.map((p) => p.line), [3]);
    await assert.rejects(host.handle('importScript', { path: path.join(dir, 'none.py') }), { code: 'FILE_NOT_FOUND' });
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a cluster run is refused at the boundary unless its address is a scheduler address', async () => {
  const { host, dir } = makeHost();
  try {
    await assert.rejects(host.handle('startClusterRun', { pipeline: PIPELINE, baseDir: dir, address: '127.0.0.1:8786', python: '/usr/bin/python3' }), { code: 'BAD_REQUEST', message: /must look like tcp:\/\/127\.0\.0\.1:8786/ });
    await assert.rejects(host.handle('startClusterRun', { pipeline: PIPELINE, baseDir: dir, address: 'tcp://127.0.0.1:8786', python: '' }), { code: 'BAD_REQUEST' });
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
