import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, Frame } from '../frame.js';
import { frameJson, runPandas, sameJson, seriesJson } from '../pandas-reference.test-support.js';
import { evalFrame, queryFrame } from './query.js';
import { QueryError } from './query-error.js';
import { randomSource } from '../random-frames.test-support.js';

/**
 * Differential tests of query/eval against pandas 1.5.3 with numexpr: a generated frame (ints with zeros and
 * negatives, floats with NaN and infinities, strings with None, bools, a column needing backticks) and a few hundred
 * expressions generated from the grammar, each run by `df.query` and `df.eval` in pandas and in Weft in the same
 * test; values, dtypes and index must agree, or both must fail with the same exception type.
 */

function makeFrame(random: () => number, n: number, labelled: boolean): Frame {
  const ints = () => Float64Array.from({ length: n }, () => Math.floor(random() * 9) - 4);
  const floats = () => Float64Array.from({ length: n }, () => (random() < 0.15 ? NaN : random() < 0.05 ? Infinity : Math.round((random() * 10 - 5) * 4) / 4 + 0));
  const bools = () => Uint8Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
  const objects = (dictionary: unknown[]): Column => ({ dtype: 'object', codes: Int32Array.from({ length: n }, () => Math.floor(random() * dictionary.length)), dictionary });
  const index: Frame['index'] = labelled
    ? { kind: 'labels', levels: [{ dtype: 'int64', values: Float64Array.from({ length: n }, (_, i) => 100 - 3 * i) }], names: ['key'] }
    : { kind: 'range', start: 0, step: 1, name: null };
  return {
    kind: 'frame',
    names: ['i', 'j', 'x', 'y', 's', 'u', 't', 'w', 'odd col'],
    columns: [
      { dtype: 'int64', values: ints() },
      { dtype: 'int64', values: ints() },
      { dtype: 'float64', values: floats() },
      { dtype: 'float64', values: floats() },
      objects(['a', 'b', 'c', null, 'bb']),
      objects(['a', 'c', 'd']),
      { dtype: 'bool', values: bools() },
      { dtype: 'bool', values: bools() },
      { dtype: 'int64', values: ints() },
    ],
    index,
    length: n,
  };
}

/** Random expressions from the grammar of check.ts, valid and not. */
class Generator {
  constructor(private readonly random: () => number) {}
  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  num(depth: number): string {
    const r = this.random();
    if (depth <= 0 || r < 0.3) return this.pick(['i', 'j', 'x', 'y', '`odd col`', '2', '3', '0', '1.5', '0.25', '-1', 'i', 'x', 't']);
    if (r < 0.75) {
      const op = this.pick(['+', '-', '*', '/', '%', '+', '*', '/', '**', '//']);
      if (op === '**') return `${this.num(depth - 1)} ** ${this.pick(['2', '3', '0.5', '-1', '-1.0', '2.5', '0', '-2', '4.0'])}`;
      return `${this.num(depth - 1)} ${op} ${this.num(depth - 1)}`;
    }
    if (r < 0.85) return `-${this.num(depth - 1)}`;
    return `(${this.num(depth - 1)})`;
  }
  pick2(): string {
    return this.pick(['new', 'i', 'x', '`odd col`', '`new col`', 'index']);
  }
  pick2Op(): string {
    return this.pick(['+', '*', '/', '-', '%']);
  }
  bool(depth: number): string {
    const r = this.random();
    if (depth <= 0 || r < 0.35) return this.atom(depth);
    if (r < 0.55) return `${this.bool(depth - 1)} ${this.pick(['&', '|', 'and', 'or'])} ${this.bool(depth - 1)}`;
    if (r < 0.65) return `${this.pick(['~', 'not '])}${this.pick(['t', 'w', `(${this.bool(depth - 1)})`])}`;
    if (r < 0.75) return `(${this.bool(depth - 1)}) ${this.pick(['&', '|'])} (${this.bool(depth - 1)})`;
    return this.atom(depth);
  }
  atom(depth: number): string {
    const cmp = () => this.pick(['<', '>', '<=', '>=', '==', '!=']);
    const r = this.random();
    if (r < 0.35) return `${this.num(depth - 1)} ${cmp()} ${this.num(depth - 1)}`;
    if (r < 0.42) return `${this.num(0)} ${cmp()} ${this.num(0)} ${cmp()} ${this.num(0)}`;
    if (r < 0.55) return `s ${cmp()} ${this.pick(["'a'", "'b'", '"bb"', 'u', 'None', '1'])}`;
    if (r < 0.6) return `${this.pick(["'b'", "'c'"])} ${cmp()} ${this.pick(['s', 'u'])}`;
    if (r < 0.7) return `${this.pick(['s', 'u', 'i', 'x', 'i + 1'])} ${this.pick(['in', 'not in', '==', '!='])} ${this.pick(["['a', 'c']", '[1, 2, 3.5]', "['b', 1, None]", '(0, -1)', '[2]', 'j', 'u'])}`;
    if (r < 0.8) return this.pick(['t', 'w', 'index > 3', 'index % 2 == 0']);
    if (r < 0.85) return `${this.pick(['t', 'w'])} ${cmp()} ${this.pick(['w', 'True', '1', 'i'])}`;
    return `${this.num(depth - 1)} ${cmp()} ${this.pick(['inf', '0', '2.5', '-1'])}`;
  }
}

