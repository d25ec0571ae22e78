import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PyDict, PyFloat, makeFloat } from '../../values/py-types.js';
import { pyStr } from '../../values/repr.js';
import type { Frame, FrameMeta, Series, SeriesMeta } from '../frame.js';
import { columnValue, frameMeta } from '../frame.js';
import { PandasError } from '../pandas-error.js';
import { frameJson, runPandas, sameJson, seriesJson } from '../pandas-reference.test-support.js';
import { astypeFrame, astypeFrameMeta, astypeSeries, astypeSeriesMeta } from './astype.js';
import { dropColumns, dropColumnsMeta } from './drop.js';
import { dropna, dropnaMeta } from './dropna.js';
import { fillnaFrame, fillnaFrameMeta, fillnaSeries } from './fillna.js';
import { getitem, getitemMeta } from './getitem.js';
import { seriesIsin, seriesIsinMeta } from './isin.js';
import { seriesMap, seriesMapMeta } from './map.js';
import { renameColumns, renameColumnsMeta } from './rename.js';
import { seriesToFrame, seriesToFrameMeta } from './to-frame.js';

/**
 * The kernels against pandas 1.5.3, case by case in one Python process: values, dtypes, index and errors must agree;
 * each meta function must give the result's schema (or the same error) without the data.
 */

const FRAME: Frame = {
  kind: 'frame',
  names: ['a', 'f', 's', 'n', 'b', 'm'],
  length: 6,
  index: { kind: 'range', start: 10, step: 1, name: null },
  columns: [
    { dtype: 'int64', values: new Float64Array([1, 2, -3, 0, 5, 2]) },
    { dtype: 'float64', values: new Float64Array([1.5, NaN, -2, 0, Infinity, NaN]) },
    { dtype: 'object', codes: new Int32Array([0, 1, 2, 3, 1, 4]), dictionary: ['1', 'x', null, '2', NaN] },
    { dtype: 'object', codes: new Int32Array([0, 1, 2, 3, 4, 5]), dictionary: ['1', '2', ' 3 ', '-4', '1_0', '+5'] },
    { dtype: 'bool', values: new Uint8Array([1, 0, 1, 1, 0, 0]) },
    { dtype: 'object', codes: new Int32Array([0, 1, 2, 3, 4, 5]), dictionary: [1, 2.5, true, 'x', null, 0] },
  ],
};
const FINITE: Frame = { ...FRAME, names: ['a', 'n', 'b'], columns: [FRAME.columns[0], FRAME.columns[3], FRAME.columns[4]] };

const series = (name: string): Series => getitem(FRAME, name) as Series;
const seriesMeta = (name: string): SeriesMeta => getitemMeta(frameMeta(FRAME), name) as SeriesMeta;

/** A case: the pandas code (on `df`), Weft's kernel and its meta function. */
interface Case {
  py: string;
  run: () => Frame | Series;
  meta?: () => FrameMeta | SeriesMeta;
  /** Dask's meta is not the partition's schema here (fake data without missing values). */
  isMetaLoose?: boolean;
}

const cases: Case[] = [];
const add = (py: string, run: Case['run'], meta?: Case['meta'], isMetaLoose = false) => cases.push({ py, run, meta, isMetaLoose });

add("df['a']", () => getitem(FRAME, 'a'), () => getitemMeta(frameMeta(FRAME), 'a'));
add("df[['s', 'a', 's']]", () => getitem(FRAME, ['s', 'a', 's']), () => getitemMeta(frameMeta(FRAME), ['s', 'a', 's']));
add("df['zz']", () => getitem(FRAME, 'zz'), () => getitemMeta(frameMeta(FRAME), 'zz'));
add("df[['a', 'zz']]", () => getitem(FRAME, ['a', 'zz']), () => getitemMeta(frameMeta(FRAME), ['a', 'zz']));
add("df[['zz', 'yy']]", () => getitem(FRAME, ['zz', 'yy']), () => getitemMeta(frameMeta(FRAME), ['zz', 'yy']));

