import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { pyRepr } from '../values/repr.js';
import { PyDict, PyFrozenSet, PySet, PyTuple } from '../values/py-types.js';
import { generateCases, type DiffCase } from './differential-cases.js';
import { compileModule, evaluateExpression } from './compile.js';
import { ExprError } from './expr-error.js';
import { PyException } from './py-exception.js';

/**
 * The proof that Weft's Python means what CPython means: random expressions and programs run through Weft and through
 * Debian's /usr/bin/python3 (one process for the whole batch, cases in and results out as JSON), and the results must
 * agree: the same repr, or the same exception type and message. Set-valued results are compared with their items
 * sorted, since Python prints sets in hash order.
 */
const PYTHON = '/usr/bin/python3';
const SEED = Number(process.env.WEFT_DIFF_SEED ?? 20240611);
const COUNT = 2400;

const HARNESS = String.raw`
import json, sys

def has_set(v):
    if isinstance(v, (set, frozenset)): return True
    if isinstance(v, (list, tuple)): return any(has_set(x) for x in v)
    if isinstance(v, dict): return any(has_set(k) or has_set(x) for k, x in v.items())
    return False

def canon(v):
    if isinstance(v, (set, frozenset)):
        items = sorted(canon(x) for x in v)
        inner = '{' + ', '.join(items) + '}'
        if isinstance(v, frozenset): return 'frozenset(' + inner + ')' if items else 'frozenset()'
        return inner if items else 'set()'
    if isinstance(v, list): return '[' + ', '.join(canon(x) for x in v) + ']'
    if isinstance(v, tuple):
        if len(v) == 1: return '(' + canon(v[0]) + ',)'
        return '(' + ', '.join(canon(x) for x in v) + ')'
    if isinstance(v, dict): return '{' + ', '.join(canon(k) + ': ' + canon(x) for k, x in v.items()) + '}'
    return repr(v)

def too_big(v):
    if isinstance(v, bool): return False
    if isinstance(v, int): return abs(v) > 2 ** 53 - 1
    if isinstance(v, (list, tuple, set, frozenset)): return any(too_big(x) for x in v)
    if isinstance(v, dict): return any(too_big(k) or too_big(x) for k, x in v.items())
    return False

def lazy_to_list(v):
    # Weft returns lists where Python returns iterators and views; compare their items.
    if isinstance(v, (range, map, filter, zip, enumerate, reversed, type({}.keys()), type({}.values()), type({}.items()))):
        return list(v)
    return v

results = []
for case in json.loads(sys.stdin.read()):
    ns = {'json': json}
    try:
        exec(case['functions'], ns)
        v = lazy_to_list(eval(case['expr'], ns))
        if too_big(v):
            results.append({'kind': 'skip'})
        else:
            results.append({'kind': 'ok', 'repr': canon(v) if has_set(v) else repr(v)})
    except SyntaxError as e:
        results.append({'kind': 'syntax', 'msg': str(e)})
    except Exception as e:
        results.append({'kind': 'error', 'type': type(e).__name__, 'msg': str(e)})
sys.stdout.write(json.dumps(results))
`;

interface PyResult {
  kind: 'ok' | 'error' | 'skip' | 'syntax';
  repr?: string;
  type?: string;
  msg?: string;
}

function hasSet(v: unknown): boolean {
  if (v instanceof PySet) return true;
  if (Array.isArray(v)) return v.some(hasSet);
  if (v instanceof PyTuple) return v.items.some(hasSet);
  if (v instanceof PyDict) return [...v.items()].some(([k, x]) => hasSet(k) || hasSet(x));
  return false;
}

