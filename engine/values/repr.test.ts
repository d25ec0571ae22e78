import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from './py-types.js';
import { pyRepr, pyStr } from './repr.js';

test('scalars print as Python prints them', () => {
  assert.equal(pyRepr(null), 'None');
  assert.equal(pyRepr(true), 'True');
  assert.equal(pyRepr(0), '0');
  assert.equal(pyRepr(-0), '0');
  assert.equal(pyRepr(-12), '-12');
  assert.equal(pyRepr(0.1), '0.1');
  assert.equal(pyRepr(new PyFloat(2)), '2.0');
  assert.equal(pyRepr(new PyFloat(-0)), '-0.0');
  assert.equal(pyRepr(1e-5), '1e-05');
  assert.equal(pyRepr(new PyFloat(1e16)), '1e+16');
  assert.equal(pyRepr(NaN), 'nan');
  assert.equal(pyRepr(-Infinity), '-inf');
});

test('strs use Python quoting and escapes', () => {
  assert.equal(pyRepr('abc'), "'abc'");
  assert.equal(pyRepr("it's"), `"it's"`);
  assert.equal(pyRepr(`'"`), `'\\'"'`);
  assert.equal(pyRepr('a\nb\t\\'), "'a\\nb\\t\\\\'");
  assert.equal(pyRepr('\x00\x7f\x85\xa0\xad'), "'\\x00\\x7f\\x85\\xa0\\xad'");
  assert.equal(pyRepr('é€😀'), "'é€😀'");
  assert.equal(pyRepr('\u2028\ud800'), "'\\u2028\\ud800'");
  assert.equal(pyStr('a\nb'), 'a\nb');
});

test('containers', () => {
  assert.equal(pyRepr(new PyTuple([1, 'a'])), "(1, 'a')");
  assert.equal(pyRepr(new PyTuple([1])), '(1,)');
  assert.equal(pyRepr(new PyTuple([])), '()');
  assert.equal(pyRepr([new PyFloat(1), null]), '[1.0, None]');
  assert.equal(pyRepr(PyDict.fromPairs([['a', 1], [new PyTuple([1, 2]), [true]]])), "{'a': 1, (1, 2): [True]}");
  assert.equal(pyRepr(new PySet([1, 2])), '{1, 2}');
  assert.equal(pyRepr(new PySet()), 'set()');
  assert.equal(pyRepr(new PyFrozenSet([3])), 'frozenset({3})');
  assert.equal(pyRepr(new PyFrozenSet()), 'frozenset()');
  assert.equal(pyStr([['x']]), "[['x']]");
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  assert.equal(pyRepr(cyclic), '[1, [...]]');
});

test('functions print their Python name', () => {
  const f = Object.assign(() => 1, { pyName: 'parse', pyKind: 'function' });
  const len = Object.assign(() => 1, { pyName: 'len', pyKind: 'builtin' });
  const int = Object.assign(() => 1, { pyName: 'int', pyKind: 'type' });
  assert.equal(pyRepr(f), '<function parse>');
  assert.equal(pyRepr(len), '<built-in function len>');
  assert.equal(pyRepr(int), "<class 'int'>");
});
