/**
 * The commit of output files, killed at every step: a child process commits four targets (two replacing files, two
 * new) and SIGKILLs itself before its k-th file operation, for every k until it gets through. After each kill every
 * target must be whole (its old or its new content), and once the next run has cleared the leftovers the folder must
 * be exactly as before the commit or exactly as after it, with nothing else left.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearLeftovers, commitOutputs, type OutputFile } from './commit-outputs.js';
import { markerOf, processStartTime } from './process-marker.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-commit-test-'));
  dirs.push(dir);
  return dir;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const CHILD = `
import fs from 'node:fs';
import { commitOutputs } from ${JSON.stringify(pathToFileURL(path.join(here, 'commit-outputs.js')).href)};
import { partialPathFor } from ${JSON.stringify(pathToFileURL(path.join(here, 'partial-path.js')).href)};
const { outputs, contents, killAt, noLinks } = JSON.parse(process.argv[1]);
for (const o of outputs) fs.writeFileSync(partialPathFor(o.target), contents[o.target]);
let ops = 0;
for (const name of ['linkSync', 'renameSync', 'rmSync', 'copyFileSync', 'openSync', 'writeSync', 'fsyncSync', 'closeSync', 'lstatSync']) {
  const real = fs[name];
  fs[name] = (...args) => {
    if (ops++ === killAt) process.kill(process.pid, 'SIGKILL');
    if (noLinks && name === 'linkSync') throw Object.assign(new Error('no links here'), { code: 'EPERM' });
    return real.apply(fs, args);
  };
}
commitOutputs(outputs);
process.stdout.write('committed');
`;

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

for (const noLinks of [false, true]) {
  test(`a commit killed at any step leaves whole files, and the next run restores one consistent state${noLinks ? ' (no hard links: backups are copies)' : ''}`, () => {
    const dir = tempDir();
    const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt'];
    const outputs: OutputFile[] = names.map((name, i) => ({ target: path.join(dir, name), nodeId: 'write', op: 'bag.to_textfiles', taskKey: `to-textfiles-x:${i}` }));
    const oldState = { 'a.txt': 'old a\n', 'c.txt': 'old c\n', 'keep.txt': 'not an output\n' };
    const newContents = Object.fromEntries(outputs.map((o, i) => [o.target, `new ${names[i]}\n`.repeat(1000 * (i + 1))]));
    const newState = { ...Object.fromEntries(names.map((n, i) => [n, newContents[outputs[i].target]])), 'keep.txt': 'not an output\n' };
    const outcomes: string[] = [];
    for (let killAt = 0; ; killAt++) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir);
      for (const [name, text] of Object.entries(oldState)) fs.writeFileSync(path.join(dir, name), text);
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify({ outputs, contents: newContents, killAt, noLinks })], { encoding: 'utf8' });
      if (child.status === 0) {
        assert.equal(child.stdout, 'committed');
        assert.deepEqual(snapshot(dir), newState, 'a commit that got through leaves only the new files');
        break;
      }
      assert.equal(child.signal, 'SIGKILL', `step ${killAt}: ${child.stderr}`);
      const afterKill = snapshot(dir);
      for (const [i, name] of names.entries()) {
        const text = afterKill[name];
        const whole = text === undefined ? !(name in oldState) : text === newContents[outputs[i].target] || text === oldState[name as keyof typeof oldState];
        assert.ok(whole, `step ${killAt}: ${name} is neither its old nor its new content`);
      }
      clearLeftovers(outputs);
      const cleared = snapshot(dir);
      const state = JSON.stringify(cleared) === JSON.stringify(oldState) ? 'old' : JSON.stringify(cleared) === JSON.stringify(newState) ? 'new' : 'mixed';
      assert.notEqual(state, 'mixed', `step ${killAt}: after clearing the leftovers the folder holds ${Object.keys(cleared).join(', ')}`);
      outcomes.push(state);
    }
    // Killed before the commit point the run never happened; after it, the run is done.
    const firstNew = outcomes.indexOf('new');
    assert.ok(outcomes.slice(0, firstNew === -1 ? undefined : firstNew).every((s) => s === 'old'));
    if (firstNew !== -1) assert.ok(outcomes.slice(firstNew).every((s) => s === 'new'), outcomes.join(' '));
    assert.ok(outcomes.filter((s) => s === 'old').length >= 8, `kills before the commit point: ${outcomes.join(' ')}`);
  });
}

test('a commit whose rename fails puts back what it moved and names the node and the file', () => {
  const dir = tempDir();
  const outputs: OutputFile[] = ['a.txt', 'b.txt', 'c.txt', 'd'].map((name, i) => ({ target: path.join(dir, name), nodeId: 'write', op: 'bag.to_textfiles', taskKey: `k:${i}` }));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'old a');
  // The partials are this process's own: write them where the tasks would.
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import fs from 'node:fs';
       import { commitOutputs } from ${JSON.stringify(pathToFileURL(path.join(here, 'commit-outputs.js')).href)};
       import { partialPathFor } from ${JSON.stringify(pathToFileURL(path.join(here, 'partial-path.js')).href)};
       const outputs = JSON.parse(process.argv[1]);
       for (const o of outputs) fs.writeFileSync(partialPathFor(o.target), 'new');
       fs.mkdirSync(outputs[3].target);
       try { commitOutputs(outputs); } catch (e) { process.stdout.write(JSON.stringify({ message: e.message, ...e.context })); }`,
      JSON.stringify(outputs),
    ],
    { encoding: 'utf8' },
  );
  const error = JSON.parse(child.stdout);
  assert.match(error.message, /^node 'write' \(bag\.to_textfiles\): cannot write .*\/d: it is a folder; the files already written were put back as they were$/);
  assert.equal(error.nodeId, 'write');
  assert.equal(error.taskKey, 'k:3', 'a failure while running (exit 1), not a bad pipeline');
  assert.equal(error.file, path.join(dir, 'd'));
  const left = fs.readdirSync(dir).sort();
  // The partials are the task's to remove (the session does, in its finally); the targets are as before.
  assert.deepEqual(left.filter((n) => !n.endsWith('.weft-partial')), ['a.txt', 'd']);
  assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'old a');
});

test('leftovers of live processes are kept, those of dead ones and of reused pids removed', async () => {
  const dir = tempDir();
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => live.once('spawn', resolve));
    const liveStart = processStartTime(live.pid!)!;
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const target = path.join(dir, 'out.txt');
    const files = {
      live: `out.txt.${markerOf(live.pid!, liveStart)}.weft-partial`,
      ownOther: `other.txt.${markerOf(process.pid, processStartTime(process.pid)!)}.weft-partial`,
      ownTarget: `out.txt.${markerOf(process.pid, processStartTime(process.pid)!)}.weft-partial`,
      ownBackup: `other.txt.${markerOf(process.pid, processStartTime(process.pid)!)}.weft-backup`,
      dead: `out.txt.${markerOf(deadPid, 12345)}.weft-partial`,
      reused: `out.txt.${markerOf(live.pid!, liveStart + 1)}.weft-backup`,
      unmarked: 'out.txt.weft-partial',
      otherHost: `out.txt.${deadPid}-12345-${markerOf(1, 1).endsWith('-00000000') ? 'ffffffff' : '00000000'}.weft-partial`,
      unrelated: 'notes.weft-partial.txt',
    };
    for (const name of Object.values(files)) fs.writeFileSync(path.join(dir, name), 'x');
    clearLeftovers([{ target, nodeId: 'write', op: 'bag.to_textfiles', taskKey: 'k:0' }]);
    // This process's partial of another target may be another session's run in progress; its backups outlive no commit.
    assert.deepEqual(fs.readdirSync(dir).sort(), [files.live, files.ownOther, files.otherHost, files.unrelated].sort());
  } finally {
    live.kill('SIGKILL');
  }
});
