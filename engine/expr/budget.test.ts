/** The plan-time budget on a fake clock and heap: which limit stops which code, and that `except` cannot catch it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileModule, evaluateExpression } from './index.js';
import { BudgetExceeded, withBudget, type BudgetLimits } from './budget.js';

/** Limits on a clock that advances `msPerCheck` and a heap that grows `bytesPerCheck` each time they are read. */
function fakeLimits(msPerCheck: number, bytesPerCheck: number): BudgetLimits {
  let now = 0;
  let heap = 0;
  return { timeMs: 1000, heapBytes: 100, now: () => (now += msPerCheck), heapUsed: () => (heap += bytesPerCheck), what: 'plan-time test code' };
}

function runBudgeted(functions: string, limits: BudgetLimits): unknown {
  return withBudget(limits, () => evaluateExpression('1', compileModule(functions)));
}

const stopped = (pyType: string) => (e: unknown) => e instanceof BudgetExceeded && e.pyType === pyType;

test('a loop that outlives the time budget stops with TimeoutError naming whose code it is', () => {
  assert.throws(() => runBudgeted('while True:\n    pass\n', fakeLimits(1, 0)), (e: unknown) => stopped('TimeoutError')(e) && /^TimeoutError: plan-time test code took longer than 1 s/.test((e as Error).message));
});

test('a loop whose heap grows past the allowance stops with MemoryError, checked before the clock', () => {
  assert.throws(() => runBudgeted('x = []\nwhile True:\n    x.append(1)\n', fakeLimits(10, 10)), (e: unknown) => stopped('MemoryError')(e) && /used more than/.test((e as Error).message));
});

test('except clauses, bare or named, and finally cannot keep a loop going past its budget', () => {
  assert.throws(() => runBudgeted('while True:\n    try:\n        pass\n    except:\n        pass\n', fakeLimits(1, 0)), stopped('TimeoutError'));
  assert.throws(() => runBudgeted('while True:\n    try:\n        pass\n    except Exception:\n        pass\n', fakeLimits(1, 0)), stopped('TimeoutError'));
  assert.throws(() => runBudgeted('n = 0\nwhile True:\n    try:\n        n += 1\n    except ValueError:\n        pass\n    finally:\n        n -= 1\n', fakeLimits(1, 0)), stopped('TimeoutError'));
});

test('recursion without loops is counted at every function entry', () => {
  assert.throws(() => runBudgeted('def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nx = fib(40)\n', fakeLimits(1, 0)), stopped('TimeoutError'));
});

test('comprehensions and range() tick too', () => {
  assert.throws(() => runBudgeted('x = [i for i in range(10**6)]\n', fakeLimits(1, 0)), stopped('TimeoutError'));
  assert.throws(() => runBudgeted('x = len(range(10**7))\n', fakeLimits(0, 10)), stopped('MemoryError'));
});

test('within its limits code runs to its result, and outside a budget nothing stops it', () => {
  assert.equal(withBudget(fakeLimits(0, 0), () => evaluateExpression('sum(range(100000))', compileModule(''))), 4999950000);
  assert.equal(evaluateExpression('sum([i for i in range(100000)])', compileModule('')), 4999950000);
});
