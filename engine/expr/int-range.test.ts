import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { pyRepr } from '../values/repr.js';
import { checkSource, compileModule, evaluateExpression } from './compile.js';
import { ExprError } from './expr-error.js';
import { PyException } from './py-exception.js';

/**
 * Ints past 2**53 - 1 are never silently wrong (issue 10, item 9): every int-producing operation either gives
 * CPython's exact result or raises OverflowError, and a literal past the range is refused at check time with its
 * line and column. Each case runs through /usr/bin/python3: where Python's result is in range Weft must print the
 * same repr; where it is past the range Weft must raise OverflowError.
 */
const PYTHON = '/usr/bin/python3';

const CASES = [
  '(2**53-1) + 1', '(2**53-1) + 2', '-(2**53-1) - 1', '-(2**53-1) - 2', '(2**53-1) * 1', '2**26 * 2**27', '2**53', '2**53 - 1',
  '2**52 * 2 - 1 + 1', '9007199254740991', '-9007199254740991', 'abs(-9007199254740991)', 'sum([2**52, 2**52])',
  'sum([2**52, 2**52 - 1])', 'sum([2**52, 2**52], 0)', "int('9007199254740991')", "int('9007199254740992')",
  "int('-9007199254740993')", "int(' 9_007_199_254_740_993 ')", 'int(9007199254740992.0)', 'int(2.0**52)', 'int(-1e300)',
  'round(1e16)', 'round(9007199254740991.0)', 'round(2.0**53)', '~(-(2**53-1))', '~(2**53-2)', '~(2**53-1)',
  '(2**53-1) ^ -1', '(2**53-1) | 0', '-(2**53-1) & -1', '1 << 52', '1 << 53', '(2**52) << 1', '(2**53-1) >> 1',
  '(2**53-1) // 1', '-(2**53-1) // 1', '(2**53-1) % 7', 'divmod(2**53-1, 2)', 'pow(3, 33)', 'pow(3, 34)', '3 ** 33',
  '(-3) ** 33', '(-3) ** 34', 'pow(2, 60, 1000)', 'list(enumerate([1, 2], 2**53-2))', 'list(enumerate([1, 2, 3], 2**53-2))',
  'list(range(2**53-3, 2**53-1))', 'len(range(0, 2**53-1, 2**52))', "json.loads('9007199254740991')",
  "json.loads('9007199254740992')", "json.loads('-9007199254740993')", "json.loads('[1, 9007199254740993]')",
  '(2**53-1) - (-1)', '-9007199254740991 - 1', "int('1fffffffffffff', 16)", "int('20000000000001', 16)",
  "int('0b' + '1' * 54, 0)", '[(2**53-1) + x for x in range(3)]', 'sum(x for x in [2**53-1, 1])', 'max(2**53-1, 1) + 0',
  '0x1fffffffffffff', '10**15 * 9', '10**15 * 10', '-(-(2**53-1))', '+(2**53-1)', '(2**53-1) * -1', '-(2**53-1) * -1',
  '[x * x for x in [94906265, 94906266]]', '9007199254740991 + 2', '9007199254740990 + 3', '-9007199254740991 - 2',
  '4503599627370496 * 2', 'sum([9007199254740991, 2])', 'abs(-9007199254740991) + 2', '9007199254740991 - -2',
  '[9007199254740989 + x for x in range(5)]', '9007199254740991 ^ -1', '~9007199254740991', '-9007199254740991 * 1',
  '3 * 3002399751580331', '9007199254740991 // 1 + 1', '(2**53 - 1) + True', 'True + (2**53 - 1)', '2**53 - 1 + 0.0',
];

const HARNESS = String.raw`
import json, sys
out = []
for src in json.loads(sys.stdin.read()):
    try:
        v = eval(src, {'json': json})
        def big(x):
            if isinstance(x, bool): return False
            if isinstance(x, int): return abs(x) > 2**53 - 1
            if isinstance(x, (list, tuple)): return any(big(y) for y in x)
            return False
        out.append({'kind': 'big'} if big(v) else {'kind': 'ok', 'repr': repr(v)})
    except Exception as e:
        out.append({'kind': 'error', 'type': type(e).__name__})
sys.stdout.write(json.dumps(out))
`;

