import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializePipeline } from './serialize.js';
import type { PipelineFile } from './pipeline.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples');

test('serializing is stable whatever the key order, and the samples are stored in that form', () => {
  const a: PipelineFile = { nodes: [{ params: { b: 1, a: 2 }, op: 'bag.count', id: 'n', inputs: ['x'] }], weft: 1, name: 'x', layout: { n: { y: 2, x: 1 } } };
  const b: PipelineFile = { weft: 1, layout: { n: { x: 1, y: 2 } }, name: 'x', nodes: [{ id: 'n', op: 'bag.count', inputs: ['x'], params: { a: 2, b: 1 } }] };
  assert.equal(serializePipeline(a), serializePipeline(b));
  assert.ok(serializePipeline(a).indexOf('"weft"') < serializePipeline(a).indexOf('"nodes"'));
  for (const file of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.weft.json'))) {
    const text = fs.readFileSync(path.join(SAMPLES, file), 'utf8');
    assert.equal(serializePipeline(JSON.parse(text)), text, `${file} is not in canonical form`);
  }
});