interface Outcome {
  ok?: unknown;
  error?: string;
  message?: string;
}

const SCRIPT = String.raw`
cases = json.load(sys.stdin)
out = []
for frame_json, exprs in cases:
    df = to_pandas(frame_json)
    res = []
    for mode, e in exprs:
        res.append(outcome(lambda: df.query(e) if mode == 'query' else df.eval(e)))
    out.append(res)
print(json.dumps(out))
`;

function weftOutcome(frame: Frame, mode: 'query' | 'eval', expr: string): Outcome {
  try {
    if (mode === 'query') return { ok: frameJson(queryFrame(frame, expr)) };
    const r = evalFrame(frame, expr);
    return { ok: r.kind === 'frame' ? frameJson(r) : seriesJson(r) };
  } catch (error) {
    if (error instanceof QueryError) return { error: error.pyType, message: error.pyMessage };
    throw error;
  }
}

test('random query and eval expressions agree with pandas and numexpr', () => {
  const random = randomSource(Number(process.env.WEFT_QUERY_SEED ?? 11));
  const gen = new Generator(random);
  const frames = [makeFrame(random, 40, false), makeFrame(random, 30, true)];
  const cases = frames.map((frame, k) => {
    const exprs: Array<['query' | 'eval', string]> = [];
    for (let n = 0; n < 110; n++) {
      const b = gen.bool(3);
      exprs.push(['query', b]);
      if (n % 2 === 0) exprs.push(['eval', b]);
      exprs.push(['eval', n % 5 === 0 ? `${gen.pick2()} = ${gen.num(3)}` : gen.num(3)]);
      if (n % 9 === k) exprs.push(['eval', `z = ${gen.num(2)}\ni = ${gen.num(2)}\nq = z ${gen.pick2Op()} i`]);
    }
    return [frame, exprs] as const;
  });
  const expected = runPandas<Outcome[][]>(SCRIPT, cases.map(([f, e]) => [frameJson(f), e]));
  let compared = 0;
  let failedBoth = 0;
  const mismatches: string[] = [];
  cases.forEach(([frame, exprs], k) => {
    exprs.forEach(([mode, expr], n) => {
      const want = expected[k][n];
      const got = weftOutcome(frame, mode, expr);
      compared++;
      const isScalarRefusal = got.error === 'TypeError' && (/needs an expression that uses a column/.test(got.message ?? '') || /complex/.test(got.message ?? ''));
      if (isScalarRefusal) {
        // Weft refuses column-free expressions by design; pandas returns a numpy scalar (or, in query, fails).
        if (!((want.ok as { kind?: string } | undefined)?.kind === 'scalar' || mode === 'query')) mismatches.push(`${mode} ${JSON.stringify(expr)}: refused as scalar`);
      } else if (want.error !== undefined) {
        failedBoth += got.error !== undefined ? 1 : 0;
        // Where pandas recurses forever or fails inside numpy, Weft refuses with a TypeError of its own.
        const alike = got.error === want.error || (want.error === 'RecursionError' && got.error === 'TypeError');
        if (!alike) mismatches.push(`${mode} ${JSON.stringify(expr)}: pandas ${want.error}: ${want.message}; weft ${JSON.stringify(got)}`.slice(0, 400));
      } else if (got.error !== undefined || !sameJson(got.ok, want.ok)) {
        mismatches.push(`${mode} ${JSON.stringify(expr)}: pandas ${JSON.stringify(want.ok).slice(0, 200)}; weft ${JSON.stringify(got).slice(0, 300)}`);
      }
    });
  });
  assert.deepEqual(mismatches.slice(0, 15), [], `${mismatches.length} of ${compared} differ`);
  assert.ok(compared > 500 && failedBoth > 10 && failedBoth < compared / 2, `${compared} compared, ${failedBoth} errors`);
});

