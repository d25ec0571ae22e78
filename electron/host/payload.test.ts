import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRequest } from './payload.js';

const PIPELINE = { weft: 1, nodes: [{ id: 'a', op: 'bag.from_sequence', params: { seq: '[1]' } }] };

test('requests are checked at the boundary: name, params, pipelines and reserved ids', () => {
  assert.throws(() => checkRequest('deleteEverything', {}), /unknown request "deleteEverything"/);
  assert.throws(() => checkRequest(42, {}), /unknown request 42/);
  assert.throws(() => checkRequest('openFile', { path: '' }), /openFile: "path" must be a non-empty string/);
  assert.throws(() => checkRequest('openFile', []), /params must be an object/);
  assert.throws(() => checkRequest('startRun', { pipeline: { nodes: 'x' }, baseDir: '/' }), /"pipeline.nodes" must be a list/);
  assert.throws(() => checkRequest('startRun', { pipeline: { nodes: [{ id: 1, op: 'bag.map' }] }, baseDir: '/' }), /every node needs a string "id" and "op"/);
  assert.throws(() => checkRequest('startRun', { pipeline: PIPELINE, baseDir: '/', targets: 'a' }), /"targets" must be a list of node ids/);
  assert.throws(() => checkRequest('planGraph', { pipeline: { nodes: [{ id: '__preview__a', op: 'bag.take' }] }, baseDir: '/' }), /reserved/);
  assert.throws(() => checkRequest('autosave', { record: { pipeline: PIPELINE, path: 3, baseDir: '/', savedAt: 1 } }), /record.path/);
  assert.deepEqual(checkRequest('startRun', { pipeline: PIPELINE, baseDir: '/', targets: ['a'] }).name, 'startRun');
  assert.equal(checkRequest('getAppInfo', undefined).name, 'getAppInfo');
  assert.throws(() => checkRequest('showFileDialog', { mode: 'delete', title: 't', defaultPath: '/' }), /"mode" must be open, save or pick/);
  assert.throws(() => checkRequest('openFile', { path: '/tmp/a\0b' }), /"path" must not contain a NUL character/);
  assert.throws(() => checkRequest('listDir', { path: `/${'a'.repeat(5000)}` }), /"path" is longer than 4096 characters/);
  assert.throws(() => checkRequest('startRun', { pipeline: { nodes: [{ id: 'a', op: 'bag.map', inputs: 5 }] }, baseDir: '/' }), /node 'a': "inputs" must be a list of node ids/);
  assert.throws(() => checkRequest('startRun', { pipeline: { nodes: [{ id: 'a', op: 'bag.map', params: [1] }] }, baseDir: '/' }), /node 'a': "params" must be an object/);
  assert.throws(() => checkRequest('validate', { pipeline: { nodes: [], functions: 3 }, baseDir: '/' }), /"pipeline.functions" must be a string/);
  assert.throws(() => checkRequest('validate', { pipeline: { nodes: [], layout: { a: { x: '1' } } }, baseDir: '/' }), /"pipeline.layout" of 'a'/);
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.throws(() => checkRequest('validate', { pipeline: { nodes: [], deep }, baseDir: '/' }), /params nest deeper than 64 levels/);
  assert.throws(() => checkRequest(deep, {}), /unknown request \(a list\)/);
});