function weft(src: string): { kind: 'ok'; repr: string } | { kind: 'error'; type: string; message: string } {
  try {
    return { kind: 'ok', repr: pyRepr(evaluateExpression(src, compileModule('import json\n'))) };
  } catch (e) {
    if (e instanceof PyException) return { kind: 'error', type: e.pyType, message: e.pyMessage };
    if (e instanceof ExprError) return { kind: 'error', type: `ExprError ${e.code}`, message: e.message };
    throw e;
  }
}

test('int range: every int result is either exact or OverflowError, checked against CPython', (t) => {
  if (!existsSync(PYTHON)) {
    if (process.env.CI === 'true') assert.fail(`${PYTHON} is required under CI`);
    t.skip(`${PYTHON} not found`);
    return;
  }
  const run = spawnSync(PYTHON, ['-c', HARNESS], { input: JSON.stringify(CASES), encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  const expected = JSON.parse(run.stdout) as Array<{ kind: string; repr?: string; type?: string }>;
  const wrong: string[] = [];
  let overflow = 0;
  CASES.forEach((src, i) => {
    const py = expected[i];
    const got = weft(src);
    const shown = got.kind === 'ok' ? got.repr : `${got.type}: ${got.message}`;
    if (py.kind === 'ok' && (got.kind !== 'ok' || got.repr !== py.repr)) {
      // An intermediate value past the range may raise OverflowError even when Python's final result fits.
      if (!(got.kind === 'error' && got.type === 'OverflowError')) wrong.push(`${src}: python ${py.repr}, weft ${shown}`);
    } else if (py.kind === 'big') {
      overflow++;
      if (!(got.kind === 'error' && (got.type === 'OverflowError' || got.type === 'ExprError EXPR_UNSUPPORTED'))) {
        wrong.push(`${src}: python gives an int past 2**53 - 1, weft ${shown}`);
      }
    } else if (py.kind === 'error' && (got.kind !== 'error' || got.type !== py.type)) {
      wrong.push(`${src}: python ${py.type}, weft ${shown}`);
    }
  });
  t.diagnostic(`${CASES.length} cases, ${overflow} past the range`);
  assert.ok(overflow >= 20, `only ${overflow} cases reach past the range`);
  assert.deepEqual(wrong, []);
});

test('int range: the results in range that Weft computes exactly', () => {
  // The probe: the last sum is 2**53 + 1, which a double rounds to 2**53.
  assert.deepEqual(weft('[9007199254740989 + x for x in range(3)]'), { kind: 'ok', repr: '[9007199254740989, 9007199254740990, 9007199254740991]' });
  const past = weft('[9007199254740991 + x for x in range(3)]');
  assert.equal(past.kind === 'error' && past.type, 'OverflowError');
  // 2**53 itself is past the range, so `2**53 - 1` overflows on the way although its value fits.
  assert.equal(weft('2**53 - 1').kind, 'error');
});

test('int range: a literal past 2**53 - 1 is refused at check time with its line and column', () => {
  for (const literal of ['9007199254740993', '9007199254740992', '0x20000000000000', '0b' + '1'.repeat(54), '-9007199254740993']) {
    const error = checkSource(`lambda x: x + ${literal}`, '', 'callable');
    assert.ok(error instanceof ExprError, literal);
    assert.equal(error.code, 'EXPR_UNSUPPORTED');
    assert.match(error.message, /integer literal is too large/);
    assert.deepEqual([error.line, error.column], [1, literal.startsWith('-') ? 16 : 15], literal);
  }
  const inFunctions = checkSource('f', 'def f(x):\n    return x\n\nBIG = 9007199254740993\n', 'callable');
  assert.deepEqual([inFunctions?.origin, inFunctions?.line, inFunctions?.column], ['functions', 4, 7]);
  assert.equal(checkSource('lambda x: x + 9007199254740991', '', 'callable'), null);
});
