/**
 * Issue 10's expression probes, driven through the `weft` command as a user would: `check`, `run` on both
 * schedulers and `import`, each checking the exit code and what was printed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli.js';

function pipeline(functions: string, func: string, seq = 'range(4)'): object {
  return {
    weft: 1,
    functions,
    nodes: [
      { id: 'nums', op: 'bag.from_sequence', params: { seq, npartitions: 2 } },
      { id: 'm', op: 'bag.map', inputs: ['nums'], params: { func } },
    ],
  };
}

describe('expression hardening through the weft command', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-expr-hardening-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, doc: object): string => {
    const file = path.join(dir, `${name}.weft.json`);
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  };

  /** `weft check`, then `weft run` on both schedulers; returns the two runs. */
  const checkAndRun = async (file: string) => {
    const check = await runCli(['check', file]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const sync = await runCli(['run', file, '--scheduler', 'sync']);
    const threads = await runCli(['run', file, '--scheduler', 'threads', '--workers', '2']);
    for (const r of [sync, threads]) assert.doesNotMatch(r.stdout + r.stderr, /internal error|\n\s+at |undefined/);
    return [sync, threads];
  };

  test('try/finally without except checks, runs and imports (item 6)', async () => {
    const functions = 'log = []\ndef f(x):\n    try:\n        if x == 3:\n            raise ValueError(x)\n        return x * 2\n    finally:\n        log.append(x)\n';
    const file = write('try-finally', pipeline(functions, 'lambda x: f(x) if x < 3 else 0'));
    for (const r of await checkAndRun(file)) {
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^m: \[0, 2, 4, 0\]$/m);
    }
    const script = path.join(dir, 'try-finally.py');
    const exported = await runCli(['export', file, '--to', 'python', '-o', script]);
    assert.equal(exported.code, 0, exported.stderr);
    const imported = await runCli(['import', script]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(JSON.parse(imported.stdout).functions, functions);
  });

  test('a deleted module global raises NameError on both schedulers (item 8)', async () => {
    for (const [name, functions] of [['del', 'g = 1\ndel g\n'], ['branch', 'if False:\n    g = 1\n']]) {
      const file = write(`unbound-${name}`, pipeline(functions, 'lambda x: g'));
      for (const r of await checkAndRun(file)) {
        assert.equal(r.code, 1, r.stdout);
        assert.match(r.stderr, /node 'm', partition \d: NameError: name 'g' is not defined/);
      }
    }
  });

  test('names of Object.prototype members are ordinary Python names (item 10)', async () => {
    const names = ['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
    const functions = `${names.map((n, i) => `${n} = ${i + 1}`).join('\n')}\ndef propertyIsEnumerable(toLocaleString, constructor=10):\n    return {'__proto__': toLocaleString, 'constructor': constructor}\n`;
    const func = `lambda x: (x + ${names.join(' + ')}, propertyIsEnumerable(toLocaleString=x, constructor=x)['constructor'], dict(valueOf=x, __proto__=1)['__proto__'])`;
    const file = write('proto-names', pipeline(functions, func, 'range(2)'));
    for (const r of await checkAndRun(file)) {
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^m: \[\(28, 0, 1\), \(29, 1, 1\)\]$/m);
    }
  });

  test('deep nesting is refused by check and run with a limit at its line and column (item 7)', async () => {
    const file = write('deep', pipeline('', `lambda x: ${'('.repeat(500)}x${')'.repeat(500)}`));
    for (const args of [['check', file], ['run', file, '--scheduler', 'sync'], ['run', file]]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /node 'm' \(bag\.map\): param 'func', line 1, column \d+: expression nested deeper than 200 levels/);
      assert.doesNotMatch(r.stderr, /RangeError|\n\s+at /);
    }
    const chain = write('chain', pipeline('', `lambda x: ${Array(3000).fill('x').join(' + ')}`));
    const r = await runCli(['check', chain]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expression nested deeper than 1000 levels/);
  });

  test('ints past 2**53 - 1 raise OverflowError; such a literal is refused by check (item 9)', async () => {
    const file = write('big-int', pipeline('', 'lambda x: 9007199254740989 + x'));
    for (const r of await checkAndRun(file)) {
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /node 'm', partition 1: OverflowError: integer result too large/);
    }
    const literal = write('big-literal', pipeline('', 'lambda x: x + 9007199254740993'));
    const r = await runCli(['check', literal]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /param 'func', line 1, column 15: integer literal is too large/);
  });

  test('an allocation past the limits is a MemoryError naming the node, and the process survives (item 2)', async () => {
    for (const func of ['lambda x: len([0] * (2**31))', "lambda x: len('ab' * 2**40)", 'lambda x: len(list(range(2**31)))', "lambda x: 'a'.ljust(2**40)"]) {
      const file = write('memory', pipeline('', func));
      for (const r of await checkAndRun(file)) {
        assert.equal(r.code, 1, `${func}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /node 'm', partition \d: MemoryError/);
      }
    }
  });

  // Both schedulers run tasks on worker threads (sync on one, so that Ctrl-C can stop any user code), and a function
  // cannot cross from one: the error names it by its Python type, the same on both.
  test('a map returning a function: a clear error naming its Python type, on both schedulers (items 11 and 19)', async () => {
    const file = write('returns-function', pipeline('', 'lambda x: (lambda y: y)'));
    for (const r of await checkAndRun(file)) {
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /node 'm', partition \d: TypeError: the result holds a function \(<lambda>\.<locals>\.<lambda>\), which cannot leave its task/);
    }
  });

  test('weft import reports the real line of a problem in a def (item 13)', async () => {
    const script = path.join(dir, 'bad-def.py');
    fs.writeFileSync(script, 'import dask.bag as db\n\n\ndef f(x):\n    return x +* 2\n\n\nnums = db.from_sequence(range(4), npartitions=2)\nm = nums.map(f)\n');
    const r = await runCli(['import', script]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /bad-def\.py:5: invalid syntax \(column 15\)/);
  });
});
