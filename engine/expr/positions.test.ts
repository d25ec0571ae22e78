import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSource, compileModule, ExprError } from './index.js';

function position(source: string, functions = '', kind: 'callable' | 'value' = 'value'): [string, number, number, string] {
  const error = checkSource(source, functions, kind);
  assert.ok(error instanceof ExprError, `expected an error for ${JSON.stringify(source)}`);
  return [error.code, error.line, error.column, error.message];
}

test('syntax errors point at the offending token', () => {
  assert.deepEqual(position('lambda x: x +').slice(0, 3), ['EXPR_SYNTAX', 1, 14]);
  assert.deepEqual(position('(1, 2').slice(0, 3), ['EXPR_SYNTAX', 1, 1]);
  assert.deepEqual(position("'abc").slice(0, 3), ['EXPR_SYNTAX', 1, 1]);
  assert.deepEqual(position('1 2').slice(0, 3), ['EXPR_SYNTAX', 1, 3]);
  assert.deepEqual(position('x = 1').slice(0, 3), ['EXPR_SYNTAX', 1, 3]);
  assert.deepEqual(position('[1,\n 2,\n 3 4]').slice(0, 3), ['EXPR_SYNTAX', 3, 4]);
});

test('unknown names are reported with their position', () => {
  assert.deepEqual(position('lambda x: x + foo'), ['EXPR_NAME', 1, 15, "name 'foo' is not defined"]);
  const [code, line, column, message] = position('g', 'def g(a):\n    b = a\n    return b + c\n');
  assert.deepEqual([code, line, column, message], ['EXPR_NAME', 3, 16, "name 'c' is not defined"]);
});

test('unsupported constructs are reported as such', () => {
  assert.deepEqual(position("f'{x}'").slice(0, 3), ['EXPR_UNSUPPORTED', 1, 1]);
  assert.deepEqual(position('lambda *a: a').slice(0, 3), ['EXPR_UNSUPPORTED', 1, 8]);
  assert.deepEqual(position('', 'class A:\n    pass\n').slice(0, 3), ['EXPR_UNSUPPORTED', 1, 1]);
  assert.deepEqual(position('', 'def f(x):\n    with x:\n        pass\n').slice(0, 3), ['EXPR_UNSUPPORTED', 2, 5]);
  assert.deepEqual(position('lambda s: s.encode()').slice(0, 3), ['EXPR_UNSUPPORTED', 1, 13]);
  assert.deepEqual(position('lambda x: (y := x)').slice(0, 3), ['EXPR_UNSUPPORTED', 1, 14]);
});

test('indentation errors in the functions block', () => {
  assert.deepEqual(position('', 'def f(x):\nreturn x\n').slice(0, 3), ['EXPR_SYNTAX', 2, 1]);
  assert.deepEqual(position('', 'def f(x):\n    a = 1\n  return x\n').slice(0, 3), ['EXPR_SYNTAX', 3, 3]);
  assert.deepEqual(position('', 'return 1\n').slice(0, 3), ['EXPR_SYNTAX', 1, 1]);
  assert.deepEqual(position('', 'def f():\n    break\n').slice(0, 3), ['EXPR_SYNTAX', 2, 5]);
});

test('compileModule throws ExprError attributed to the functions block', () => {
  assert.throws(
    () => compileModule('def f(:\n    pass\n'),
    (e: unknown) => e instanceof ExprError && e.origin === 'functions' && e.line === 1 && e.code === 'EXPR_SYNTAX',
  );
});
