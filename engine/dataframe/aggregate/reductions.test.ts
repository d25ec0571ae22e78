import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame, Series } from '../frame.js';
import { frameMeta } from '../frame.js';
import { assertSameAsDask, runDask } from '../../../test/support/dask-frames.js';
import { frameOf, randomPartitions } from '../random-frames.test-support.js';
import { hasDask } from '../../../test/support/environment.js';
import { objectColumn } from '../frame-from-values.js';
import { frameMoments, frameMomentsMeta, seriesMoments, seriesMomentsMeta } from './moments.js';
import type { ColumnReduction } from './reductions.js';
import { frameMean, frameMeanMeta, frameReduction, frameReductionMeta, lengthReduction, numericColumns, selectColumns, seriesMean, seriesReduction } from './reductions.js';
import { arrayTreeShape, dataframeTreeShape, runTree } from './tree.js';

function seriesOf(frame: Frame, name: string): Series {
  const column = frame.columns[frame.names.indexOf(name)];
  return { kind: 'series', name, column, index: frame.index, length: frame.length };
}

const HOWS: ColumnReduction[] = ['sum', 'min', 'max', 'count'];

test('frame and series reductions equal Dask on partitions with NaN, ties, bools and nuisance object columns', { skip: !hasDask() }, () => {
  const parts = randomPartitions(7, [40, 0, 25, 33, 1, 60, 12, 9, 30, 17]);
  const numeric = parts.map((p) => selectColumns(p, ['g', 'i', 'f', 't']));
  const exprs: string[] = [];
  const weft: Array<() => Parameters<typeof assertSameAsDask>[0]> = [];
  for (const how of HOWS) {
    for (const [cols, input] of [["['g','i','f','t']", numeric], ["['k','g','i','f','t']", parts], ["['i','t']", parts.map((p) => selectColumns(p, ['i', 't']))]] as const) {
      for (const every of [false, 2, 3] as const) {
        exprs.push(`df[${cols}].${how}(split_every=${every === false ? 'False' : every})`);
        weft.push(() => runTree(frameReduction(how), input, dataframeTreeShape(input.length, every)));
      }
    }
    for (const col of ['g', 'i', 'f', 't']) {
      exprs.push(`df['${col}'].${how}(split_every=2)`);
      weft.push(() => runTree(seriesReduction(how), parts.map((p) => seriesOf(p, col)), dataframeTreeShape(parts.length, 2)));
    }
  }
  exprs.push("df[['g','i','f','t']].mean()");
  weft.push(() => {
    const shape = dataframeTreeShape(numeric.length, false);
    return frameMean(runTree(frameReduction('sum'), numeric, shape), runTree(frameReduction('count'), numeric, shape));
  });
  for (const col of ['i', 'f', 't']) {
    exprs.push(`df['${col}'].mean()`);
    weft.push(() => {
      const s = parts.map((p) => seriesOf(p, col));
      const shape = dataframeTreeShape(s.length, false);
      return seriesMean(runTree(seriesReduction('sum'), s, shape), runTree(seriesReduction('count'), s, shape));
    });
  }
  for (const every of [false, 2, 3, 12] as const) {
    for (const [cols, names] of [["['g','i','f','t']", ['g', 'i', 'f', 't']], ["['f']", ['f']], ["['k','i','t']", ['k', 'i', 't']]] as const) {
      for (const std of [false, true]) {
        exprs.push(`df[${cols}].${std ? 'std' : 'var'}(split_every=${every === false ? 'False' : every})`);
        const input = parts.map((p) => selectColumns(p, names as unknown as string[]));
        weft.push(() => runTree(frameMoments(frameMeta(input[0]), { std }), input, arrayTreeShape(input.length, every)));
      }
    }
    for (const col of ['i', 'f', 't']) {
      exprs.push(`df['${col}'].var(split_every=${every === false ? 'False' : every}, ddof=0)`);
      weft.push(() => runTree(seriesMoments({ ddof: 0 }), parts.map((p) => seriesOf(p, col)), arrayTreeShape(parts.length, every)));
    }
  }
  exprs.push('len(df)');
  const dask = runDask(parts, exprs);
  weft.forEach((run, i) => assertSameAsDask(run(), dask[i], exprs[i]));
  assert.equal(runTree(lengthReduction, parts, dataframeTreeShape(parts.length, false)), (dask[dask.length - 1] as { value: number }).value);
});

test('sums of strings concatenate and a Series reduction over None fails, as in Dask', { skip: !hasDask() }, () => {
  const parts = [frameOf(['s', 'n'], [objectColumn(['b', 'a']), { dtype: 'int64', values: Float64Array.of(1, 2) }]), frameOf(['s', 'n'], [objectColumn(['c']), { dtype: 'int64', values: Float64Array.of(3) }])];
  const withNone = [parts[0], frameOf(['s', 'n'], [objectColumn([null]), { dtype: 'int64', values: Float64Array.of(3) }])];
  const [sum, min, sumNone] = runDask(parts, ['df.sum()', 'df.min()', "df['s'].sum()"]);
  assertSameAsDask(runTree(frameReduction('sum'), parts, dataframeTreeShape(2, false)), sum, 'sum');
  assertSameAsDask(runTree(frameReduction('min'), parts, dataframeTreeShape(2, false)), min, 'min');
  assert.equal(sumNone.kind, 'scalar');
  const [frameSum, seriesSum] = runDask(withNone, ['df.sum()', "df['s'].sum()"]);
  assertSameAsDask(runTree(frameReduction('sum'), withNone, dataframeTreeShape(2, false)), frameSum, 'sum with None');
  assert.equal(seriesSum.kind, 'error');
  assert.throws(() => runTree(seriesReduction('sum'), withNone.map((p) => seriesOf(p, 's')), dataframeTreeShape(2, false)), /TypeError/);
});

test('metas name the columns each reduction keeps and refuse object series where Dask does', () => {
  const meta = frameMeta(randomPartitions(1, [3])[0]);
  assert.equal(frameReductionMeta(meta, 'sum').dtype, 'object');
  assert.equal(frameReductionMeta(meta, 'count').dtype, 'int64');
  assert.deepEqual(numericColumns(meta), ['g', 'i', 'f', 't']);
  assert.equal(frameMeanMeta(meta).dtype, 'float64');
  assert.equal(frameMomentsMeta(meta).dtype, 'float64');
  assert.throws(() => seriesMomentsMeta({ kind: 'series', name: 'k', dtype: 'object', index: meta.index }, 'var'), /`var` not supported with object series/);
});

test('an int64 sum past 2**53 is refused, not rounded (frame.ts policy)', () => {
  const big = frameOf(['n'], [{ dtype: 'int64', values: Float64Array.of(2 ** 52, 2 ** 52, 2 ** 52) }]);
  assert.throws(() => runTree(seriesReduction('sum'), [seriesOf(big, 'n')], dataframeTreeShape(1, false)), /passes 2\*\*53/);
  assert.throws(() => runTree(frameReduction('sum'), [big], dataframeTreeShape(1, false)), /passes 2\*\*53/);
});
