import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeListChunks, decodeValue, encodeValue, encodeValueSegments, ListEncoder } from './codec.js';
import { concatSegments } from './segments.js';
import { PyDict, PyFloat, PyFrozenSet, PySet, PyTuple } from './py-types.js';
import { NO_RESULT } from './no-result.js';
import { toJsonText } from './json.js';
import { formatFloat } from './float-format.js';

test('every Python type survives encoding, including the ones structured clone would flatten', () => {
  const value = [
    null,
    true,
    false,
    0,
    -7,
    2 ** 53 - 1,
    1.5,
    new PyFloat(2),
    new PyFloat(-0),
    NaN,
    'ascii',
    'ünïcødé ✓ 🧵',
    '',
    new PyTuple(['tag', [1, 2]]),
    PyDict.fromPairs([
      ['a', 1],
      [new PyTuple([1, 2]), 'pair'],
    ]),
    new PySet([1, 'x']),
    new PyFrozenSet([3]),
    NO_RESULT,
  ];
  const back = decodeValue(encodeValue(value)) as unknown[];
  assert.equal(back.length, value.length);
  assert.equal(toJsonText(back), toJsonText(value));
  assert.ok(back[13] instanceof PyTuple);
  assert.ok(back[14] instanceof PyDict && (back[14] as PyDict).get(new PyTuple([1, 2])) === 'pair');
  assert.ok(back[7] instanceof PyFloat);
  assert.ok(Object.is((back[8] as PyFloat).value, -0));
  assert.ok(back[16] instanceof PyFrozenSet);
  assert.equal(back[17], NO_RESULT);
});

test("floats print with Python's repr", () => {
  const cases: Array<[number, string]> = [
    [2, '2.0'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [1.5e-4, '0.00015'],
    [1e16, '1e+16'],
    [123456789012345.6, '123456789012345.6'],
    [-0, '-0.0'],
    [Infinity, 'inf'],
    [1 / 3, '0.3333333333333333'],
  ];
  for (const [n, text] of cases) assert.equal(formatFloat(n), text, String(n));
});

test('results print as JSON with tuples as arrays and integral floats kept as floats', () => {
  assert.equal(toJsonText({ n: 3, mean: new PyFloat(2), pairs: [new PyTuple(['a', 1])], d: PyDict.fromPairs([[1, 'x']]) }), '{"n": 3, "mean": 2.0, "pairs": [["a", 1]], "d": [[1, "x"]]}');
});

test('a list encoded element by element decodes as the same list, whole or a chunk at a time', () => {
  const items: unknown[] = [];
  for (let i = 0; i < 2500; i++) items.push(i % 3 === 0 ? ['a'.repeat(i % 200), 'b'.repeat(20000), ''] : new PyTuple([i, `x${i}`]));
  const encoder = new ListEncoder();
  for (const item of items) encoder.push(item);
  const bytes = Buffer.concat(encoder.finish());
  assert.equal(toJsonText(decodeValue(bytes)), toJsonText(items));
  const chunks = [...decodeListChunks(bytes)];
  assert.ok(chunks.length > 1, 'more than one chunk');
  assert.equal(toJsonText(chunks.flat()), toJsonText(items));
  // A plain list streams in chunks too.
  assert.equal(toJsonText([...decodeListChunks(encodeValue(items))].flat()), toJsonText(items));
});

test('ASCII lines appended as bytes decode as those lines, in order with elements pushed around them', () => {
  const lines = Array.from({ length: 2600 }, (_, i) => `${'w'.repeat(i % 300)},${i}\n`);
  const chunk = Buffer.from('ignored' + lines.join(''));
  const ends = new Int32Array(lines.length);
  for (let i = 0, at = 'ignored'.length; i < lines.length; i++) ends[i] = at += lines[i].length;
  const encoder = new ListEncoder();
  encoder.push(new PyTuple([1, 'before']));
  // Lines 3 to 2499 of the chunk (more than one StrList), then an element, then the first three lines.
  encoder.pushAsciiLines(chunk, 'ignored'.length, ends, 3, 2500);
  encoder.push('between');
  encoder.pushAsciiLines(chunk, 'ignored'.length, ends, 0, 3);
  const expected = [new PyTuple([1, 'before']), ...lines.slice(3, 2500), 'between', ...lines.slice(0, 3)];
  const bytes = Buffer.concat(encoder.finish());
  assert.equal(toJsonText(decodeValue(bytes)), toJsonText(expected));
  assert.equal(toJsonText([...decodeListChunks(bytes)].flat()), toJsonText(expected));
});

test('an empty list encoded element by element is an empty list', () => {
  const bytes = Buffer.concat(new ListEncoder().finish());
  assert.deepEqual(decodeValue(bytes), []);
  assert.deepEqual([...decodeListChunks(bytes)].flat(), []);
});

test('string lists keep strings of every length, including ones whose length needs several varint bytes', () => {
  const strings = ['', 'é', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(16384), '🧵'.repeat(70000)];
  assert.deepEqual(decodeValue(encodeValue(strings)), strings);
});

test('a value that is not data names its Python type when it cannot leave a task (issue 10, items 11 and 19)', async () => {
  const { compileCallable, compileModule, PyException } = await import('../expr/index.js');
  const module = compileModule('def g():\n    yield 1\n');
  const cases: Array<[unknown, RegExp]> = [
    [compileCallable('lambda x: x', module), /holds a function \(<lambda>\), which cannot leave its task/],
    [[1, compileCallable('len', module)], /holds a builtin function \(len\)/],
    [new PyTuple([compileCallable('int', module)]), /holds a type \(int\)/],
    [compileCallable('g', module)(), /holds a generator \(g\)/],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => encodeValue(value), (e: unknown) => e instanceof PyException && e.pyType === 'TypeError' && message.test(e.pyMessage));
    const encoder = new ListEncoder();
    encoder.push(value);
    assert.throws(() => encoder.finish(), (e: unknown) => e instanceof PyException && message.test(e.pyMessage));
  }
});

