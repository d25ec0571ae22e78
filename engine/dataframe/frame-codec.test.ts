import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Series } from './frame.js';
import { decodeFrame, encodeFrame, encodeFrameSegments, estimateFrameSize, frameTransferList, isEncodedFrame } from './frame-codec.js';
import { objectColumn } from './frame-from-values.js';
import { encodeValue } from '../values/codec.js';
import { PyFloat, PyTuple } from '../values/py-types.js';

const range = { kind: 'range' as const, start: 0, step: 1, name: null };

const mixed: Frame = {
  kind: 'frame',
  names: ['n', 'x', 'ok', 'text', 7],
  columns: [
    { dtype: 'int64', values: Float64Array.from([1, -2, 2 ** 53 - 1]) },
    { dtype: 'float64', values: Float64Array.from([1.5, NaN, -0]) },
    { dtype: 'bool', values: Uint8Array.from([1, 0, 1]) },
    objectColumn(['ünïcødé 🧵', null, NaN]),
    objectColumn([new PyFloat(2), new PyTuple([1, 'a']), 'tcp']),
  ],
  index: { kind: 'labels', levels: [objectColumn(['tcp', 'tcp', 'udp']), { dtype: 'float64', values: Float64Array.from([0.5, NaN, 2]) }], names: ['protocol', null] },
  length: 3,
};

const cases: Array<[string, Frame | Series]> = [
  ['every dtype, a MultiIndex, NaN, None, unicode and Python types in a dictionary', mixed],
  ['an empty frame with columns', { kind: 'frame', names: ['a', 'b'], columns: [{ dtype: 'int64', values: new Float64Array(0) }, objectColumn([])], index: range, length: 0 }],
  ['a frame without columns', { kind: 'frame', names: [], columns: [], index: { kind: 'range', start: 10, step: -2, name: 'i' }, length: 4 }],
  ['a series with a labelled index', { kind: 'series', name: 'count', column: { dtype: 'int64', values: Float64Array.from([3, 1]) }, index: { kind: 'labels', levels: [objectColumn(['b', 'a'])], names: [null] }, length: 2 }],
  ['an empty series without a name', { kind: 'series', name: null, column: { dtype: 'bool', values: new Uint8Array(0) }, index: range, length: 0 }],
];

for (const [what, value] of cases) {
  test(`a frame survives encoding: ${what}`, () => {
    const bytes = encodeFrame(value);
    assert.ok(isEncodedFrame(bytes));
    assert.deepStrictEqual(decodeFrame(bytes), value);
    // The segments are the same bytes, and the typed arrays go in as views, not copies.
    assert.deepStrictEqual(Buffer.concat(encodeFrameSegments(value)), Buffer.from(bytes));
  });
}

test('a frame decodes from bytes at an odd offset, as SQLite may hand them back', () => {
  const bytes = encodeFrame(mixed);
  const shifted = new Uint8Array(bytes.byteLength + 3);
  shifted.set(bytes, 3);
  assert.deepStrictEqual(decodeFrame(shifted.subarray(3)), mixed);
});

test('decoding an aligned buffer views it rather than copying the columns', () => {
  const bytes = encodeFrame(mixed);
  const frame = decodeFrame(bytes) as Frame;
  const values = frame.columns[0].dtype === 'int64' ? frame.columns[0].values : undefined;
  assert.equal(values?.buffer, bytes.buffer);
});

test('an encoded Python value is not taken for a frame', () => {
  assert.equal(isEncodedFrame(encodeValue(['WFR1', 1, 2])), false);
  assert.throws(() => decodeFrame(encodeValue([1, 2, 3])), /no WFR1 header/);
});

test('a frame moves through structured clone with its buffers transferred', () => {
  const copy: Frame = decodeFrame(encodeFrame(mixed)) as Frame;
  const moved = structuredClone(copy, { transfer: frameTransferList(copy) });
  assert.equal((copy.columns[0] as { values: Float64Array }).values.byteLength, 0, 'the sender lost its buffer');
  assert.deepEqual(Array.from((moved.columns[1] as { values: Float64Array }).values), [1.5, NaN, -0]);
});

test("the size estimate is close to the encoding's size", () => {
  const big: Frame = {
    kind: 'frame',
    names: ['n', 'protocol'],
    columns: [{ dtype: 'float64', values: new Float64Array(10000).map((_, i) => i / 3) }, { dtype: 'object', codes: new Int32Array(10000).map((_, i) => i % 3), dictionary: ['tcp', 'udp', 'icmp'] }],
    index: range,
    length: 10000,
  };
  const estimate = estimateFrameSize(big);
  const actual = encodeFrame(big).byteLength;
  assert.ok(Math.abs(estimate - actual) / actual < 0.05, `${estimate} vs ${actual}`);
});
