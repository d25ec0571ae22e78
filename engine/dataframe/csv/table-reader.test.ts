import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WeftError } from '../../errors.js';
import type { Frame } from '../frame.js';
import { csvOptions, effectiveHeader, type ReadCsvParams } from './csv-options.js';
import { type CsvCase, encodeFrame, hasDask, runReference } from './dask-csv-harness.test-support.js';
import { bufferLines, mangleNames, readTable } from './table-reader.js';
import { randomSource } from '../random-frames.test-support.js';

/**
 * The tokenizer and pandas' inference against `pd.read_csv` itself (pandas 1.5.3): floats bit for bit, low_memory
 * chunks typed apart, forced dtypes' errors, quoting and blank-line edge cases.
 */

function digits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
}

/** Decimal texts pandas' precise_xstrtod does not always round correctly: long mantissas, far exponents. */
function trickyFloats(count: number, seed: number): string[] {
  const r = randomSource(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const whole = digits(r, Math.floor(r() * 12));
    const frac = digits(r, Math.floor(r() * 14));
    const sign = r() < 0.3 ? '-' : r() < 0.1 ? '+' : '';
    const exp = r() < 0.4 ? `e${Math.floor(r() * 600) - 310}` : r() < 0.1 ? `E+${Math.floor(r() * 20)}` : '';
    const body = frac === '' ? (whole === '' ? '0' : whole) : `${whole}.${frac}`;
    out.push(sign + body + exp);
  }
  return out;
}

