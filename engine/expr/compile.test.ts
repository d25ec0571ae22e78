import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyRepr } from '../values/repr.js';
import { PyDict, PyFloat, PyTuple } from '../values/py-types.js';
import { checkSource, compileCallable, compileModule, evaluateExpression, ExprError, PyException, truthy } from './index.js';

const KDD_LINE =
  '0,tcp,http,SF,181,5450,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,8,8,0.00,0.00,0.00,0.00,1.00,0.00,0.00,9,9,1.00,0.00,0.11,0.00,0.00,0.00,0.00,0.00,normal.';

const TUTORIAL = `
def parse_interaction(line):
    elems = line.split(',')
    tag = elems[41][:-2]
    return (tag, elems)
`;

function evaluate(source: string, functions = ''): unknown {
  return evaluateExpression(source, compileModule(functions));
}

function raises(fn: () => unknown, type: string, message?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof PyException, `expected PyException, got ${String(e)}`);
    assert.equal(e.pyType, type);
    if (message !== undefined) assert.equal(e.message, `${type}: ${message}`);
    return true;
  });
}

test('the tutorial def parses a KDD line', () => {
  const parse = compileCallable('parse_interaction', compileModule(TUTORIAL));
  // Dask's read_text keeps the line's newline, which `[:-2]` strips together with the dot.
  const result = parse(KDD_LINE + '\n');
  assert.ok(result instanceof PyTuple);
  assert.equal(result.items[0], 'normal');
  assert.equal((result.items[1] as string[]).length, 42);
  assert.equal((result.items[1] as string[])[4], '181');
  const tag = compileCallable('lambda x: parse_interaction(x)[0]', compileModule(TUTORIAL));
  assert.equal(tag(KDD_LINE + '\n'), 'normal');
  assert.equal(tag(KDD_LINE), 'norma');
  raises(() => parse('a,b'), 'IndexError', 'list index out of range');
});

test('callables: lambdas, defs, builtins and unbound methods', () => {
  const m = compileModule('import json\ndef add(a, b=10):\n    return a + b\n');
  assert.equal(compileCallable('lambda x: x * 2', m)(21), 42);
  assert.equal(compileCallable('add', m)(1), 11);
  assert.equal(compileCallable('len', m)('abcd'), 4);
  assert.equal(compileCallable('str.upper', m)('abc'), 'ABC');
  assert.deepEqual(compileCallable('str.split', m)('a b'), ['a', 'b']);
  assert.ok(compileCallable('json.loads', m)('{"a": 2}') instanceof PyDict);
});

test('compiling the same source twice is a cache hit', () => {
  const m = compileModule(TUTORIAL);
  assert.equal(compileModule(TUTORIAL), m);
  assert.equal(compileCallable("lambda x: 'normal.' in x", m), compileCallable("lambda x: 'normal.' in x", m));
});

test('wrong argument counts raise TypeError as Python words it', () => {
  const m = compileModule('def f(a, b, c=1):\n    return a\n');
  raises(() => compileCallable('lambda x: x', m)(1, 2), 'TypeError', '<lambda>() takes 1 positional argument but 2 were given');
  raises(() => compileCallable('f', m)(1), 'TypeError', "f() missing 1 required positional argument: 'b'");
  raises(() => compileCallable('f', m)(1, 2, 3, 4), 'TypeError', 'f() takes from 2 to 3 positional arguments but 4 were given');
  raises(() => compileCallable('lambda: 1', m)(1), 'TypeError', '<lambda>() takes 0 positional arguments but 1 was given');
  assert.equal(evaluate('f(b=2, a=5)', 'def f(a, b, c=1):\n    return a - b\n'), 3);
  raises(() => evaluate('f(1, a=2)', 'def f(a, b=1):\n    return a\n'), 'TypeError', "f() got multiple values for argument 'a'");
});

