import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileCallable, compileModule } from '../expr/index.js';
import { decodeValue, encodeValue } from './codec.js';
import { isLazyList, lazyList } from './lazy-list.js';
import { PyTuple } from './py-types.js';
import { pyRepr } from './repr.js';

/** A lazy list of `items`, cut into three encoded pieces (as a group gathered from three buckets), and a plain one. */
function both(items: unknown[]): { lazy: unknown[]; plain: unknown[] } {
  const a = Math.floor(items.length / 3);
  const b = Math.floor((2 * items.length) / 3);
  const pieces = [items.slice(0, a), items.slice(a, b), items.slice(b)].map((p) => encodeValue(p));
  return { lazy: lazyList(items.length, pieces), plain: decodeValue(encodeValue(items)) as unknown[] };
}

const MODULE = compileModule(`
def loop_total(xs):
    t = 0
    for v in xs:
        t += len(v) if isinstance(v, str) else 1
    return t

def grow_while_looping(xs):
    n = 0
    for v in xs:
        n += 1
        if n == 3:
            xs.append(xs[0])
            xs[5] = 'changed'
    return (n, xs[5], len(xs))

def mutate_items(xs):
    for v in xs:
        v.append(0)
    return [len(v) for v in xs][:3]

def twice(xs):
    return sum(1 for _ in xs) + sum(1 for _ in xs)

def insert_while_looping(xs):
    out = []
    for v in xs:
        out.append(v)
        if len(out) == 2:
            xs.insert(0, 'new')
        if len(out) > 4:
            break
    return out
`);

/** Each evaluated on a fresh lazy list and a fresh plain one: same value or same error. */
const EXPRESSIONS = [
  'lambda x: len(x)',
  'lambda x: str(type(x))',
  'lambda x: type(x) is list',
  'lambda x: isinstance(x, list)',
  'lambda x: repr(x)[:80] + repr(x)[-40:]',
  'lambda x: str(x)[-40:]',
  'lambda x: x == list(x)',
  'lambda x: x != x[:-1]',
  'lambda x: x < x + [None]',
  'lambda x: (x[0], x[-1], x[5:9], x[::-997])',
  'lambda x: x[len(x)]',
  'lambda x: x["a"]',
  'lambda x: sorted(x, key=repr)[:3]',
  'lambda x: x[3] in x',
  'lambda x: "absent" in x',
  'lambda x: (x.count(x[0]), x.index(x[7]))',
  'lambda x: x.index("absent")',
  'lambda x: len(set(x))',
  'lambda x: len(frozenset(x))',
  'lambda x: sum(1 for v in x)',
  'lambda x: sum(x)',
  'lambda x: sum([len(repr(v)) for v in x])',
  'lambda x: max(x)',
  'lambda x: min(x, key=repr)',
  'lambda x: max(x, key=lambda v: repr(v)[-1], default=None)',
  'lambda x: [v for v in x][-3:]',
  'lambda x: list(x) == x',
  'lambda x: list(x) is x',
  'lambda x: tuple(x)[:2]',
  'lambda x: len(x + [1]) + len(x * 2)',
  'lambda x: bool(x) and not not x',
  'lambda x: (x.append(1), len(x), x[-1])',
  'lambda x: (x.sort(key=repr), x[:3])',
  'lambda x: (x.pop(), x.pop(0), len(x))',
  'lambda x: (x.reverse(), x[0])',
  'lambda x: (x.clear(), x)',
  'lambda x: any(v == x[-1] for v in x) and all(v is not None for v in x)',
  'lambda x: list(enumerate(x))[-1]',
  'lambda x: list(zip(x, x[1:]))[-1]',
  'lambda x: list(reversed(x))[:2]',
  'lambda x: list(map(repr, x))[-1]',
  'lambda x: list(filter(None, x))[:2]',
  'lambda x: {x: 1}',
  'lambda x: x.copy() == x',
  'lambda x: "".join(x)[:30] + "".join(x)[-30:]',
  'lambda x: json.dumps(x)[:60]',
  'lambda x: loop_total(x)',
  'lambda x: grow_while_looping(x)',
  'lambda x: mutate_items(x)',
  'lambda x: twice(x)',
  'lambda x: insert_while_looping(x)',
  'lambda x: [a for a, in [x[:1]]]',
  'lambda x: len({repr(v): v for v in x})',
];

