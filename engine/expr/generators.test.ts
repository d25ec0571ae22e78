import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyRepr } from '../values/repr.js';
import { compileCallable, compileModule, evaluateExpression, ExprError, PyException } from './index.js';
import { isIterable, iter } from './iterate.js';
import { PyGenerator } from './py-generator.js';

const SOURCE = `
def running_total(part):
    t = 0
    for x in part:
        t += x
        yield t

def steps(n, k=2):
    i = 0
    while True:
        if i >= n:
            return
        try:
            if i == 3:
                raise ValueError('three')
            yield i * k
        except ValueError as e:
            yield str(e)
        finally:
            i += 1
    yield 'never reached'

def shapes(flag):
    if flag:
        yield
    else:
        yield 1, 2
    for c in 'ab':
        if c == 'b': yield c

def failing(n):
    yield 1
    yield n // 0

def starts_by_failing():
    raise KeyError('early')
    yield 1

def outer(xs):
    def inner(y):
        return y * 10
    for x in xs:
        yield inner(x)

def nested_gen(xs):
    def evens():
        for x in xs:
            if x % 2 == 0:
                yield x
    return evens()

def gives_back(x):
    yield x
    return x * 2
`;

const module = compileModule(SOURCE);

function evaluate(expr: string): unknown {
  return evaluateExpression(expr, module);
}

function show(expr: string): string {
  return pyRepr(evaluate(expr));
}

function raises(fn: () => unknown, type: string, message?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof PyException, `expected PyException, got ${String(e)}`);
    assert.equal(e.pyType, type);
    if (message !== undefined) assert.equal(e.pyMessage, message);
    return true;
  });
}

function unsupported(source: string, line: number, column: number, pattern: RegExp): void {
  assert.throws(
    () => compileModule(source),
    (e: unknown) => {
      assert.ok(e instanceof ExprError, `expected ExprError, got ${String(e)}`);
      assert.equal(e.code, 'EXPR_UNSUPPORTED');
      assert.match(e.message, pattern);
      assert.deepEqual([e.line, e.column], [line, column]);
      return true;
    },
  );
}

test('a def with yield returns a generator that every consumer accepts', () => {
  assert.ok(evaluate('running_total([1, 2, 3])') instanceof PyGenerator);
  assert.equal(show('list(running_total([1, 2, 3]))'), '[1, 3, 6]');
  assert.equal(show('sum(running_total(range(5)))'), '20');
  assert.equal(show('sorted(running_total([3, -5, 1]), reverse=True)'), '[3, -1, -2]');
  assert.equal(show('tuple(running_total([1, 1]))'), '(1, 2)');
  assert.equal(show('max(running_total([1, 2]))'), '3');
  assert.equal(show('3 in running_total([1, 2, 3])'), 'True');
  assert.equal(show('[x * 2 for x in running_total([1, 2])]'), '[2, 6]');
  assert.equal(show('{x: 1 for x in running_total([1, 2])}'), '{1: 1, 3: 1}');
  assert.equal(show("','.join(map(str, running_total([1, 2])))"), "'1,3'");
  assert.equal(show("dict(zip('ab', running_total([1, 2])))"), "{'a': 1, 'b': 3}");
  assert.equal(show('list(enumerate(running_total([5])))'), '[(0, 5)]');
  assert.equal(show('any(running_total([0, 0, 1]))'), 'True');
  const pair = compileCallable('lambda xs: [a + b for a, b in zip(running_total(xs), xs)]', module);
  assert.equal(pyRepr(pair([1, 2])), '[2, 5]');
  assert.equal(show('sum(x for x in running_total([1, 2]) if x > 1)'), '3');
});

test('a def statement loop over a generator, with unpacking targets', () => {
  const m = compileModule(`${SOURCE}
def pairs(xs):
    for x in xs:
        yield x, x * x

def use(xs):
    out = []
    for a, b in pairs(xs):
        out.append(a + b)
    return out
`);
  assert.equal(pyRepr(evaluateExpression('use([1, 2, 3])', m)), '[2, 6, 12]');
  assert.equal(pyRepr(evaluateExpression('dict(pairs([2, 3]))', m)), '{2: 4, 3: 9}');
});

test('yield inside if, while, try/except/finally; return ends the generator', () => {
  assert.equal(show('list(steps(5))'), "[0, 2, 4, 'three', 8]");
  assert.equal(show('list(steps(2, 10))'), '[0, 10]');
  assert.equal(show('list(shapes(True))'), "[None, 'b']");
  assert.equal(show('list(shapes(False))'), "[(1, 2), 'b']");
  assert.equal(show('list(gives_back(7))'), '[7]');
});

test('nested defs: a plain def inside a generator, a generator inside a plain def', () => {
  assert.equal(show('list(outer([1, 2]))'), '[10, 20]');
  assert.ok(evaluate('nested_gen([1, 2])') instanceof PyGenerator);
  assert.equal(show('list(nested_gen([1, 2, 3, 4]))'), '[2, 4]');
  assert.match(show('repr(nested_gen([]))'), /^'<generator object nested_gen\.<locals>\.evens at 0x[0-9a-f]+>'$/);
});

test('nothing runs before iteration; arguments are checked at the call', () => {
  const g = evaluate('starts_by_failing()');
  assert.ok(g instanceof PyGenerator);
  raises(() => [...iter(g)], 'KeyError', "'early'");
  raises(() => evaluate('steps()'), 'TypeError', "steps() missing 1 required positional argument: 'n'");
  raises(() => evaluate('steps(1, 2, 3)'), 'TypeError', 'steps() takes from 1 to 2 positional arguments but 3 were given');
  const m = compileModule('log = []\ndef noisy():\n    log.append(1)\n    yield 1\n');
  assert.equal(pyRepr(evaluateExpression('(noisy(), log)[1]', m)), '[]');
  assert.equal(pyRepr(evaluateExpression('(list(noisy()), log)[1]', m)), '[1]');
});