for (const column of FRAME.names as string[]) {
  for (const dtype of ['int64', 'float64', 'bool', 'object', 'str', 'int', 'float']) {
    add(`df['${column}'].astype('${dtype}')`, () => astypeSeries(series(column), dtype), () => astypeSeriesMeta(seriesMeta(column), dtype));
  }
}
add("df.astype('foo')", () => astypeFrame(FRAME, 'foo'), () => astypeFrameMeta(frameMeta(FRAME), 'foo'));
add("df.astype({'a': 'float64', 'b': 'int64'})", () => astypeFrame(FRAME, { a: 'float64', b: 'int64' }), () => astypeFrameMeta(frameMeta(FRAME), { a: 'float64', b: 'int64' }));
add("df.astype({'zz': 'int64'})", () => astypeFrame(FRAME, { zz: 'int64' }), () => astypeFrameMeta(frameMeta(FRAME), { zz: 'int64' }));
add("df[['a', 'n', 'b']].astype('int64')", () => astypeFrame(FINITE, 'int64'), () => astypeFrameMeta(frameMeta(FINITE), 'int64'));

add("df.rename(columns={'a': 'A', 'zz': 'q', 's': 'a'})", () => renameColumns(FRAME, { a: 'A', zz: 'q', s: 'a' }), () => renameColumnsMeta(frameMeta(FRAME), { a: 'A', zz: 'q', s: 'a' }));
add("df.drop(columns=['a', 'm'])", () => dropColumns(FRAME, ['a', 'm']), () => dropColumnsMeta(frameMeta(FRAME), ['a', 'm']));
add("df.drop(columns='zz')", () => dropColumns(FRAME, 'zz'), () => dropColumnsMeta(frameMeta(FRAME), 'zz'));
add("df.drop(columns=['s', 'zz', 'yy'])", () => dropColumns(FRAME, ['s', 'zz', 'yy']), () => dropColumnsMeta(frameMeta(FRAME), ['s', 'zz', 'yy']));

for (const [py, options] of [
  ['', {}],
  ["subset=['f']", { subset: ['f'] }],
  ["subset=['s']", { subset: ['s'] }],
  ["subset=['f', 's'], how='all'", { subset: ['f', 's'], how: 'all' }],
  ["subset=['a', 'b']", { subset: ['a', 'b'] }],
  ["how='all'", { how: 'all' }],
  ["subset=['zz']", { subset: ['zz'] }],
  ["how='foo'", { how: 'foo' }],
] as const) {
  add(`df.dropna(${py})`, () => dropna(FRAME, options), () => dropnaMeta(frameMeta(FRAME), options), true);
}

for (const [py, value] of [
  ['0', 0],
  ['2.5', 2.5],
  ["'x'", 'x'],
  ['True', true],
  ["{'f': 9, 's': 'q', 'zz': 1}", PyDict.fromPairs([['f', 9], ['s', 'q'], ['zz', 1]])],
  ['None', null],
  ['[1]', [1]],
] as const) {
  add(`df.fillna(${py})`, () => fillnaFrame(FRAME, value), () => fillnaFrameMeta(frameMeta(FRAME), value), true);
  if (!(value instanceof PyDict)) add(`df['f'].fillna(${py})`, () => fillnaSeries(series('f'), value), undefined);
}

for (const column of FRAME.names as string[]) {
  add(`df['${column}'].isin([1, 'x', None])`, () => seriesIsin(series(column), [1, 'x', null]), () => seriesIsinMeta(seriesMeta(column), [1, 'x', null]));
  add(`df['${column}'].isin([2.5, True, float('nan')])`, () => seriesIsin(series(column), [2.5, true, NaN]), () => seriesIsinMeta(seriesMeta(column), [2.5, true, NaN]));
}
add("df['a'].isin(1)", () => seriesIsin(series('a'), 1), () => seriesIsinMeta(seriesMeta('a'), 1));
add("df['a'].isin('1')", () => seriesIsin(series('a'), '1'), () => seriesIsinMeta(seriesMeta('a'), '1'));