/** Subnormals, the extremes of the exponent table, 17+ digits, odd spellings. */
const EDGE_FLOATS = [
  '4.9e-324', '2.2250738585072011e-308', '2.2250738585072014e-308', '1e-308', '1e-309', '1e-400', '1e-616', '1e-617', '0e500',
  '1.7976931348623157e308', '1.7976931348623159e308', '9007199254740993.0', '123456789012345678901234',
  '0.1000000000000000055511151231257827', '1e', '1e+', '.e1', '1.e1', ' 7.5 ', '+.5', '-.5e-1', '1_000', '0x10', 'Infinity', '+INF', '-iNf', '1.#INF',
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-table-reader-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

function weftRead(p: string, params: ReadCsvParams): unknown {
  const options = csvOptions(params);
  try {
    const table = readTable(fs.readFileSync(p), { options, header: effectiveHeader(options.header, options.names) });
    const frame: Frame = {
      kind: 'frame',
      names: table.names,
      columns: table.columns,
      index: table.length === 0 ? { kind: 'labels', levels: [], names: [] } : { kind: 'range', start: 0, step: 1, name: null },
      length: table.length,
    };
    return { npartitions: 1, meta: { columns: [], dtypes: [] }, partitions: [encodeFrame(frame)] };
  } catch (e) {
    if (e instanceof WeftError) return { error: e.message };
    throw e;
  }
}

test('pd.read_csv on Weft: values, dtypes and errors equal pandas\'', (t) => {
  if (!hasDask()) {
    if (process.env.CI === 'true') assert.fail('pandas is required under CI');
    t.skip('needs Debian python3 with pandas');
    return;
  }
  const floats = trickyFloats(3000, 11);
  // Under this width pandas types rows in chunks of 256: a column can be int64 in one and text in another.
  const width = 2100;
  assert.equal(bufferLines(width), 256);
  const chunkRows: string[] = [Array.from({ length: width }, (_, i) => `c${i}`).join(',')];
  for (let row = 0; row < 600; row++) {
    const cells = new Array(width).fill('0');
    cells[0] = row === 400 ? 'x' : String(row);
    cells[1] = row === 300 ? '' : String(row);
    cells[2] = row < 256 ? (row % 2 ? 'True' : 'False') : String(row % 3);
    cells[3] = row === 520 ? 'maybe' : row % 2 ? 'True' : 'false';
    cells[4] = row < 256 ? '1.5' : 'abc';
    chunkRows.push(cells.join(','));
  }
  const files = {
    floats: file('floats.csv', 'f\n' + floats.join('\n') + '\n'),
    floatsNa: file('floats-na.csv', 'f,g\n' + floats.map((f, i) => `${f},${i % 7 ? String(i) : 'NA'}`).join('\n') + '\n'),
    overflow: file('overflow.csv', 'a,b,c\n1e400,1e308,inf\n2,-1e-400,-inf\n'),
    // One edge per column: an overflow makes only its own column object.
    edges: file('edges.csv', EDGE_FLOATS.map((_, i) => `e${i}`).join(',') + '\n' + EDGE_FLOATS.join(',') + '\n' + EDGE_FLOATS.map(() => '1').join(',') + '\n'),
    chunks: file('chunks.csv', chunkRows.join('\n') + '\n'),
    quotes: file('quotes.csv', '\ufeffa,"b ""x""",c\n"1"2,"x,y",\n  \n\t\n"a""b" ,"",NA\n3,"multi\nline","q"\n'),
    eof: file('eof.csv', 'a,b\n1,"open\n2,3\n'),
    blankHeader: file('blank-header.csv', '\n\nskip,me\na,b\n1,2\n'),
    spaces: file('spaces.csv', 'a b c\n1 2 3\n'),
    ints: file('ints.csv', 'a,b,c,d\n 12 ,+3,-0,1.0\n4,5,6,7\n'),
    forced: file('forced.csv', 'i,f,b,s,n\n1,1.5,1,x,1\n2,2.0,0,y,\n'),
  };
  const cases: Array<[string, ReadCsvParams]> = [
    [files.floats, {}],
    [files.floatsNa, {}],
    [files.overflow, {}],
    [files.edges, {}],
    [files.chunks, { usecols: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'] }],
    [files.quotes, {}],
    [files.eof, {}],
    [files.blankHeader, { header: 1 }],
    [files.spaces, { sep: ' ' }],
    [files.ints, {}],
    [files.forced, { dtype: { i: 'int64', f: 'float64', b: 'bool', s: 'str' } }],
    [files.forced, { dtype: { f: 'int64' } }],
    [files.forced, { dtype: { s: 'int64' } }],
    [files.forced, { dtype: { s: 'float64' } }],
    [files.forced, { dtype: { n: 'int64' } }],
    [files.forced, { dtype: { f: 'bool' } }],
    [files.forced, { dtype: { n: 'bool' } }],
    [files.forced, { dtype: 'float64', usecols: ['i', 'f', 'b'] }],
    [files.forced, { names: ['p', 'q'], usecols: [1, 3] }],
    [files.forced, { names: ['p', 'q', 'r', 's', 't'], usecols: ['t', 'p'], header: 0 }],
  ];
  const reference = runReference(cases.map(([p, params]): CsvCase => ({ kind: 'pandas', paths: [p], params })));
  for (let i = 0; i < cases.length; i++) {
    assert.deepEqual(weftRead(...cases[i]), reference[i], `case ${i}: ${path.basename(cases[i][0])} ${JSON.stringify(cases[i][1])}`);
  }
  // The chunk case must really mix types inside a column, as pandas' low_memory reader does.
  const chunked = JSON.stringify(reference[cases.findIndex(([p]) => p === files.chunks)]);
  assert.match(chunked, /\["int",0\]/);
  assert.match(chunked, /\["str","x"\]/);
  // Some tricky float must differ from JavaScript's correctly rounded Number(text), or the test shows nothing.
  const values = ((reference[0] as { partitions: Array<{ data: unknown[][] }> }).partitions[0].data[0]) as number[];
  assert.ok(values.some((v, i) => typeof v === 'number' && v !== Number(floats[i])), 'no float where precise_xstrtod and correct rounding differ');
});

test('mangleNames dedupes as pandas does', () => {
  assert.deepEqual(mangleNames(['a', 'a', '', 'a.1', 'a']), ['a', 'a.1', 'Unnamed: 2', 'a.1.1', 'a.2']);
});
