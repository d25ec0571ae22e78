import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column, DType, Frame, Index, Label, Series } from './frame.js';
import { frameRepr, seriesRepr } from './frame-repr.js';
import { objectColumn } from './frame-from-values.js';
import { formatExponent, formatFixed } from './python-number-format.js';
import { PyDict, PyFloat, PySet, PyTuple } from '../values/py-types.js';
import { once, pandasLiteral, pythonLiteral, runPythonExpressions } from '../../test/support/pandas-frames.js';
import { randomSource } from './random-frames.test-support.js';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const WORDS = ['a', 'tcp', 'normal.', 'smurf.', 'Zürich', 'naïve café', '東京', '🧵 thread', 'tab\there', 'line\nbreak', '', ' padded ', "it's", 'x'.repeat(60), 'a long-ish value of 47 characters, just under!!'];

/** Float generators by magnitude: the scientific switch depends on the extremes of a column. */
const FLOAT_STYLES: Array<(r: Rand) => number> = [
  (r) => int(r, -50, 50) / 4,
  (r) => (r() - 0.5) * 1000,
  (r) => r() * 1e7,
  (r) => r() * 1e-7,
  (r) => (r() - 0.5) * 1e12,
  (r) => int(r, 0, 5),
  (r) => pick(r, [0.1, 0.25, 1 / 3, 2 / 3, 1e-5, 123456.789, -0.5, 0.0078125, 1e6, 1e6 + 0.5, 999999.9999999]),
  (r) => Math.round(r() * 1e6) / 1e6,
];

function floatValues(r: Rand, n: number): Float64Array {
  const style = pick(r, FLOAT_STYLES);
  const nanRate = pick(r, [0, 0, 0.2, 1]);
  return Float64Array.from({ length: n }, () => {
    if (r() < nanRate) return NaN;
    if (r() < 0.02) return pick(r, [Infinity, -Infinity, -0]);
    return style(r);
  });
}

function objectValues(r: Rand, n: number): unknown[] {
  const kind = pick(r, ['words', 'words', 'mixed', 'none']);
  return Array.from({ length: n }, () => {
    if (kind === 'none' && r() < 0.3) return null;
    if (kind !== 'mixed') return pick(r, WORDS);
    return pick(r, [() => pick(r, WORDS), () => int(r, -100, 100), () => 2.5, () => new PyFloat(3), () => null, () => NaN, () => true, () => new PyTuple([1, 'b']), () => [1, 'x'], () => PyDict.fromPairs([['k', 'v\tw'], [2, [3]]]), () => new PySet(['only'])])();
  });
}

function column(r: Rand, dtype: DType, n: number): Column {
  switch (dtype) {
    case 'int64':
      return { dtype, values: Float64Array.from({ length: n }, () => int(r, -1, 1) * int(r, 0, pick(r, [9, 1000, 10 ** 9, 2 ** 52]))) };
    case 'float64':
      return { dtype, values: floatValues(r, n) };
    case 'bool':
      return { dtype, values: Uint8Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0)) };
    case 'object':
      return objectColumn(objectValues(r, n));
  }
}

function index(r: Rand, n: number): Index {
  const kind = pick(r, ['range', 'range', 'named range', 'ints', 'floats', 'strings', 'multi', 'multi named']);
  const name = (): Label | null => pick(r, [null, 'key', 'a name', 0, 'an index name that is longer than fifty characters, much longer']);
  switch (kind) {
    case 'range':
      return { kind: 'range', start: pick(r, [0, 0, 5, -3, 1000]), step: pick(r, [1, 1, 2]), name: null };
    case 'named range':
      return { kind: 'range', start: 0, step: 1, name: name() };
    case 'ints':
      return { kind: 'labels', levels: [column(r, 'int64', n)], names: [name()] };
    case 'floats':
      return { kind: 'labels', levels: [column(r, 'float64', n)], names: [name()] };
    case 'strings':
      return { kind: 'labels', levels: [objectColumn(Array.from({ length: n }, () => pick(r, WORDS.slice(0, 8))))], names: [name()] };
    default: {
      // Few distinct, sorted outer labels, so sparsification has runs to blank.
      const outer = Array.from({ length: n }, () => pick(r, ['tcp', 'udp', 'icmp'])).sort();
      const inner: Column = pick(r, ['int64', 'float64', 'object'] as const) === 'object' ? objectColumn(Array.from({ length: n }, () => pick(r, ['http', 'ftp', null]))) : column(r, pick(r, ['int64', 'float64']), n);
      const names: Array<Label | null> = kind === 'multi' ? [null, null] : ['protocol', pick(r, ['service', null])];
      return { kind: 'labels', levels: [objectColumn(outer), inner], names };
    }
  }
}