function canon(v: unknown): string {
  if (v instanceof PySet) {
    const items = [...v].map(canon).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const inner = '{' + items.join(', ') + '}';
    if (v instanceof PyFrozenSet) return items.length ? `frozenset(${inner})` : 'frozenset()';
    return items.length ? inner : 'set()';
  }
  if (Array.isArray(v)) return '[' + v.map(canon).join(', ') + ']';
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${canon(v.items[0])},)` : '(' + v.items.map(canon).join(', ') + ')';
  if (v instanceof PyDict) return '{' + [...v.items()].map(([k, x]) => canon(k) + ': ' + canon(x)).join(', ') + '}';
  return pyRepr(v);
}

type WeftResult = { kind: 'ok'; repr: string } | { kind: 'error'; type: string; msg: string } | { kind: 'weft-limit' };

function runWeft(c: DiffCase): WeftResult {
  try {
    const module = compileModule(c.functions);
    const v = evaluateExpression(c.expr, module);
    return { kind: 'ok', repr: hasSet(v) ? canon(v) : pyRepr(v) };
  } catch (e) {
    if (e instanceof PyException) {
      // Weft's ints stop at 2**53 where Python's do not: such cases say nothing about semantics.
      if (e.pyType === 'OverflowError' && e.pyMessage.includes('Weft')) return { kind: 'weft-limit' };
      return { kind: 'error', type: e.pyType, msg: e.pyMessage };
    }
    if (e instanceof ExprError) return { kind: 'error', type: `ExprError ${e.code}`, msg: `${e.message} at ${e.line}:${e.column}` };
    return { kind: 'error', type: `JS ${(e as Error).name}`, msg: String((e as Error).stack) };
  }
}

/**
 * Messages that may legitimately differ while the exception type agrees: which pair a sort compares first depends
 * on the sort algorithm's internals, and Python's sort can be partly applied when it fails.
 */
function messagesMayDiffer(c: DiffCase, py: PyResult): boolean {
  return py.type === 'TypeError' && py.msg!.includes('not supported between instances') && /sort|min|max/.test(c.expr + c.functions);
}

test('differential: Weft agrees with CPython on random expressions and programs', { timeout: 120_000 }, (t) => {
  if (!existsSync(PYTHON)) {
    if (process.env.CI === 'true') assert.fail(`${PYTHON} is required for the differential test under CI`);
    t.skip(`${PYTHON} not found`);
    return;
  }
  const started = Date.now();
  const cases = generateCases(SEED, COUNT);
  const run = spawnSync(PYTHON, ['-c', HARNESS], {
    input: JSON.stringify(cases),
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, `python failed: ${run.stderr}`);
  const expected = JSON.parse(run.stdout) as PyResult[];
  assert.equal(expected.length, cases.length);

  const mismatches: string[] = [];
  let compared = 0;
  let raised = 0;
  let skipped = 0;
  cases.forEach((c, i) => {
    const py = expected[i];
    assert.notEqual(py.kind, 'syntax', `generator produced invalid Python: ${c.expr}\n${c.functions}\n${py.msg}`);
    const weft = runWeft(c);
    if (py.kind === 'skip') {
      // Python's result is past Weft's int range: Weft must refuse it, never give a rounded number.
      if (weft.kind !== 'weft-limit') {
        mismatches.push(`${c.functions ? c.functions + '\n' : ''}${c.expr}\n  python: an int past 2**53 - 1\n  weft:   ${weft.kind === 'ok' ? weft.repr : `${weft.type}: ${weft.msg}`}`);
      }
      skipped++;
      return;
    }
    if (weft.kind === 'weft-limit') {
      skipped++;
      return;
    }
    compared++;
    const where = `${c.functions ? c.functions + '\n' : ''}${c.expr}`;
    if (py.kind === 'ok') {
      if (weft.kind !== 'ok' || weft.repr !== py.repr) {
        mismatches.push(`${where}\n  python: ${py.repr}\n  weft:   ${weft.kind === 'ok' ? weft.repr : `${weft.type}: ${weft.msg}`}`);
      }
      return;
    }
    raised++;
    const same = weft.kind === 'error' && weft.type === py.type && (weft.msg === py.msg || messagesMayDiffer(c, py));
    if (!same) {
      mismatches.push(`${where}\n  python: ${py.type}: ${py.msg}\n  weft:   ${weft.kind === 'ok' ? weft.repr : `${weft.type}: ${weft.msg}`}`);
    }
  });
  const elapsed = Date.now() - started;
  t.diagnostic(`${cases.length} cases, ${compared} compared (${raised} raising), ${skipped} beyond Weft's int range, ${elapsed} ms`);
  assert.ok(compared >= 1000, `only ${compared} cases were compared`);
  assert.ok(skipped <= cases.length * 0.05, `${skipped} cases skipped as beyond 2**53`);
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches:\n\n${mismatches.slice(0, 25).join('\n\n')}`);
});
