import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSpillFolder, removeStaleSpillFolders } from './spill-folder.js';
import { ResultStore } from './result-store.js';
import { markerOf, ownMarker, processStartTime } from '../io/process-marker.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-spill-folder-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function tempDir(): string {
  return fs.mkdtempSync(path.join(root, 'test-'));
}

test("a spill folder is named by this process's pid, start time and host", () => {
  const spillDir = tempDir();
  const folder = createSpillFolder(spillDir);
  assert.match(path.basename(folder), new RegExp(`^weft-spill-${ownMarker()}-[A-Za-z0-9]{6}$`));
  assert.ok(ownMarker().startsWith(`${process.pid}-`));
  assert.ok(processStartTime(process.pid)! > 0, 'Linux has /proc: the start time is known');
});

test('only folders of processes known to be gone are removed: dead pids, reused pids; never live ones or other hosts', async () => {
  const spillDir = tempDir();
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => live.once('spawn', resolve));
    const liveStart = processStartTime(live.pid!)!;
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const otherHost = markerOf(deadPid, 5).endsWith('-00000000') ? 'ffffffff' : '00000000';
    const names = {
      live: `weft-spill-${markerOf(live.pid!, liveStart)}-aaaaaa`,
      own: `weft-spill-${ownMarker()}-bbbbbb`,
      dead: `weft-spill-${markerOf(deadPid, 5)}-cccccc`,
      reused: `weft-spill-${markerOf(live.pid!, liveStart + 7)}-dddddd`,
      otherHost: `weft-spill-${deadPid}-5-${otherHost}-eeeeee`,
      legacyDead: `weft-spill-${deadPid}-ffffff`,
      legacyLive: `weft-spill-${live.pid}-gggggg`,
      unrelated: 'weft-spill-test-hhhhhh',
    };
    for (const name of Object.values(names)) fs.mkdirSync(path.join(spillDir, name));
    assert.deepEqual(removeStaleSpillFolders(spillDir).sort(), [names.dead, names.reused, names.legacyDead].sort());
    assert.deepEqual(fs.readdirSync(spillDir).sort(), [names.live, names.own, names.otherHost, names.legacyLive, names.unrelated].sort());
  } finally {
    live.kill('SIGKILL');
  }
});

test('a store removes dead runs\' folders when it starts, before it spills anything', () => {
  const spillDir = tempDir();
  const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  const stale = path.join(spillDir, `weft-spill-${markerOf(deadPid, 5)}-zzzzzz`);
  fs.mkdirSync(stale);
  fs.writeFileSync(path.join(stale, 'spill.db'), 'left by a killed run');
  const store = new ResultStore({ sizeOf: () => 0, toBytes: () => new Uint8Array(), fromBytes: () => 0 }, { spillDir });
  assert.equal(fs.existsSync(stale), false);
  store.close();
});