function frame(r: Rand): Frame {
  const length = pick(r, [0, 1, 2, 3, 5, 10, 59, 60, 61, 100, 150]);
  const width = pick(r, [0, 1, 2, 3, 4, 6, 8, 12, 20, 30, 85]);
  const intLabels = r() < 0.15;
  const names: Label[] = Array.from({ length: width }, (_, i) => (intLabels ? i : pick(r, ['c', 'value', 'src_bytes', 'a_rather_long_column_name', 'ü', 'a column label longer than the fifty characters of max_colwidth']) + i));
  const columns = names.map(() => column(r, pick(r, ['int64', 'float64', 'float64', 'bool', 'object']), length));
  return { kind: 'frame', names, columns, index: index(r, length), length };
}

function series(r: Rand): Series {
  const length = pick(r, [0, 1, 3, 10, 60, 61, 150]);
  return { kind: 'series', name: pick(r, [null, 'x', 'count', 0, 'tab\tname']), column: column(r, pick(r, ['int64', 'float64', 'float64', 'bool', 'object']), length), index: index(r, length), length };
}

const RANDOM_FRAMES = ((r) => Array.from({ length: 100 }, () => frame(r)))(randomSource(11));
const RANDOM_SERIES = ((r) => Array.from({ length: 80 }, () => series(r)))(randomSource(12));

const columnOf = (values: number[]): Frame => ({ kind: 'frame', names: ['x'], columns: [{ dtype: 'float64', values: Float64Array.from(values) }], index: { kind: 'range', start: 0, step: 1, name: null }, length: values.length });
const MAGNITUDES = [
  columnOf([1e-6, 1]),
  columnOf([9.99e-7, 1]),
  columnOf([1e6, 1]),
  columnOf([1000000.5, 1]),
  columnOf([1234567.25, 0.5]),
  columnOf([123456.7, 0.001]),
  columnOf([0, -0, NaN]),
  columnOf([1.5, 1.25, 1.125]),
  columnOf([1e20, 1]),
  columnOf([-1e-10, 2]),
  columnOf([Infinity, 1.5]),
  columnOf([0.0078125, 0.5]),
];

const WIDE = ((r: Rand) => {
  const wide = (n: number, width: number): Frame => {
    const length = pick(r, [3, 100]);
    const names = Array.from({ length: n }, (_, i) => 'c'.repeat(width) + i);
    return { kind: 'frame', names, columns: names.map(() => column(r, 'float64', length)), index: { kind: 'range', start: 0, step: 1, name: null }, length };
  };
  return [wide(5, 8), wide(6, 8), wide(7, 8), wide(8, 9), wide(9, 1), wide(15, 2), wide(81, 1), wide(100, 3), wide(2, 60), wide(3, 60)];
})(randomSource(13));

