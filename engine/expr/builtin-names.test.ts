/**
 * The names an editor completes are the names the engine accepts: each one checks as an expression, each is one of
 * Python's own (the builtins module, or json), and the builtins Weft refuses are not offered.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { BUILTIN_NAMES, FORBIDDEN_BUILTINS } from './builtins.js';
import { checkSource } from './compile.js';

test('builtin names: every one compiles, none is forbidden, and Python has each of them', () => {
  const names = BUILTIN_NAMES.map((b) => b.name);
  assert.equal(new Set(names).size, names.length, 'each name once');
  for (const { name, kind } of BUILTIN_NAMES) {
    const use = kind === 'module' ? `lambda s: ${name}.loads(s)` : `lambda x: ${name}`;
    assert.equal(checkSource(use, '', 'callable')?.message, undefined, name);
    assert.ok(!FORBIDDEN_BUILTINS.has(name), name);
  }
  assert.notEqual(checkSource('lambda x: print', '', 'callable'), null, 'a refused builtin does not check');
  const python = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `import builtins, json, sys; json.dump({n: type(getattr(builtins, n)).__name__ for n in dir(builtins)}, sys.stdout)`], { encoding: 'utf8' })) as Record<string, string>;
  for (const { name, kind } of BUILTIN_NAMES) {
    if (kind === 'module') continue;
    assert.ok(name in python, `${name} is a Python builtin`);
    // Python's classes are types; its exceptions are classes too, so only the functions must not be types.
    assert.equal(python[name] === 'type', kind !== 'function', `${name}: Python says ${python[name]}, the table says ${kind}`);
  }
});
