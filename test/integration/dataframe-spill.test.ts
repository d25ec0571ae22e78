/**
 * DataFrame results under a memory limit far below what they hold: the persisted frame, the set_index shuffle's
 * buckets and the group tables of a groupby with many groups all go through the one result store, so all of them
 * must spill to its database and be read back, and every answer must still be exact (worked out here in plain
 * TypeScript from the rows the test writes). The scaled-down version of the DataFrame larger-than-memory bench
 * (test/bench/larger-than-memory-df.ts), fast enough for every test run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline, toJsonText, type PipelineFile } from '../../engine/index.js';

const ROWS = 40_000;
/** ~4x less than the persisted frame alone, so that the store passes its spill mark many times over. */
const MEMORY_LIMIT = 4e6;
const GROUPS = 20_000;
const KINDS: Record<string, string> = { a: 'alpha', b: 'beta', c: 'gamma' };

/** Row i: a skewed key (60% one value, as KDD's service), a group of GROUPS, an int, a float and a label. */
function rowOf(i: number): { key: string; grp: number; id: number; x: number; y: number; label: string } {
  const key = i % 10 < 6 ? 'ecr_i' : ['ftp', 'http', 'private', 'smtp'][i % 4];
  return { key, grp: (i * 7) % GROUPS, id: i, x: (i * 7919) % 1000, y: (i % 97) / 4, label: 'abc'[i % 3] };
}

function csvText(): string {
  const lines = ['key,grp,id,x,y,label'];
  for (let i = 0; i < ROWS; i++) {
    const r = rowOf(i);
    lines.push(`${r.key},${r.grp},${r.id},${r.x},${r.y},${r.label}`);
  }
  return lines.join('\n') + '\n';
}

const pipeline: PipelineFile = {
  weft: 1,
  nodes: [
    // ~0.85 MB of CSV in 65 kB blocks: 13 partitions.
    { id: 'rows', op: 'dataframe.read_csv', params: { urlpath: 'data/rows.csv', blocksize: 65_000 } },
    { id: 'kept', op: 'dataframe.persist', inputs: ['rows'] },
    { id: 'n', op: 'dataframe.len', inputs: ['kept'] },
    { id: 'by_key', op: 'dataframe.set_index', inputs: ['kept'], params: { other: 'key' } },
    { id: 'ids_by_key', op: 'dataframe.getitem', inputs: ['by_key'], params: { key: 'id' } },
    { id: 'per_grp', op: 'dataframe.groupby.agg', inputs: ['kept'], params: { by: 'grp', arg: { x: 'sum', id: 'max' } } },
    { id: 'kinds', op: 'dataframe.from_dict', params: { data: { label: Object.keys(KINDS), kind: Object.values(KINDS) }, npartitions: 1 } },
    { id: 'm', op: 'dataframe.merge', inputs: ['kept', 'kinds'], params: { on: 'label' } },
    { id: 'per_kind', op: 'dataframe.groupby.size', inputs: ['m'], params: { by: 'kind' } },
  ],
};

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-df-spill-'));
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'rows.csv'), csvText());
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A Series' JSON (`{index, data}`) as index label -> value, order dropped. */
function byLabel(value: unknown, column?: string): Map<string, unknown> {
  const json = JSON.parse(toJsonText(value)) as { index: unknown[]; data: unknown[]; columns?: unknown[] };
  const at = column === undefined ? -1 : json.columns!.indexOf(column);
  return new Map(json.index.map((label, i) => [String(label), at < 0 ? json.data[i] : (json.data[i] as unknown[])[at]]));
}

for (const scheduler of ['threads', 'sync'] as const) {
  test(`${scheduler}: under a ${MEMORY_LIMIT / 1e6} MB limit a persisted frame, a shuffle and group tables spill, and the results are exact`, async () => {
    const spilledKeys = new Set<string>();
    const spillDir = path.join(dir, `spill-${scheduler}`);
    const { results, stats } = await runPipeline(pipeline, {
      baseDir: dir,
      scheduler,
      memoryLimit: MEMORY_LIMIT,
      spillDir,
      onEvent: (e) => {
        if (e.kind === 'spill') for (const key of e.keys) spilledKeys.add(key);
      },
    });
    const all = Array.from({ length: ROWS }, (_, i) => rowOf(i));

    assert.equal(results.n, ROWS);

    // set_index: every id once, and the keys in order across the partitions (a sort, not only a move).
    const ids = JSON.parse(toJsonText(results.ids_by_key)) as { index: string[]; data: number[] };
    assert.deepEqual([...ids.data].sort((a, b) => a - b), all.map((r) => r.id));
    assert.ok(ids.index.every((k, i) => i === 0 || ids.index[i - 1] <= k), 'the index is sorted');
    assert.deepEqual(ids.data.map((id) => rowOf(id).key), ids.index, 'each id sits under its own key');

    const sums = new Map<string, number>();
    const maxes = new Map<string, number>();
    for (const r of all) {
      sums.set(String(r.grp), (sums.get(String(r.grp)) ?? 0) + r.x);
      maxes.set(String(r.grp), Math.max(maxes.get(String(r.grp)) ?? -1, r.id));
    }
    assert.deepEqual(byLabel(results.per_grp, 'x'), sums);
    assert.deepEqual(byLabel(results.per_grp, 'id'), maxes);

    const perKind = new Map<string, number>();
    for (const r of all) perKind.set(KINDS[r.label], (perKind.get(KINDS[r.label]) ?? 0) + 1);
    assert.deepEqual(byLabel(results.per_kind), perKind);

    const spill = stats.spill;
    assert.ok(spill.bytesSpilled > 0 && spill.partitionsReadBack > 0, `spilled and read back: ${JSON.stringify(spill)}`);
    // Each kind of result by its task key: persisted partitions, shuffle buckets, per-partition group tables.
    const kinds = { 'persisted partitions': /^persist-[0-9a-f]+:/, 'set_index buckets': /^set-index-[0-9a-f]+-split:/, 'group tables': /^groupby-agg-[0-9a-f]+-part:/ };
    for (const [what, pattern] of Object.entries(kinds)) {
      assert.ok([...spilledKeys].some((k) => pattern.test(k)), `${what} spilled (spilled: ${[...spilledKeys].slice(0, 20).join(', ')})`);
    }
    assert.deepEqual(fs.readdirSync(spillDir), [], 'the spill folder is removed');
  });
}
