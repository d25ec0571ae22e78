import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { pyRepr } from '../values/repr.js';
import { checkSource, compileCallable, compileModule, evaluateExpression } from './compile.js';
import { ExprError } from './expr-error.js';
import { PyException } from './py-exception.js';

/** Issue 10's expression defects through the engine API: each probe, and its neighbours. */
const PYTHON = '/usr/bin/python3';

function outcome(functions: string, expr: string): string {
  try {
    // Cut, so that a failing case does not print a value of millions of characters.
    return pyRepr(evaluateExpression(expr, compileModule(functions))).slice(0, 200);
  } catch (e) {
    if (e instanceof PyException) return e.pyType;
    if (e instanceof ExprError) return `ExprError ${e.code}`;
    throw e;
  }
}

test('try with finally, with or without except and else, behaves as CPython (item 6)', (t) => {
  if (!existsSync(PYTHON)) {
    if (process.env.CI === 'true') assert.fail(`${PYTHON} is required under CI`);
    t.skip(`${PYTHON} not found`);
    return;
  }
  const functions = [
    'log = []',
    'def a(x):',
    '    try:',
    '        if x == 0:',
    '            return "ret"',
    '        if x == 1:',
    '            raise ValueError("v")',
    '    finally:',
    '        log.append(("a", x))',
    '    return "end"',
    'def b(x):',
    '    out = []',
    '    try:',
    '        try:',
    '            out.append(1 // x)',
    '        finally:',
    '            out.append("inner")',
    '    except ZeroDivisionError:',
    '        out.append("zde")',
    '    else:',
    '        out.append("else")',
    '    finally:',
    '        out.append("outer")',
    '    return out',
    'def c(x):',
    '    for i in range(3):',
    '        try:',
    '            if i == x:',
    '                break',
    '            continue',
    '        finally:',
    '            log.append(i)',
    '    return i',
    'def d(x):',
    '    try:',
    '        return x',
    '    finally:',
    '        if x == 2:',
    '            return "override"',
    'def e(x):',
    '    try:',
    '        pass',
    '    except ValueError:',
    '        return "no"',
    '    else:',
    '        if x == 1:',
    '            raise KeyError(x)',
    '        return "else"',
    '    finally:',
    '        log.append("e")',
    'def g(x):',
    '    try:',
    '        y = 1 // x',
    '    finally:',
    '        z = 2',
    '    return (y, z)',
    '',
  ].join('\n');
  const exprs = ['a', 'b', 'c', 'd', 'e', 'g'].flatMap((f) => [0, 1, 2].map((x) => `${f}(${x})`));
  exprs.push('(a(0), a(1) if False else 0, c(1), e(0), log)');
  const harness = `import json, sys\nns = {}\nexec(${JSON.stringify(functions)}, ns)\nout = []\nfor src in json.loads(sys.stdin.read()):\n    try:\n        out.append(repr(eval(src, ns)))\n    except Exception as e:\n        out.append(type(e).__name__)\nprint(json.dumps(out))`;
  const run = spawnSync(PYTHON, ['-c', harness], { input: JSON.stringify(exprs), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as string[];
  // One module for all, as Python's one namespace: `log` accumulates in the same order.
  const module = compileModule(functions);
  const got = exprs.map((src) => {
    try {
      return pyRepr(evaluateExpression(src, module));
    } catch (e) {
      if (e instanceof PyException) return e.pyType;
      throw e;
    }
  });
  assert.deepEqual(got, expected);
});

test('a name the module leaves unbound raises NameError, at any depth (item 8)', () => {
  assert.equal(outcome('g = 1\ndel g\n', 'g'), 'NameError');
  assert.equal(outcome('if False:\n    g = 1\n', '[g]'), 'NameError');
  assert.equal(outcome('g = 1\ndel g\ndef f():\n    return g\n', 'f()'), 'NameError');
  assert.equal(outcome('g = 1\ndel g\ng = 2\n', 'g'), '2');
  const f = compileCallable('lambda x: g', compileModule('g = 1\ndel g\n'));
  assert.throws(() => f(1), (e: unknown) => e instanceof PyException && e.message === "NameError: name 'g' is not defined");
});

test('Object.prototype names work as statements, names, parameters, keywords and keys (item 10)', () => {
  const names = ['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__lookupGetter__'];
  for (const name of names) {
    const functions = `${name} = 1\ndef f(${name}, x=${name}):\n    ${name} += x\n    return ${name}\n`;
    assert.equal(checkSource(`lambda v: f(${name}=v)`, functions, 'callable'), null, name);
    assert.equal(outcome(functions, `(f(${name}=5), ${name}, {'${name}': 2}['${name}'], dict(${name}=3))`), `(6, 1, 2, {'${name}': 3})`, name);
    assert.equal(outcome('', `[${name} for ${name} in range(2)]`), '[0, 1]', name);
    assert.equal(outcome('', `(lambda ${name}: ${name} * 2)(4)`), '8', name);
  }
  // Attribute names stay checked against Weft's whitelist, now with a Python message.
  const error = checkSource('lambda x: x.toString()', '', 'callable');
  assert.equal(error?.message, "the method 'toString' is not supported");
  assert.equal(checkSource('lambda x: str.constructor', '', 'callable')?.message, 'str.constructor is not supported');
});

test('nesting past the limits is an ExprError at a position inside the source (item 7)', () => {
  const cases = [
    `lambda x: ${'('.repeat(500)}x${')'.repeat(500)}`,
    `lambda x: ${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    `lambda x: ${'-'.repeat(100_000)}x`,
    `lambda x: ${'not '.repeat(10_000)}x`,
    `lambda x: ${Array(5000).fill('x').join(' + ')}`,
    `lambda x: ${Array(5000).fill('x').join(' and ')}`,
    `lambda x: x${'[0]'.repeat(5000)}`,
    `lambda x: [1 for a in [1] ${Array(3000).fill('if a').join(' ')}]`,
    `lambda x: max(${Array(70_000).fill('x').join(',')})`,
  ];
  for (const src of cases) {
    const error = checkSource(src, '', 'callable');
    assert.ok(error instanceof ExprError, src.slice(0, 40));
    assert.match(error.message, /nested deeper than \d+ levels|at most \d+ arguments/);
    assert.equal(error.line, 1);
    assert.ok(error.column >= 1 && error.column <= src.length + 1);
  }
  const elifs = `def f(x):\n    if x == 0:\n        return 0\n${Array.from({ length: 600 }, (_, i) => `    elif x == ${i + 1}:\n        return ${i + 1}\n`).join('')}`;
  assert.equal(outcome(elifs, 'f(600)'), '600');
  // 200 levels is the limit: a depth Python accepts and a program may plausibly reach still works.
  assert.equal(outcome('', `${'('.repeat(150)}1${')'.repeat(150)}`), '1');
  assert.equal(outcome('', Array(900).fill('1').join(' + ')), '900');
});

test('an allocation past Weft\'s size limits raises MemoryError before allocating (item 2)', () => {
  const cases = [
    '[0] * (2**31)', '(0,) * (2**40)', "'ab' * (2**40)", 'list(range(2**31))', 'len(range(2**40))', "'a'.ljust(2**40)",
    "'a'.rjust(2**40)", "'a'.center(2**40)", "'1'.zfill(2**40)", "'%*d' % (2**40, 1)", "'%.*d' % (2**40, 1)", "'%.*f' % (2**40, 1.5)",
    "''.join(['x' * 2**20] * 100)", "('a' * 2**20).replace('a', 'b' * 100)", "'x' * 2**25 + 'y' * (2**25 + 1)",
  ];
  for (const src of cases) assert.equal(outcome('', src), 'MemoryError', src);
  assert.equal(outcome('def f():\n    l = [0] * 2**25\n    l.extend(l)\n    l.extend(l)\n    return len(l)\n', 'f()'), 'MemoryError');
  assert.equal(outcome('def f():\n    l = [0] * 2**25\n    l *= 3\n', 'f()'), 'MemoryError');
  assert.equal(outcome('def f():\n    l = [0] * 2**25\n    l += l\n    l += [1]\n', 'f()'), 'MemoryError');
});

test('a string that ends in a backslash at the end of the source is an unterminated literal, not a hang (found by the fuzz test)', () => {
  for (const src of ["'\\", "lambda x: '\\\\\\", '"""\\', "x + r'\\"]) {
    const error = checkSource(src, '', 'value');
    assert.ok(error instanceof ExprError, src);
    assert.match(error.message, /unterminated (triple-quoted )?string literal/);
  }
  assert.match(checkSource('x', "s = 'abc\\", 'value')?.message ?? '', /unterminated string literal/);
});

test('a str from data longer than Weft builds itself cannot split into a list past the limit (item 2)', () => {
  // A 128 M-character line, as read_text could hand a map: V8 would abort the process on a 128 M-item list.
  const line = ','.repeat(2 ** 27);
  const module = compileModule('');
  for (const src of ['lambda s: len(s.split(","))', 'lambda s: len(s.split(sep=","))', 'lambda s: len(list(s))']) {
    const f = compileCallable(src, module);
    assert.throws(() => f(line), (e: unknown) => e instanceof PyException && e.pyType === 'MemoryError', src);
  }
  assert.equal(compileCallable('lambda s: len(s.split(",", 5))', module)(line), 6);
});
