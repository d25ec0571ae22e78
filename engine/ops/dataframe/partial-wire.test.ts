import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeValue, encodeValue } from '../../values/codec.js';
import type { Frame } from '../../dataframe/frame.js';
import { groupbyAgg } from '../../dataframe/aggregate/groupby-agg.js';
import { planGroupbyAgg } from '../../dataframe/aggregate/groupby-spec.js';
import { seriesMoments } from '../../dataframe/aggregate/moments.js';
import { seriesQuantile } from '../../dataframe/aggregate/quantile.js';
import { seriesReduction } from '../../dataframe/aggregate/reductions.js';
import { makeSeries } from '../../dataframe/aggregate/columns.js';
import { groupPartialWire, momentsWire, percentilesWire, portable, scalarWire } from './partial-wire.js';

const RANGE = { kind: 'range', start: 0, step: 1, name: null } as const;

/** What another thread or the spill store hands back. */
function moved<T>(value: T): T {
  return decodeValue(encodeValue(value)) as T;
}

function frame(keys: string[], values: number[]): Frame {
  return {
    kind: 'frame',
    names: ['k', 'v'],
    columns: [
      { dtype: 'object', codes: Int32Array.from(keys, (k) => ['a', 'b'].indexOf(k)), dictionary: ['a', 'b'] },
      { dtype: 'int64', values: Float64Array.from(values) },
    ],
    index: RANGE,
    length: keys.length,
  };
}

test('a group partial with int64 sums past 2**53 (and negative ones) crosses the codec exactly', () => {
  const meta = { kind: 'frame' as const, columns: [{ name: 'k', dtype: 'object' as const }, { name: 'v', dtype: 'int64' as const }], index: { dtypes: ['int64' as const], names: [null] } };
  // var keeps its int64 sums and sums of squares (past 2**53 here) as intermediates and finishes in floats
  const plan = planGroupbyAgg(meta, 'k', { v: 'var' });
  const kernel = portable(groupbyAgg(plan), groupPartialWire(['k']));
  const big = 2 ** 52 + 7;
  const parts = [frame(['a', 'b', 'a'], [big, -big, big]), frame(['b', 'a'], [-big, -3])];
  const local = kernel.aggregate(parts.map((p) => kernel.chunk(p)));
  const remote = kernel.aggregate(parts.map((p) => moved(kernel.chunk(p))));
  assert.deepEqual(remote, local);
  const wire = groupPartialWire(['k']);
  const partial = groupbyAgg(plan).chunk(parts[0]);
  const back = wire.fromWire(moved(wire.toWire(partial)));
  assert.deepEqual(back.values, partial.values);
  assert.deepEqual(back.keys, partial.keys);
});

test('moments, percentile parts and numpy scalars come back from the codec as the kernels made them', () => {
  const s = makeSeries('x', { dtype: 'float64', values: Float64Array.of(1, 2.5, NaN, 4, 10) }, RANGE);
  const moments = seriesMoments().chunk(s);
  assert.deepEqual(momentsWire.fromWire(moved(momentsWire.toWire(moments))), moments);
  const parts = seriesQuantile([0.25, 0.5]).chunk(s);
  assert.deepEqual(percentilesWire.fromWire(moved(percentilesWire.toWire(parts))), parts);
  const integral = makeSeries('x', { dtype: 'float64', values: Float64Array.of(1, 2, 3) }, RANGE);
  const sum = seriesReduction('sum').chunk(integral);
  assert.deepEqual(scalarWire.fromWire(moved(scalarWire.toWire(sum))), sum);
  assert.equal(typeof scalarWire.fromWire(moved(sum)).value, 'number');
});
