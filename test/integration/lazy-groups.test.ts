/**
 * Groups large enough to be handed on lazily (past LAZY_GROUP_BYTES, see groupby.kernel.ts): the maps that read them
 * by streaming (len, set, sum, min, max, a for loop, a generator) and those that need them whole (an index, sorted,
 * a repr, a list's methods, errors) must give what the inline executor gives with plain lists and what real Dask
 * gives, with the buckets in memory and with them spilled (read by the gather from the spill database). The input is generated: 300,000 lines (3 MB) of which one key holds 60%, in blocks of 1 MB.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSyncExecutor, createThreadExecutor, loadPipelineFile, runPipeline, toJsonText, WeftError, type Executor } from '../../engine/index.js';
import { LAZY_GROUP_BYTES } from '../../engine/ops/bag/groupby.kernel.js';
import { hasDask, requireOrSkip } from '../support/environment.js';
import { asMultiset, parseJsonKeepingFloats } from '../support/compare-json.js';
import { runOnDask } from '../support/dask-reference.js';

const LINES = 300_000;

const FUNCTIONS = `
def total(g):
    t = 0
    for line in g[1]:
        t += int(line.split(',')[1])
    return (g[0], t)

def evens(g):
    n = 0
    for x in g[1]:
        if x % 2 == 0:
            n += 1
    return (g[0], n, len(g[1]))
`;

/** Each a map over `groupby(lambda l: l.split(',')[0])` of the lines, or an error Dask raises too. */
const MAPS: Record<string, string> = {
  'distinct-lines': "lambda g: (g[0], len(set(g[1])))",
  'for-loop-total': 'total',
  streamed: "lambda g: (g[0], len(g[1]), sum(len(l) for l in g[1]), max(g[1]), min(g[1]), any(l.endswith('x') for l in g[1]))",
  materialized: "lambda g: (g[0], sorted(g[1])[:2], g[1][-1], g[1].count(g[1][0]), type(g[1]) is list, isinstance(g[1], list), repr(g[1])[:40], g[1] == list(g[1]))",
  mutated: "lambda g: (g[0], g[1].append('z') or len(g[1]), g[1][-1], g[1].pop(0) is not None)",
  'index-error': 'lambda g: g[1][len(g[1])]',
  'type-error': 'lambda g: g[1] + 1',
};

function line(i: number): string {
  // One key holds 60% of the lines; distinct lines repeat, as the KDD file's do.
  const key = i % 5 < 3 ? 'big' : `k${i % 37}`;
  return `${key},${i % 1000},${'x'.repeat(i % 13)}`;
}

function pipeline(name: string, nodes: unknown[]): string {
  return JSON.stringify({ weft: 1, name, functions: FUNCTIONS, nodes });
}

const READ = { id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: 1_000_000 } };
const GROUP = { id: 'groups', op: 'bag.groupby', inputs: ['raw'], params: { grouper: "lambda l: l.split(',')[0]" } };

describe('groupby hands large groups on lazily, with the answers of plain lists and of Dask', () => {
  let dir = '';
  let threads: Executor<unknown>;
  const files = new Map<string, string>();
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lazy-groups-'));
    fs.writeFileSync(path.join(dir, 'lines.txt'), Array.from({ length: LINES }, (_, i) => `${line(i)}\n`).join(''));
    for (const [name, func] of Object.entries(MAPS)) {
      const file = path.join(dir, `${name}.weft.json`);
      fs.writeFileSync(file, pipeline(name, [READ, GROUP, { id: 'out', op: 'bag.map', inputs: ['groups'], params: { func } }]));
      files.set(name, file);
    }
    // Groups of ints, whose encoding is 9 bytes an item, and the groups themselves as the output.
    const ints = path.join(dir, 'ints.weft.json');
    fs.writeFileSync(
      ints,
      pipeline('ints', [
        READ,
        { id: 'n', op: 'bag.map', inputs: ['raw'], params: { func: "lambda l: int(l.split(',')[1])" } },
        { id: 'groups', op: 'bag.groupby', inputs: ['n'], params: { grouper: 'lambda x: x < 900' } },
        { id: 'out', op: 'bag.map', inputs: ['groups'], params: { func: 'evens' } },
        { id: 'whole', op: 'bag.map', inputs: ['groups'], params: { func: 'lambda g: (g[0], sorted(g[1])[-3:], sum(g[1]))' } },
      ]),
    );
    files.set('ints', ints);
    const raw = path.join(dir, 'raw-groups.weft.json');
    fs.writeFileSync(raw, pipeline('raw-groups', [READ, { ...GROUP, id: 'out' }]));
    files.set('raw-groups', raw);
    threads = createThreadExecutor({ workers: 2 }) as Executor<unknown>;
  });
  after(async () => {
    await threads.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the largest group is past the lazy threshold', () => {
    const bytes = Array.from({ length: LINES }, (_, i) => line(i)).filter((l) => l.startsWith('big,')).join('').length;
    assert.ok(bytes > 2 * LAZY_GROUP_BYTES, `the big group takes ${bytes} bytes`);
  });

  for (const name of [...Object.keys(MAPS), 'ints', 'raw-groups']) {
    test(name, async (t) => {
      const file = files.get(name)!;
      const spec = loadPipelineFile(file);
      const run = async (executor: Executor<unknown>, memoryLimit?: number) => {
        try {
          const result = await runPipeline(spec, { baseDir: dir, executor, ...(memoryLimit ? { memoryLimit, spillDir: dir } : {}) });
          if (memoryLimit) assert.ok(result.stats.spill!.bytesSpilled > 0, 'the buckets spill');
          return { results: parseJsonKeepingFloats(toJsonText(result.results)) as Record<string, unknown> };
        } catch (e) {
          if (!(e instanceof WeftError)) throw e;
          return { error: e.message.replace(/^.*?: (?=\w+Error: )/, '') };
        }
      };
      const lazy = await run(threads);
      const plain = await run(createSyncExecutor());
      assert.deepEqual(lazy, plain, 'threads (lazy groups) and inline (plain lists)');
      // Under a limit the buckets spill, and the gather reads them, and the large groups' items, from the database.
      assert.deepEqual(await run(threads, 4e6), plain, 'threads with spilled buckets read in place');
      if (!requireOrSkip(t, hasDask(), 'Debian python3-dask')) return;
      const dask = await runOnDask(file);
      if (dask.parsed.error) {
        assert.ok(lazy.error?.includes(`${dask.parsed.error.type}: ${dask.parsed.error.message}`), `${lazy.error} vs Dask's ${JSON.stringify(dask.parsed.error)}`);
        return;
      }
      const theirs = (parseJsonKeepingFloats(dask.text) as { results: Record<string, unknown> }).results;
      for (const id of Object.keys(theirs)) {
        // Group order is undefined in Dask; the raw groups' items are compared as multisets too.
        assert.deepEqual(asMultiset(lazy.results![id], true), asMultiset(theirs[id], true), `output '${id}'`);
      }
    });
  }
});
