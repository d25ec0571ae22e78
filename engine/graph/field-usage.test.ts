import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subscriptsOfParam } from './field-usage.js';

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