test('a list containing itself, or nested past the stack, is a RecursionError rather than a stack overflow', async () => {
  const { PyException } = await import('../expr/index.js');
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  let deep: unknown[] = [];
  for (let i = 0; i < 1_000_000; i++) deep = [deep];
  for (const value of [cyclic, deep]) {
    assert.throws(() => encodeValue(value), (e: unknown) => e instanceof PyException && e.pyType === 'RecursionError' && /cannot|moving a result/.test(e.pyMessage));
  }
});

test("a frame anywhere in an encoding decodes as views of the encoding's buffer, not a copy, when it starts 8-aligned", () => {
  const frame = {
    kind: 'frame' as const,
    names: ['a', 'b'],
    columns: [{ dtype: 'float64' as const, values: Float64Array.from([1.5, 2, NaN]) }, { dtype: 'object' as const, codes: Int32Array.from([0, 1, 0]), dictionary: ['x', 'y'] }],
    index: { kind: 'range' as const, start: 0, step: 1, name: null },
    length: 3,
  };
  // Odd-sized values before the frame, in a plain encoding and in one written element by element.
  const encoder = new ListEncoder();
  for (const element of ['abc', 7, frame]) encoder.push(element);
  for (const segments of [encodeValueSegments(['abc', 7, frame]), encoder.finish()]) {
    const shared = new Uint8Array(new SharedArrayBuffer(segments.reduce((n, s) => n + s.byteLength, 0)));
    shared.set(concatSegments(segments));
    const decoded = decodeValue(shared) as [string, number, typeof frame];
    assert.deepStrictEqual(decoded, ['abc', 7, frame]);
    assert.equal((decoded[2].columns[0] as { values: Float64Array }).values.buffer, shared.buffer);
    // The column buffers were not copied into the segments either.
    assert.ok(segments.some((s) => s.buffer === frame.columns[0].values?.buffer));
  }
});