const DATA: Record<string, () => unknown[]> = {
  lines: () => Array.from({ length: 2500 }, (_, i) => `0,tcp,http,SF,${i % 7},${i}`),
  'non-ASCII lines': () => Array.from({ length: 2100 }, (_, i) => (i % 500 === 0 ? `é${i}` : `line ${i % 300}`)),
  ints: () => Array.from({ length: 3000 }, (_, i) => (i * 7919) % 1000),
  'ints and floats': () => Array.from({ length: 2049 }, (_, i) => (i % 3 === 0 ? i / 4 : i)),
  tuples: () => Array.from({ length: 2500 }, (_, i) => new PyTuple([i % 10, `k${i}`])),
  lists: () => Array.from({ length: 1500 }, (_, i) => [i, i % 5]),
  'strings, then lists': () => [...Array.from({ length: 1100 }, (_, i) => `s${i}`), ...Array.from({ length: 1100 }, (_, i) => [i])],
};

function outcome(source: string, arg: unknown[]): string {
  const f = compileCallable(source, MODULE);
  try {
    return `= ${pyRepr(f(arg))}`;
  } catch (e) {
    const ex = e as { pyType?: string; message: string };
    return `! ${ex.pyType ?? (e as Error).name}: ${ex.message}`;
  }
}

test('a lazy list behaves as the list it stands for, under every list operation', () => {
  for (const [name, make] of Object.entries(DATA)) {
    for (const source of EXPRESSIONS) {
      const { lazy, plain } = both(make());
      assert.equal(outcome(source, lazy), outcome(source, plain), `${name}: ${source}`);
    }
  }
});

test('len, iteration, set, sum, min, max, list, a for loop and a generator over a lazy list of primitives stream', () => {
  const streaming = [
    'lambda x: len(x)',
    'lambda x: len(set(x))',
    'lambda x: sum(1 for v in x if v)',
    'lambda x: max(x)',
    'lambda x: min(x, key=lambda v: -len(str(v)))',
    'lambda x: loop_total(x)',
    'lambda x: twice(x)',
    'lambda x: len(list(x))',
    'lambda x: any(v == "absent" for v in x)',
    'lambda x: bool(x)',
    'lambda x: type(x) is list',
  ];
  for (const name of ['lines', 'non-ASCII lines', 'ints', 'ints and floats']) {
    for (const source of streaming) {
      const { lazy, plain } = both(DATA[name]());
      assert.equal(outcome(source, lazy), outcome(source, plain), `${name}: ${source}`);
      assert.ok(isLazyList(lazy), `${name}: ${source} left the list undecoded`);
    }
  }
  const { lazy } = both(DATA.ints());
  assert.equal(outcome('lambda x: sum(x)', lazy), outcome('lambda x: sum(x)', DATA.ints()));
  assert.ok(isLazyList(lazy));
});

test('an index, a repr or a mutation materializes the list once; iterating objects materializes it too', () => {
  for (const source of ['lambda x: x[0]', 'lambda x: repr(x)', 'lambda x: x.append(1)', 'lambda x: x < [""]']) {
    const { lazy } = both(DATA.lines());
    compileCallable(source, MODULE)(lazy);
    assert.ok(!isLazyList(lazy), source);
  }
  const { lazy } = both(DATA.tuples());
  compileCallable('lambda x: len(set(x))', MODULE)(lazy);
  assert.ok(!isLazyList(lazy), 'tuples are objects: Python hands out the same ones each pass');
});

test('a lazy list encodes as its pieces, undecoded, and decodes as the plain list', () => {
  const items = DATA.lines();
  const { lazy } = both(items);
  const bytes = encodeValue(new PyTuple(['k', lazy]));
  assert.ok(isLazyList(lazy));
  assert.deepEqual(decodeValue(bytes), new PyTuple(['k', items]));
  const mixed = both(DATA['strings, then lists']());
  assert.deepEqual(decodeValue(encodeValue(mixed.lazy)), DATA['strings, then lists']());
});
