import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSource, compileCallable, compileModule, evaluateExpression, ExprError } from './index.js';

/**
 * User code must reach nothing but its arguments and whitelisted builtins: every escape below is refused at compile
 * time, before anything runs.
 */
function rejected(source: string, functions = ''): ExprError {
  const error = checkSource(source, functions, 'value');
  assert.ok(error instanceof ExprError, `expected ${JSON.stringify(source)} to be rejected`);
  assert.ok(error.code === 'EXPR_NAME' || error.code === 'EXPR_UNSUPPORTED', `${source}: ${error.code}`);
  assert.throws(() => evaluateExpression(source, compileModule(functions)), ExprError);
  return error;
}

test('dunder attributes, JS globals and dangerous builtins are rejected at compile time', () => {
  for (const source of [
    '().__class__',
    'x.__class__',
    "''.__class__.__mro__",
    'lambda x: x.__class__',
    'lambda x: x.constructor',
    '[].constructor',
    'constructor',
    'globalThis',
    'process',
    'require',
    'Function',
    'this',
    "open('f')",
    "eval('1')",
    "exec('1')",
    "__import__('os')",
    'getattr(1, "real")',
    'lambda x: x.__proto__',
    'lambda x: x.prototype',
    'rt',
    'print(1)',
  ]) {
    rejected(source);
  }
});

test('imports other than json are rejected', () => {
  const error = checkSource('', 'import os\n', 'callable-module');
  assert.ok(error instanceof ExprError);
  assert.equal(error.code, 'EXPR_UNSUPPORTED');
  assert.equal(error.origin, 'functions');
  assert.ok(checkSource('', 'from os import path\n', 'callable-module') instanceof ExprError);
  assert.equal(checkSource('', 'import json\n', 'callable-module'), null);
});

test('the functions block is checked too', () => {
  const error = rejected('f(1)', 'def f(x):\n    return x.__class__\n');
  assert.equal(error.origin, 'functions');
  assert.deepEqual([error.line, error.column], [2, 14]);
});

test('Python names that collide with JS globals are ordinary locals', () => {
  const m = compileModule('');
  assert.equal(compileCallable('lambda process, constructor, globalThis: process + constructor + globalThis', m)(1, 2, 3), 6);
  assert.equal(evaluateExpression('(lambda arguments, eval=5: arguments * eval)(2)', m), 10);
  assert.equal(evaluateExpression("{'constructor': 1, '__proto__': 2}['__proto__']", m), 2);
  // A str method name taken from data never becomes a JS property access.
  assert.equal(evaluateExpression("'toString' in {'a': 1}", m), false);
  assert.equal(typeof globalThis.process, 'object');
});