test('chosen cases agree with pandas: index names, backticks, mixed object values, multi-line eval, numexpr edge kinds', () => {
  const frame: Frame = {
    kind: 'frame',
    names: ['a', 'b', 'x', 'mixed', 'kind', 'flag', 'a.b', 'if'],
    length: 6,
    index: { kind: 'labels', levels: [{ dtype: 'int64', values: new Float64Array([10, 11, 12, 13, 14, 15]) }], names: ['row'] },
    columns: [
      { dtype: 'int64', values: new Float64Array([1, -2, 0, 3, -5, 7]) },
      { dtype: 'int64', values: new Float64Array([0, 3, -1, 2, 2, -3]) },
      { dtype: 'float64', values: new Float64Array([0.5, NaN, -1.25, 2, -Infinity, 9]) },
      { dtype: 'object', codes: new Int32Array([0, 1, 2, 3, 4, 0]), dictionary: [1, 'one', 2.5, true, NaN] },
      { dtype: 'object', codes: new Int32Array([0, 1, 0, 2, 1, 3]), dictionary: ['tcp', 'udp', 'icmp', null] },
      { dtype: 'bool', values: new Uint8Array([1, 0, 0, 1, 1, 0]) },
      { dtype: 'int64', values: new Float64Array([5, 6, 7, 8, 9, 10]) },
      { dtype: 'float64', values: new Float64Array([1, 2, 3, 4, 5, 6]) },
    ],
  };
  const exprs: Array<['query' | 'eval', string]> = [
    ['query', 'row > 11 & a < 5'],
    ['query', 'index % 2 == 0'],
    ['eval', 'ilevel_0 + 1'],
    ['query', '`a.b` > 6 and `if` < 5'],
    ['eval', '`a.b` * 2'],
    ['eval', '`new col` = `a.b` + `if`'],
    ['query', 'mixed == 1'],
    ['query', 'mixed != 2.5'],
    ['query', 'mixed in [1, "one"]'],
    ['query', 'mixed > 0'],
    ['query', 'kind > "m"'],
    ['query', '"m" < kind'],
    ['query', 'kind == kind'],
    ['query', 'kind != None'],
    ['query', 'kind <= None'],
    ['query', 'a == mixed'],
    ['query', 'x > kind'],
    ['query', 'kind in ["tcp"] or flag'],
    ['eval', 'x ** 0.3'],
    ['eval', 'x ** x'],
    ['eval', 'a ** 0.3'],
    ['eval', '2 ** a'],
    ['eval', 'a ** -1.0'],
    ['eval', 'x % -1.5'],
    ['eval', 'a % b'],
    ['eval', 'a / b'],
    ['eval', '-x'],
    ['eval', 'flag + 1.5'],
    ['eval', 'flag ** 2'],
    ['eval', 'c = a / 2\nd = a % 2'],
    ['eval', 'c = a / 2\nd = a'],
    ['eval', 'a = a * 10\nb = a + b'],
    ['eval', 'c = 1\nd = True\ne = "s"'],
    ['eval', 'kind'],
    ['eval', 'a in b'],
    ['eval', '(a + 1) == [2]'],
    ['eval', '(a + 1) == [2, 3]'],
    ['query', 'a < b < x'],
    ['query', 'not flag and a > 0'],
    ['query', 'a > 0 & not flag'],
    ['query', '~(a > 0) | flag'],
    ['eval', 'True & flag'],
    ['eval', 'flag & 1'],
    ['eval', 'x < inf'],
    ['eval', 'a @ b'],
    ['eval', 'a > 1\nb > 1'],
    ['query', 'a > 1\nb > 1'],
    ['eval', 'a if flag else b'],
    ['eval', 'a is b'],
  ];
  const expected = runPandas<Outcome[][]>(SCRIPT, [[frameJson(frame), exprs]])[0];
  const mismatches: string[] = [];
  exprs.forEach(([mode, expr], n) => {
    const want = expected[n];
    const got = weftOutcome(frame, mode, expr);
    const agree = want.error !== undefined ? got.error === want.error || ['SyntaxError', 'NotImplementedError'].includes(got.error ?? '') : got.error === undefined && sameJson(got.ok, want.ok);
    if (!agree) mismatches.push(`${mode} ${JSON.stringify(expr)}: pandas ${JSON.stringify(want).slice(0, 300)}; weft ${JSON.stringify(got).slice(0, 300)}`);
  });
  assert.deepEqual(mismatches, []);
});
