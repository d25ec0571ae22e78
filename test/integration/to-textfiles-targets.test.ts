/**
 * Where `to_textfiles` writes, driven through `weft` as a user runs it (issue 10, item 4): targets that cannot be
 * written are refused before anything runs (exit 2, naming the node and the path), colliding names are refused where
 * Dask would silently keep only the last partition, what Dask does write (over existing files, into new folders) is
 * written the same, and a target that breaks during the run fails it with the folder left as it was (exit 1).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, startCli, type CliResult } from '../support/run-cli.js';
import { hasDask, PYTHON, REPO_ROOT, requireOrSkip } from '../support/environment.js';

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-targets-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A pipeline writing the four partitions of ['a', 'b', 'c', 'd'] with these to_textfiles params. */
function writePipeline(name: string, params: Record<string, unknown>, func = 'lambda s: s', fileName = 'p.weft.json'): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, fileName);
  const pipeline = {
    weft: 1,
    nodes: [
      { id: 'seq', op: 'bag.from_sequence', params: { seq: "['a', 'b', 'c', 'd']", npartitions: 4 } },
      { id: 'text', op: 'bag.map', inputs: ['seq'], params: { func } },
      { id: 'write', op: 'bag.to_textfiles', inputs: ['text'], params },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(pipeline));
  return file;
}