const dicts: Array<[string, PyDict]> = [
  ['{1: 10, 2: 20}', PyDict.fromPairs([[1, 10], [2, 20]])],
  ['{1: 10, 2: 20, -3: 1, 0: 0, 5: 7}', PyDict.fromPairs([[1, 10], [2, 20], [-3, 1], [0, 0], [5, 7]])],
  ["{1: 'one', 2: 'two'}", PyDict.fromPairs([[1, 'one'], [2, 'two']])],
  ['{1: True}', PyDict.fromPairs([[1, true]])],
  ['{True: 1, False: 0}', PyDict.fromPairs([[true, 1], [false, 0]])],
  ["{1: 'x', 0: 'y'}", PyDict.fromPairs([[1, 'x'], [0, 'y']])],
  ["{'x': 1, 1: 'one', True: 't'}", PyDict.fromPairs([['x', 1], [1, 't']])],
  ['{1: None, 2: 2, 1.5: 2.5}', PyDict.fromPairs([[1, null], [2, 2], [1.5, 2.5]])],
  ["{float('nan'): 'n', 1.5: 'a', None: 'none'}", PyDict.fromPairs([[NaN, 'n'], [1.5, 'a'], [null, 'none']])],
  ['{}', new PyDict()],
];
for (const column of FRAME.names as string[]) {
  for (const [py, dict] of dicts) add(`df['${column}'].map(${py})`, () => seriesMap(series(column), dict), () => seriesMapMeta(seriesMeta(column), dict), true);
}
const functions: Array<[string, string, (v: unknown) => unknown]> = [
  ['a', 'lambda v: v * 1.5', (v) => makeFloat((v as number) * 1.5)],
  ['a', 'lambda v: None if v == 1 else v', (v) => (v === 1 ? null : v)],
  ['a', 'lambda v: None if v == 1 else True', (v) => (v === 1 ? null : true)],
  ['a', 'lambda v: 1 if v == 1 else 2.5', (v) => (v === 1 ? 1 : 2.5)],
  ['a', 'lambda v: v > 1', (v) => (v as number) > 1],
  ['f', 'lambda v: str(v)', (v) => pyStr(v)],
  ['s', 'lambda v: v', (v) => v],
  ['b', 'lambda v: 1 if v else 0', (v) => (v ? 1 : 0)],
  ['f', 'lambda v: v', (v) => v],
];
for (const [column, py, f] of functions) add(`df['${column}'].map(${py})`, () => seriesMap(series(column), f), () => seriesMapMeta(seriesMeta(column), f), true);

add("df['a'].to_frame()", () => seriesToFrame(series('a')), () => seriesToFrameMeta(seriesMeta('a')));
add("df['a'].rename(None).to_frame()", () => seriesToFrame({ ...series('a'), name: null }), () => seriesToFrameMeta({ ...seriesMeta('a'), name: null }));
add("df['s'].to_frame('t')", () => seriesToFrame(series('s'), 't'), () => seriesToFrameMeta(seriesMeta('s'), 't'));

const SCRIPT = String.raw`
inp = json.load(sys.stdin)
df = to_pandas(inp['frame'])
print(json.dumps([outcome(lambda: eval(code)) for code in inp['cases']]))
`;

type Outcome = { ok?: { kind: string; dtype?: string; dtypes?: string[]; names?: unknown[]; name?: unknown }; error?: string; message?: string };

function weft(run: () => Frame | Series): Outcome {
  try {
    const r = run();
    return { ok: r.kind === 'frame' ? frameJson(r) : seriesJson(r) } as Outcome;
  } catch (error) {
    if (error instanceof PandasError) return { error: error.pyType, message: error.pyMessage };
    throw error;
  }
}