test('a generator is iterated once; a loop that stops early leaves it where it was', () => {
  assert.equal(show('(lambda it: (list(it), list(it)))(running_total([1, 2]))'), '([1, 3], [])');
  assert.equal(show('(lambda it: (2 in it, list(it)))(running_total([1, 1, 1, 1]))'), '(True, [3, 4])');
  assert.equal(show('(lambda it: (any(it), list(it)))(running_total([0, 1, 1]))'), '(True, [2])');
  const m = compileModule(`${SOURCE}
def first_then_rest(xs):
    g = running_total(xs)
    head = []
    for x in g:
        head.append(x)
        break
    return head, list(g)
`);
  assert.equal(pyRepr(evaluateExpression('first_then_rest([1, 2, 3])', m)), '([1], [3, 6])');
  // The same holds for generator expressions.
  assert.equal(show('(lambda it: (2 in it, list(it)))(x for x in [1, 2, 3])'), '(True, [3])');
});

test('exceptions in the body surface while iterating, with their Python type', () => {
  raises(() => evaluate('list(failing(1))'), 'ZeroDivisionError', 'integer division or modulo by zero');
  raises(() => evaluate('sum(failing(1))'), 'ZeroDivisionError');
  const m = compileModule(`${SOURCE}
def catch(n):
    out = []
    try:
        for x in failing(n):
            out.append(x)
    except ZeroDivisionError as e:
        out.append(str(e))
    return out
`);
  assert.equal(pyRepr(evaluateExpression('catch(3)', m)), "[1, 'integer division or modulo by zero']");
  const exhausted = evaluate('failing(1)');
  raises(() => [...iter(exhausted)], 'ZeroDivisionError');
  assert.deepEqual([...iter(exhausted)], []);
});

test('a generator that iterates itself raises ValueError as Python does', () => {
  const m = compileModule('def me():\n    yield 1\n    for x in g:\n        yield x\ng = me()\n');
  raises(() => evaluateExpression('list(g)', m), 'ValueError', 'generator already executing');
});

test('len, indexing, repr and type of a generator', () => {
  raises(() => evaluate('len(running_total([1]))'), 'TypeError', "object of type 'generator' has no len()");
  raises(() => evaluate('len(x for x in [1])'), 'TypeError', "object of type 'generator' has no len()");
  raises(() => evaluate('running_total([1])[0]'), 'TypeError', "'generator' object is not subscriptable");
  raises(() => evaluate('running_total([1])[0:1]'), 'TypeError', "'generator' object is not subscriptable");
  assert.match(show('repr(running_total([]))'), /^'<generator object running_total at 0x[0-9a-f]+>'$/);
  assert.match(show('str(running_total([]))'), /^'<generator object running_total at 0x[0-9a-f]+>'$/);
  assert.match(show('repr(x for x in [])'), /^'<generator object <genexpr> at 0x[0-9a-f]+>'$/);
  const g = evaluate('running_total([])') as PyGenerator;
  assert.equal(g.repr(), g.repr(), 'the address is stable');
  assert.match(g.repr(), /^<generator object running_total/);
  assert.equal(show('isinstance(running_total([]), list)'), 'False');
});

test('yield where it is not supported is reported at its position', () => {
  unsupported('def f(x):\n    y = yield x\n', 2, 9, /'yield' is only supported as a statement/);
  unsupported('def f(x):\n    g((yield x))\n', 2, 8, /'yield' is only supported as a statement/);
  unsupported('f = lambda: (yield)\n', 1, 14, /'yield' is only supported as a statement/);
  unsupported('def f(x):\n    return [(yield) for y in x]\n', 2, 14, /'yield' is only supported as a statement/);
  unsupported('def f(x):\n    yield from x\n', 2, 5, /'yield from' is not supported/);
  assert.throws(
    () => compileModule('yield 1\n'),
    (e: unknown) => e instanceof ExprError && e.code === 'EXPR_SYNTAX' && /'yield' outside function/.test(e.message) && e.line === 1,
  );
  assert.throws(() => compileCallable('lambda x: (yield x)', compileModule('')), (e: unknown) => e instanceof ExprError && e.code === 'EXPR_UNSUPPORTED');
});

test('a generator exposes no attributes and its names stay mangled', () => {
  const m = compileModule('def f(this, arguments):\n    yield this\n    yield arguments\n');
  assert.equal(pyRepr(evaluateExpression('list(f(1, 2))', m)), '[1, 2]');
  for (const attr of ['gi_frame', 'send', 'throw', 'close']) {
    assert.throws(() => evaluateExpression(`f(1, 2).${attr}`, m), (e: unknown) => e instanceof ExprError && e.code === 'EXPR_UNSUPPORTED');
  }
  assert.throws(() => evaluateExpression('f(1, 2).__next__()', m), (e: unknown) => e instanceof ExprError && e.code === 'EXPR_UNSUPPORTED');
});

test('one-line suites and several yields on a line', () => {
  const m = compileModule('def f(x):\n    if x: yield 1; yield 2\n    yield 3\n');
  assert.equal(pyRepr(evaluateExpression('list(f(True)), list(f(False))', m)), '([1, 2, 3], [3])');
});

test('map_partitions-style use: a compiled generator def consumed by the kernel helpers', () => {
  const fn = compileCallable('running_total', module);
  const result = fn([0, 1, 2, 3]);
  assert.ok(isIterable(result));
  assert.deepEqual([...iter(result)], [0, 1, 3, 6]);
});