test('values: evaluateExpression returns model values', () => {
  assert.deepEqual(evaluate('range(5)'), [0, 1, 2, 3, 4]);
  assert.equal(pyRepr(evaluate("[(1,'a'),(2,'b')]")), "[(1, 'a'), (2, 'b')]");
  assert.equal(pyRepr(evaluate('4 / 2')), '2.0');
  assert.ok(evaluate('4 / 2') instanceof PyFloat);
  assert.equal(pyRepr(evaluate('json.loads(\'{"a": [2, 2.0, 2.5, null]}\')')), "{'a': [2, 2.0, 2.5, None]}");
  assert.equal(pyRepr(evaluate("sorted({'b': 1, 'a': 2}.items(), key=lambda kv: kv[1], reverse=True)")), "[('a', 2), ('b', 1)]");
  assert.equal(evaluate('round(2.5) + round(3.5)'), 6);
  assert.equal(pyRepr(evaluate('round(2.675, 2)')), '2.67');
  assert.equal(evaluate('-7 // 2'), -4);
  assert.equal(evaluate('-7 % 3'), 2);
  assert.equal(evaluate('2 ** -1'), 0.5);
  assert.equal(evaluate('0 < 3 < 5 and 1 or 2'), 1);
  assert.equal(evaluate("int('ff', 16) + int(' 12 ')"), 267);
  assert.equal(pyRepr(evaluate("float('nan')")), 'nan');
  assert.equal(evaluate("'%s-%05.1f' % ('x', 2.25)"), 'x-002.2');
  assert.deepEqual(evaluate("' a  b '.split() + 'a,b,,c'.split(',', 1)"), ['a', 'b', 'a', 'b,,c']);
});

test('statements: loops, unpacking, augmented and subscript assignment, try/except', () => {
  const src = `
def stats(rows):
    counts = {}
    total = 0
    for i, (k, v) in enumerate(rows):
        if v is None:
            continue
        counts[k] = counts.get(k, 0) + 1
        total += v
        if total > 100:
            break
    else:
        total = -total
    a, b = total, len(counts)
    while a > 10:
        a //= 2
    try:
        x = rows[99]
    except IndexError as e:
        x = str(e)
    return a, b, x, sorted(counts.items())
`;
  assert.equal(
    pyRepr(evaluate("stats([('a', 1), ('b', None), ('a', 5)])", src)),
    "(-6, 1, 'list index out of range', [('a', 2)])",
  );
});

test('closures and defaults bind as in Python', () => {
  assert.equal(pyRepr(evaluate('[f(1) for f in [lambda x, i=i: x + i for i in range(3)]]')), '[1, 2, 3]');
  assert.equal(pyRepr(evaluate('[f(1) for f in [lambda x: x + i for i in range(3)]]')), '[3, 3, 3]');
  const src = 'def make(n):\n    def add(x):\n        return x + n\n    return add\n';
  assert.equal(evaluate('make(5)(2)', src), 7);
});

test('runtime errors carry Python type and message', () => {
  raises(() => evaluate('[1][5]'), 'IndexError', 'list index out of range');
  raises(() => evaluate("{}['x']"), 'KeyError', "'x'");
  raises(() => evaluate("int('x')"), 'ValueError', "invalid literal for int() with base 10: 'x'");
  raises(() => evaluate("1 + 'a'"), 'TypeError', "unsupported operand type(s) for +: 'int' and 'str'");
  raises(() => evaluate('None[0]'), 'TypeError', "'NoneType' object is not subscriptable");
  raises(() => evaluate('1 / 0'), 'ZeroDivisionError', 'division by zero');
  raises(() => evaluate('(5).split()'), 'AttributeError', "'int' object has no attribute 'split'");
  raises(() => evaluate("json.loads('[1,]')"), 'JSONDecodeError', 'Expecting value: line 1 column 4 (char 3)');
  raises(() => evaluate('2 ** 60'), 'OverflowError');
  raises(() => evaluate('f(1)', 'def f(n):\n    return f(n + 1)\n'), 'RecursionError');
  raises(() => evaluate('f()', 'def f():\n    y = x\n    x = 1\n'), 'UnboundLocalError');
});

test('truthy follows Python', () => {
  for (const v of [0, '', null, false, [], new PyTuple([]), new PyDict(), new PyFloat(0)]) assert.equal(truthy(v), false);
  for (const v of [NaN, 'a', [0], new PyFloat(2), -1]) assert.equal(truthy(v), true);
});

test('checkSource reports without throwing', () => {
  assert.equal(checkSource('lambda x: x + 1', '', 'callable'), null);
  assert.equal(checkSource('len', '', 'callable'), null);
  assert.equal(checkSource('range(10)', '', 'value'), null);
  assert.equal(checkSource('parse', 'def parse(x):\n    return x\n', 'callable'), null);
  assert.equal(checkSource('', 'def parse(x):\n    return x\n', 'callable-module'), null);
  const notCallable = checkSource('[1, 2]', '', 'callable');
  assert.ok(notCallable instanceof ExprError);
  assert.equal(notCallable.code, 'EXPR_UNSUPPORTED');
  const inFunctions = checkSource('f', 'def f(x):\n    return y\n', 'callable');
  assert.ok(inFunctions instanceof ExprError);
  assert.equal(inFunctions.origin, 'functions');
  assert.equal(inFunctions.code, 'EXPR_NAME');
  assert.deepEqual([inFunctions.line, inFunctions.column], [2, 12]);
});