/** Every file under a folder with its content ('<folder>' for folders), by relative path. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(root, full);
      if (fs.statSync(full).isDirectory()) {
        out[rel] = '<folder>';
        walk(full);
      } else {
        out[rel] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(root);
  return out;
}

function assertRefused(r: CliResult, message: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no stack trace');
}

describe('to_textfiles targets that cannot be written are refused before the run', () => {
  test("a target that is a folder: paths [a.txt, b.txt, c.txt, d] with d/ a folder (Dask writes three files, then fails)", async () => {
    const file = writePipeline('folder-target', { path: ['dt/a.txt', 'dt/b.txt', 'dt/c.txt', 'dt/d'] });
    const dt = path.join(path.dirname(file), 'dt');
    fs.mkdirSync(path.join(dt, 'd'), { recursive: true });
    for (const command of ['check', 'run']) {
      const r = await runCli([command, file]);
      assertRefused(r, new RegExp(`^weft: node 'write' \\(bag\\.to_textfiles\\): cannot write partition 3 to ${escape(path.join(dt, 'd'))}: it is a folder\\n$`));
      assert.deepEqual(tree(dt), { d: '<folder>' }, `${command}: nothing written`);
    }
  });

  test('a name_function that gives every partition one name (Dask keeps only the last partition)', async () => {
    const file = writePipeline('collide', { path: 'out/*.txt', name_function: "lambda i: 'same'" });
    const r = await runCli(['run', file]);
    assertRefused(r, /node 'write' \(bag\.to_textfiles\): partitions 0 and 1 would both be written to \S+\/out\/same\.txt; give each partition its own file/);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'out')), false, 'nothing written');
  });

  test('a path list that names a file twice', async () => {
    const file = writePipeline('duplicate', { path: ['o/a.txt', 'o/b.txt', 'o/./a.txt', 'o/c.txt'] });
    const r = await runCli(['check', file]);
    assertRefused(r, /node 'write' \(bag\.to_textfiles\): partitions 0 and 2 would both be written to \S+\/o\/a\.txt/);
  });

  test('a folder whose parent is a file', async () => {
    const file = writePipeline('parent-file', { path: 'blocker/out/*.txt' });
    fs.writeFileSync(path.join(path.dirname(file), 'blocker'), 'a file');
    const r = await runCli(['run', file]);
    assertRefused(r, new RegExp(`node 'write' \\(bag\\.to_textfiles\\): cannot write partition 0 to \\S+: ${escape(path.join(path.dirname(file), 'blocker'))} is a file, not a folder`));
  });

  test('a folder this user may not write in', async () => {
    const file = writePipeline('read-only', { path: 'locked/*.txt' });
    const locked = path.join(path.dirname(file), 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(locked, 0o555);
    // Root may write anywhere: run as nobody then, which may read the repository and the pipeline but not write here.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) for (let d = path.dirname(file); d !== path.dirname(dir); d = path.dirname(d)) fs.chmodSync(d, 0o755);
    const r = await new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'run', file], { cwd: REPO_ROOT, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    fs.chmodSync(locked, 0o755);
    assertRefused(r, new RegExp(`node 'write' \\(bag\\.to_textfiles\\): cannot write partition 0 to \\S+: this user may not write in the folder ${escape(locked)}`));
    assert.deepEqual(fs.readdirSync(locked), []);
  });

  test('two nodes writing the same file', async () => {
    const folder = path.join(dir, 'two-nodes');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'p.weft.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        weft: 1,
        nodes: [
          { id: 'seq', op: 'bag.from_sequence', params: { seq: "['a', 'b']", npartitions: 2 } },
          { id: 'upper', op: 'bag.map', inputs: ['seq'], params: { func: 'lambda s: s.upper()' } },
          { id: 'w1', op: 'bag.to_textfiles', inputs: ['seq'], params: { path: 'out/*.txt' } },
          { id: 'w2', op: 'bag.to_textfiles', inputs: ['upper'], params: { path: 'out/*.txt' } },
        ],
      }),
    );
    const r = await runCli(['run', file]);
    assertRefused(r, /node 'w[12]' \(bag\.to_textfiles\): writes \S+\/out\/0\.txt, which node 'w[12]' writes too; give each its own path/);
    assert.equal(fs.existsSync(path.join(folder, 'out')), false);
  });
});

describe('to_textfiles writes what Dask writes', () => {
  test('over existing files and into new folders, leaving other files alone, as Dask 2022.12 does', async (t) => {
    if (!requireOrSkip(t, hasDask(), 'Dask (python3-dask at /usr/bin/python3)')) return;
    const setUp = (root: string) => {
      fs.mkdirSync(path.join(root, 'out'), { recursive: true });
      fs.writeFileSync(path.join(root, 'out', '0.txt'), 'an old, longer first file\n');
      fs.writeFileSync(path.join(root, 'out', 'keep.txt'), 'not written by the run\n');
    };
    const file = writePipeline('overwrite', { path: 'out/*.txt' });
    const weftRoot = path.dirname(file);
    setUp(weftRoot);
    const nestedFile = writePipeline('overwrite', { path: 'new/deeper/*.txt', last_endline: true }, 'lambda s: s', 'nested.weft.json');
    const daskRoot = path.join(dir, 'overwrite-dask');
    setUp(daskRoot);
    const dask = spawnSync(
      PYTHON,
      [
        '-c',
        `import dask.bag as db
b = db.from_sequence(['a', 'b', 'c', 'd'], npartitions=4)
b.to_textfiles('out/*.txt', scheduler='sync')
b.to_textfiles('new/deeper/*.txt', last_endline=True, scheduler='sync')`,
      ],
      { cwd: daskRoot, encoding: 'utf8' },
    );
    assert.equal(dask.status, 0, dask.stderr);
    const r = await runCli(['run', file]);
    assert.equal(r.code, 0, r.stderr);
    const nested = await runCli(['run', nestedFile]);
    assert.equal(nested.code, 0, nested.stderr);
    const weft = tree(weftRoot);
    delete weft['p.weft.json'];
    delete weft['nested.weft.json'];
    assert.deepEqual(weft, tree(daskRoot));
    assert.equal(weft['out/0.txt'], 'a');
  });
});

describe('a target that breaks while the run works', () => {
  for (const scheduler of ['sync', 'threads']) {
    test(`${scheduler}: fails the run naming the node and the path, and leaves the folder as it was`, async () => {
      // Partition 3 takes seconds, so the folder can appear at its target after the check and before the commit.
      const file = writePipeline(`breaks-${scheduler}`, { path: ['dt/a.txt', 'dt/b.txt', 'dt/c.txt', 'dt/d'] }, "lambda s: s if s != 'd' else s * (sum(i % 7 for i in range(30000000)) % 2 + 1)");
      const dt = path.join(path.dirname(file), 'dt');
      fs.mkdirSync(dt);
      fs.writeFileSync(path.join(dt, 'a.txt'), 'the old a');
      fs.writeFileSync(path.join(dt, 'other.txt'), 'not an output');
      const { done } = startCli(['run', file, '--scheduler', scheduler]);
      const deadline = Date.now() + 20_000;
      while (fs.readdirSync(dt).filter((n) => n.endsWith('.weft-partial')).length < 3) {
        assert.ok(Date.now() < deadline, 'the first three partitions were written');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      fs.mkdirSync(path.join(dt, 'd'));
      const r = await done;
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, `weft: node 'write' (bag.to_textfiles): cannot write ${path.join(dt, 'd')}: it is a folder; the files already written were put back as they were\n`);
      assert.deepEqual(tree(dt), { 'a.txt': 'the old a', d: '<folder>', 'other.txt': 'not an output' });
    });
  }
});

describe('a folder that breaks while a task writes into it', () => {
  test('fails the run naming the node and the file, in words, and leaves no partial files', async () => {
    const file = writePipeline('folder-gone', { path: ['dt/a.txt', 'dt/b.txt', 'dt/c.txt', 'dt/sub/d.txt'] }, "lambda s: s if s != 'd' else s * (sum(i % 7 for i in range(30000000)) % 2 + 1)");
    const dt = path.join(path.dirname(file), 'dt');
    fs.mkdirSync(dt);
    const { done } = startCli(['run', file, '--scheduler', 'sync']);
    const deadline = Date.now() + 20_000;
    while (fs.readdirSync(dt).filter((n) => n.endsWith('.weft-partial')).length < 3) {
      assert.ok(Date.now() < deadline, 'the first three partitions were written');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // A file where the last partition's folder should be made.
    fs.writeFileSync(path.join(dt, 'sub'), 'in the way');
    const r = await done;
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, `weft: node 'write' (bag.to_textfiles): cannot write ${path.join(dt, 'sub', 'd.txt')}: a file stands where its folder should be\n`);
    assert.deepEqual(tree(dt), { sub: 'in the way' });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
