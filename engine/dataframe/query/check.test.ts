import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FrameMeta } from '../frame.js';
import { checkQueryExpression, evalMeta, queryMeta } from './query.js';
import { QueryError } from './query-error.js';

/** The checker as the editor's lint uses it: problems with their positions, found from the schema alone. */

const META: FrameMeta = {
  kind: 'frame',
  columns: [
    { name: 'protocol_type', dtype: 'object' },
    { name: 'src_bytes', dtype: 'int64' },
    { name: 'duration', dtype: 'float64' },
    { name: 'is guest', dtype: 'bool' },
    { name: 7, dtype: 'int64' },
  ],
  index: { dtypes: ['int64'], names: [null], range: true },
};

function problem(expr: string, mode: 'query' | 'eval' = 'query') {
  const { problems } = checkQueryExpression(expr, META, mode);
  assert.equal(problems.length, 1, `expected one problem for ${expr}`);
  const p = problems[0];
  return { ...p, text: expr.slice(p.start, p.end) };
}

test('an unknown column is marked where it stands, with the closest names', () => {
  const p = problem("protocol_type == 'tcp' & src_byts > 100");
  assert.equal(p.text, 'src_byts');
  assert.equal(p.start, "protocol_type == 'tcp' & ".length);
  assert.match(p.message, /^UndefinedVariableError: name 'src_byts' is not defined; did you mean 'src_bytes'\?$/);
  const q = problem('`is gest` | duration > 1');
  assert.equal(q.text, '`is gest`');
  assert.match(q.message, /did you mean `is guest`/);
  const far = problem('zzz > 1');
  assert.doesNotMatch(far.message, /did you mean/);
});

test('a name on a later line and a column made by an earlier eval line', () => {
  assert.deepEqual(checkQueryExpression('kb = src_bytes / 1024\nbig = kb > 10', META, 'eval').problems, []);
  const p = problem('kb = src_bytes / 1024\nbig = kbb > 10', 'eval');
  assert.equal(p.text, 'kbb');
  assert.equal(p.start, 'kb = src_bytes / 1024\nbig = '.length);
});

test('integer column labels are not reachable, as pandas leaves them out of its resolvers', () => {
  assert.equal(problem('`7` > 1').text, '`7`');
});

test('@local names are refused at their position with a message saying why', () => {
  const p = problem('src_bytes > @limit');
  assert.equal(p.text, '@limit');
  assert.match(p.message, /^SyntaxError: local variables are not available/);
  assert.match(p.message, /'@limit'/);
});

test('syntax errors carry the position of the offending token', () => {
  const missing = problem('src_bytes > ');
  assert.match(missing.message, /^SyntaxError: unexpected end of expression/);
  const stray = problem('src_bytes > > 1');
  assert.equal(stray.start, 'src_bytes > '.length);
  assert.equal(stray.text, '>');
  const paren = problem('(src_bytes > 1');
  assert.match(paren.message, /'\)' was expected/);
  const call = problem('abs(duration) > 1');
  assert.match(call.message, /function calls are not supported/);
  assert.equal(call.text, 'abs(');
  const xor = problem('src_bytes ^ 2');
  assert.equal(xor.message, "AttributeError: 'PandasExprVisitor' object has no attribute 'visit_BitXor'");
});

test('type errors pandas and numexpr raise are found before running, with their words', () => {
  assert.equal(problem('src_bytes // 2').message, "TypeError: unsupported operand type(s) for //: 'VariableNode' and 'int'");
  assert.equal(problem('`is guest` + `is guest`', 'eval').message, "NotImplementedError: couldn't find matching opcode for 'add_bbb'");
  assert.equal(problem('src_bytes / 0', 'eval').message, 'ZeroDivisionError: float division by zero');
  assert.equal(problem('src_bytes ** -1', 'eval').message, 'ValueError: Integers to negative integer powers are not allowed.');
  assert.equal(problem("protocol_type + 1", 'eval').message, "TypeError: unsupported operand type(s) for +: 'object' and '<class 'int'>'");
  assert.equal(problem('src_bytes = 1').message, 'ValueError: cannot assign without a target object');
  assert.match(problem('src_bytes + 1').message, /must give booleans/);
  assert.equal(problem('').message, 'ValueError: expr cannot be an empty string');
});

test('the result schema: dtypes by numexpr and pandas promotion, assignments at the end or in place', () => {
  const series = (e: string) => {
    const m = evalMeta(META, e);
    assert.equal(m.kind, 'series');
    return m.dtype;
  };
  assert.equal(series('src_bytes / 2'), 'float64');
  assert.equal(series('src_bytes % 3'), 'int64');
  assert.equal(series('(duration > 1) + src_bytes'), 'float64');
  assert.equal(series('`is guest` + 1'), 'int64');
  assert.equal(series("protocol_type in ['tcp', 'udp']"), 'bool');
  const frame = evalMeta(META, 'src_bytes = src_bytes * 2\nratio = duration / src_bytes');
  assert.equal(frame.kind, 'frame');
  assert.deepEqual(frame.columns.map((c) => [c.name, c.dtype]), [['protocol_type', 'object'], ['src_bytes', 'int64'], ['duration', 'float64'], ['is guest', 'bool'], [7, 'int64'], ['ratio', 'float64']]);
  const q = queryMeta(META, 'duration > 1');
  assert.deepEqual(q.columns, META.columns);
  assert.equal(q.index.range, undefined);
  assert.throws(() => queryMeta(META, 'nope > 1'), (e: unknown) => e instanceof QueryError && e.code === 'EXPRESSION' && e.context.column === 0);
});
