/**
 * Schemas before running: the compiled graph carries each DataFrame node's meta, partition count and divisions, as
 * Dask's collection knows them; inspecting a pipeline with a mistake keeps every node above it and skips what is below.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { PipelineFile } from '../spec/pipeline.js';
import { nodeFileSystem } from '../io/node-file-system.js';
import { compilePipeline, inspectPipeline } from './compile.js';

/** Debian's Python with real Dask (the engine's tests may not import test/support, see test/integration/layering). */
const PYTHON = '/usr/bin/python3';
const hasDask = () => fs.existsSync('/usr/lib/python3/dist-packages/dask') && fs.existsSync(PYTHON);

test('schemas: compile and inspect give the meta, npartitions and known divisions Dask gives', (t) => {
  if (!hasDask()) {
    if (process.env.CI === 'true') throw new Error('CI needs Debian python3 with dask');
    t.skip('needs Debian python3 with dask');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-schemas-'));
  try {
    const rows = Array.from({ length: 400 }, (_, i) => `${i},${(i * 7) % 13},${i % 3 === 0 ? 'x' : 'y'},${i / 4}`);
    fs.writeFileSync(path.join(dir, 'f.csv'), 'a,b,c,d\n' + rows.join('\n') + '\n');
    const pipeline = (expr: string): PipelineFile => ({
      weft: 1,
      nodes: [
        { id: 'seq', op: 'bag.from_sequence', params: { seq: '[1, 2]' } },
        { id: 'df', op: 'dataframe.read_csv', params: { urlpath: 'f.csv', blocksize: 1000 } },
        { id: 'q', op: 'dataframe.query', inputs: ['df'], params: { expr } },
        { id: 'n', op: 'dataframe.len', inputs: ['q'] },
      ],
    });
    const options = { baseDir: dir, fs: nodeFileSystem };
    const graph = compilePipeline(pipeline('b > 3'), options);
    const dask = JSON.parse(
      execFileSync(PYTHON, ['-c', "import dask.dataframe as dd, json; df = dd.read_csv('f.csv', blocksize=1000); q = df.query('b > 3'); print(json.dumps({k: {'dtypes': [[c, str(t)] for c, t in v.dtypes.items()], 'n': v.npartitions, 'known': v.known_divisions} for k, v in {'df': df, 'q': q}.items()}))"], { cwd: dir, encoding: 'utf8' }),
    ) as Record<string, { dtypes: Array<[string, string]>; n: number; known: boolean }>;
    for (const id of ['df', 'q']) {
      const schema = graph.schemas[id];
      assert.equal(schema.kind, 'frame');
      if (schema.kind === 'frame') assert.deepEqual(schema.columns.map((c) => [c.name, c.dtype]), dask[id].dtypes);
      assert.equal(graph.npartitions[id], dask[id].n);
      assert.equal(graph.divisionsKnown[id], dask[id].known);
    }
    assert.ok(graph.npartitions.df > 1, 'the blocksize makes several partitions');
    assert.equal(graph.schemas.seq, undefined, 'a bag has no schema');
    assert.deepEqual(Object.keys(graph.schemas).sort(), ['df', 'q']);

    const inspected = inspectPipeline(pipeline('bb > 3'), options);
    assert.deepEqual(inspected.errors.map((e) => e.context.nodeId), ['q']);
    assert.deepEqual(Object.keys(inspected.schemas), ['df']);
    assert.deepEqual(inspected.schemas.df, graph.schemas.df);
    assert.equal(inspected.npartitions.seq, graph.npartitions.seq, 'nodes beside the mistake are built too');
    assert.throws(() => compilePipeline(pipeline('bb > 3'), options), (e: Error & { context?: { nodeId?: string } }) => e.context?.nodeId === 'q');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
