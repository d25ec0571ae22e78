/** A session keeps persisted partitions between runs, reuses them, lets them go on release, and notices changed files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session, type PipelineFile } from '../../engine/index.js';

function pipeline(): PipelineFile {
  return {
    weft: 1,
    nodes: [
      { id: 'lines', op: 'bag.read_text', params: { urlpath: 'data.txt' } },
      { id: 'parsed', op: 'bag.map', inputs: ['lines'], params: { func: "lambda l: l.strip().split(',')" } },
      { id: 'kept', op: 'bag.persist', inputs: ['parsed'] },
      { id: 'n', op: 'bag.count', inputs: ['kept'] },
      { id: 'firsts', op: 'bag.pluck', inputs: ['kept'], params: { key: 0 } },
    ],
  };
}

for (const scheduler of ['sync', 'threads'] as const) {
  test(`${scheduler}: persisted partitions are reused by the next run until released or their file changes`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-session-'));
    fs.writeFileSync(path.join(dir, 'data.txt'), 'a,1\nb,2\nc,3\n');
    const session = new Session({ scheduler, spillDir: dir });
    try {
      const first = await session.run(pipeline(), { baseDir: dir });
      assert.equal(first.results.n, 3);
      assert.equal(first.stats.tasksReused, 0);
      assert.deepEqual(session.persistedNodes(), ['kept']);

      const second = await session.run(pipeline(), { baseDir: dir });
      assert.deepEqual(second.results, first.results);
      assert.ok(second.stats.tasksReused > 0, 'the persisted partition was not recomputed');
      assert.ok(second.stats.tasks < first.stats.tasks);

      // A pipeline that reads the persisted bag differently reuses it too.
      const other = pipeline();
      other.nodes[4] = { id: 'seconds', op: 'bag.pluck', inputs: ['kept'], params: { key: 1 } };
      const third = await session.run(other, { baseDir: dir });
      assert.deepEqual(third.results.seconds, ['1', '2', '3']);
      assert.ok(third.stats.tasksReused > 0);

      session.release('kept');
      assert.deepEqual(session.persistedNodes(), []);
      const fourth = await session.run(pipeline(), { baseDir: dir });
      assert.equal(fourth.stats.tasksReused, 0);

      // Changing the file changes the keys: the old partitions are not used for the new data.
      fs.writeFileSync(path.join(dir, 'data.txt'), 'a,1\nb,2\nc,3\nd,4\n');
      const fifth = await session.run(pipeline(), { baseDir: dir });
      assert.equal(fifth.results.n, 4);
      assert.equal(fifth.stats.tasksReused, 0);
    } finally {
      await session.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a session runs one pipeline at a time', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-session-'));
  fs.writeFileSync(path.join(dir, 'data.txt'), 'a,1\n');
  const session = new Session({ scheduler: 'sync' });
  try {
    const first = session.run(pipeline(), { baseDir: dir });
    await assert.rejects(session.run(pipeline(), { baseDir: dir }), /a run is already in progress/);
    assert.equal((await first).results.n, 1);
    assert.equal((await session.run(pipeline(), { baseDir: dir })).results.n, 1);
  } finally {
    await session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