const intColumn: Column = { dtype: 'int64', values: Float64Array.from([1, 2, 3]) };
const labelled = (level: Column, name: Label | null = null): Frame => ({ kind: 'frame', names: ['a', 'b'], columns: [intColumn, objectColumn([1.5, null, 'x'])], index: { kind: 'labels', levels: [level], names: [name] }, length: 3 });
const rangeIndex = { kind: 'range' as const, start: 0, step: 1, name: null };
const EDGES: Array<Frame | Series> = [
  labelled({ dtype: 'bool', values: Uint8Array.from([1, 0, 1]) }),
  labelled(objectColumn([1.5, null, 2.25])),
  labelled(objectColumn([1, null, 2])),
  labelled(objectColumn([1, 2.5, 'a'])),
  labelled(objectColumn([new PyFloat(1), 2.5, NaN])),
  labelled({ dtype: 'float64', values: Float64Array.from([NaN, 1e-9, 3]) }, 'f'),
  { kind: 'series', name: 1.5, column: { dtype: 'bool', values: Uint8Array.from([1, 0, 1]) }, index: { kind: 'labels', levels: [{ dtype: 'bool', values: Uint8Array.from([1, 0, 1]) }], names: ['b'] }, length: 3 },
  { kind: 'frame', names: ['a', 'a', 'b'], columns: [intColumn, { dtype: 'float64', values: Float64Array.from([1, 2, 3]) }, intColumn], index: rangeIndex, length: 3 },
  { kind: 'frame', names: [1.5, 2, 'x'], columns: [intColumn, intColumn, intColumn], index: rangeIndex, length: 3 },
  { kind: 'frame', names: [0.5, 2], columns: [intColumn, intColumn], index: rangeIndex, length: 3 },
];

const FLOATS = [0.0078125, 0.5, 2.5, 1.25, 1e-7, 123456789.123456789, 5e-324, 1.7976931348623157e308, -0, 0.125, 1e22, 9.9999995e-7];

const reprsOf = (values: Array<Frame | Series>): string => '[repr(v) for v in [\n' + values.map((v) => '    ' + pandasLiteral(v)).join(',\n') + '\n]]';

/** Every expectation of this file, from one Python process. */
const WIDER_TERMINAL = `
import os
def with_columns(n, f):
    os.environ['COLUMNS'] = str(n)
    try:
        return f()
    finally:
        del os.environ['COLUMNS']
`;

const reference = once(() =>
  runPythonExpressions(WIDER_TERMINAL, {
    frames: reprsOf(RANDOM_FRAMES),
    series: reprsOf(RANDOM_SERIES),
    magnitudes: reprsOf(MAGNITUDES),
    wide: reprsOf(WIDE),
    edges: reprsOf(EDGES),
    wider: `with_columns(132, lambda: ${reprsOf(WIDE)})`,
    floats: `[[format(x, ' .6f'), format(x, ' .6e'), format(x, '.0f'), format(x, '.2e')] for x in [${FLOATS.map(pythonLiteral).join(', ')}]]`,
  }),
);

function compareWithPandas(values: Array<Frame | Series>, expected: unknown): void {
  values.forEach((value, i) => {
    const actual = value.kind === 'frame' ? frameRepr(value) : seriesRepr(value);
    assert.equal(actual, (expected as string[])[i], `case ${i}:\n${pandasLiteral(value).slice(0, 4000)}`);
  });
}

test('random frames print as pandas prints them: shapes, dtypes, indexes, truncation and the fit to 80 columns', () => {
  compareWithPandas(RANDOM_FRAMES, reference().frames);
});

test('random series print as pandas prints them, footer and all', () => {
  compareWithPandas(RANDOM_SERIES, reference().series);
});

test('a float column switches to scientific notation exactly where pandas does', () => {
  compareWithPandas(MAGNITUDES, reference().magnitudes);
});

test('wide frames keep as many columns as fit 79 characters, half on each side of the "..." column', () => {
  compareWithPandas(WIDE, reference().wide);
});

test('bool and object indexes, float and mixed column labels, duplicate names print as pandas prints them', () => {
  compareWithPandas(EDGES, reference().edges);
});

test('Python float formatting rounds exact ties to even, as format() does', () => {
  const expected = reference().floats as string[][];
  FLOATS.forEach((x, i) => {
    assert.deepEqual([formatFixed(x, 6), formatExponent(x, 6), formatFixed(x, 0, false), formatExponent(x, 2, false)], expected[i], String(x));
  });
});

test("a wider terminal keeps more columns, as pandas reading COLUMNS does", () => {
  const expected = reference().wider as string[];
  WIDE.forEach((f, i) => assert.equal(frameRepr(f as Frame, { terminalWidth: 132 }), expected[i], `case ${i}`));
});
