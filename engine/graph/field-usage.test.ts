import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readsOnlyKeyAndSize, subscriptsOfParam } from './field-usage.js';

test('finds the constant fields a lambda reads, or null when it uses the list otherwise', () => {
  assert.deepEqual(subscriptsOfParam('lambda x: x[1]', 0), new Set([1]));
  assert.deepEqual(subscriptsOfParam("lambda x: x[0] == 'a' and x[-1] != 'b'", 0), new Set([0, -1]));
  assert.deepEqual(subscriptsOfParam('lambda acc, x: acc + 1', 1), new Set());
  assert.deepEqual(subscriptsOfParam('lambda acc, x: acc + int(x[4])', 1), new Set([4]));
  assert.equal(subscriptsOfParam('lambda x: len(x)', 0), null);
  assert.equal(subscriptsOfParam('lambda x: x[1:3]', 0), null);
  assert.equal(subscriptsOfParam('lambda x: x[i]', 0), null);
  assert.equal(subscriptsOfParam('lambda x: (x, 1)', 0), null);
  assert.equal(subscriptsOfParam('lambda x: [x[0] for x in range(3)]', 0), null);
  assert.equal(subscriptsOfParam('lambda x: x[1.0]', 0), null);
  assert.equal(subscriptsOfParam('len', 0), null);
});

test('recognises lambdas over groups that read only the key and the size', () => {
  assert.equal(readsOnlyKeyAndSize('lambda g: (g[0], len(g[1]))'), true);
  assert.equal(readsOnlyKeyAndSize("lambda kv: str(kv[0]) + ':' + str(len(kv[1]) * 2)"), true);
  assert.equal(readsOnlyKeyAndSize('lambda g: len(g[1])'), true);
  assert.equal(readsOnlyKeyAndSize('lambda g: (g[0], sum(g[1]))'), false);
  assert.equal(readsOnlyKeyAndSize('lambda g: (g[0], g[1][0])'), false);
  assert.equal(readsOnlyKeyAndSize('lambda g: len(g)'), false);
  assert.equal(readsOnlyKeyAndSize('lambda g: [len(g[1]) for g in [g]]'), false);
  assert.equal(readsOnlyKeyAndSize('len'), false);
});