function schemaOf(m: FrameMeta | SeriesMeta): unknown {
  return m.kind === 'frame' ? { names: m.columns.map((c) => c.name), dtypes: m.columns.map((c) => c.dtype) } : { name: m.name, dtype: m.dtype };
}

test('kernels agree with pandas, and their metas with the results', () => {
  const expected = runPandas<Outcome[]>(SCRIPT, { frame: frameJson(FRAME), cases: cases.map((c) => c.py) });
  const mismatches: string[] = [];
  cases.forEach((c, k) => {
    const want = expected[k];
    const got = weft(c.run);
    const agree = want.error !== undefined ? got.error === want.error && got.message === want.message : sameJson(got.ok, want.ok);
    if (!agree) mismatches.push(`${c.py}: pandas ${JSON.stringify(want).slice(0, 300)}; weft ${JSON.stringify(got).slice(0, 300)}`);
    if (!c.meta) return;
    let meta: FrameMeta | SeriesMeta | null = null;
    let metaError: PandasError | null = null;
    try {
      meta = c.meta();
    } catch (error) {
      if (!(error instanceof PandasError)) throw error;
      metaError = error;
    }
    if (metaError) {
      // A meta error is a schema error: pandas must fail the same way (data errors are the kernel's alone).
      const isWrapped = c.isMetaLoose && want.error !== undefined && metaError.pyMessage.startsWith('Metadata inference failed');
      if (!isWrapped && (want.error !== metaError.pyType || want.message !== metaError.pyMessage)) mismatches.push(`${c.py}: meta raised ${metaError.message}`);
    } else if (want.ok && !c.isMetaLoose) {
      const actual = want.ok.kind === 'frame' ? { names: want.ok.names, dtypes: want.ok.dtypes } : { name: want.ok.name, dtype: want.ok.dtype };
      if (!sameJson(schemaOf(meta as FrameMeta), actual)) mismatches.push(`${c.py}: meta ${JSON.stringify(schemaOf(meta as FrameMeta))} vs ${JSON.stringify(actual)}`);
    }
  });
  assert.deepEqual(mismatches, []);
  assert.ok(expected.filter((e) => e.error).length > 10 && expected.filter((e) => e.ok).length > 100);
});

test('the values a mapping function receives are the engine Python values: ints, floats (boxed when integral), bools', () => {
  const seen: unknown[] = [];
  seriesMap(series('f'), (v) => seen.push(v));
  assert.ok(seen[0] === 1.5 && seen[3] instanceof PyFloat && Number.isNaN(seen[1]));
  const bools: unknown[] = [];
  seriesMap(series('b'), (v) => bools.push(v));
  assert.deepEqual(bools, [true, false, true, true, false, false]);
  assert.equal(columnValue(seriesMap(series('s'), (v) => v).column, 2), null);
});

test("Series.map of an empty partition has pandas' dtype (object, where pd.DataFrame of no values is float64)", () => {
  const dtypes = ['int64', 'float64', 'bool', 'object'] as const;
  const expected = runPandas<string[]>(
    `print(json.dumps([str(pd.Series([], dtype=d).map(lambda v: v).dtype) for d in json.load(sys.stdin)]))`,
    dtypes,
  );
  const empty = (dtype: (typeof dtypes)[number]): Series => ({
    kind: 'series',
    name: 'x',
    column: dtype === 'object' ? { dtype, codes: new Int32Array(0), dictionary: [] } : dtype === 'bool' ? { dtype, values: new Uint8Array(0) } : { dtype, values: new Float64Array(0) },
    index: { kind: 'range', start: 0, step: 1, name: null },
    length: 0,
  });
  assert.deepEqual(dtypes.map((d) => seriesMap(empty(d), (v) => v).column.dtype), expected);
});
