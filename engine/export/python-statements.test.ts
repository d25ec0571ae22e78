import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitStatements } from './python-statements.js';

test('statements split at unindented lines outside brackets, strings and continuations', () => {
  const source = [
    '"""A docstring',
    'x = 1 spanning lines',
    '"""',
    'a = f(1,',
    '  2)  # comment',
    '',
    '# a comment between',
    'def g(x):',
    '    s = "it\'s # not a comment ("',
    '    return x',
    '',
    'b = 1 + \\',
    '2',
    "print(f'{a} {b}')",
  ].join('\n');
  assert.deepEqual(
    splitStatements(source).map((s) => [s.startLine, s.endLine]),
    [[1, 3], [4, 5], [8, 10], [12, 13], [14, 14]],
  );
});
