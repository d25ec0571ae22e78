import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame, Series } from '../frame.js';
import { frameMeta } from '../frame.js';
import { assertSameAsDask, runDask } from '../../../test/support/dask-frames.js';
import { randomPartitions } from '../random-frames.test-support.js';
import { hasDask } from '../../../test/support/environment.js';
import { DESCRIBE_PERCENTILES, describeColumns, describeFrame, describeSeries, describeSeriesMeta } from './describe.js';
import { frameMoments, seriesMoments } from './moments.js';
import { frameQuantile, namedQuantile, seriesQuantile } from './quantile.js';
import { frameMean, frameReduction, selectColumns, seriesMean, seriesReduction } from './reductions.js';
import type { Scalar } from './scalar.js';
import { arrayTreeShape, dataframeTreeShape, runTree } from './tree.js';

function seriesOf(frame: Frame, name: string): Series {
  const column = frame.columns[frame.names.indexOf(name)];
  return { kind: 'series', name, column, index: frame.index, length: frame.length };
}

/** describe() of a series wired as Dask wires it: six reductions, then the assembly. */
function describeOf(parts: Series[]): Series {
  const flat = dataframeTreeShape(parts.length, false);
  const sum = runTree(seriesReduction('sum'), parts, flat);
  const count = runTree(seriesReduction('count'), parts, flat);
  return describeSeries(parts[0].name, {
    count,
    mean: seriesMean(sum, count),
    std: runTree(seriesMoments({ std: true }), parts, arrayTreeShape(parts.length)),
    min: runTree(seriesReduction('min'), parts, flat),
    quantiles: runTree(seriesQuantile(DESCRIBE_PERCENTILES), parts, flat) as Series,
    max: runTree(seriesReduction('max'), parts, flat),
  });
}

test("quantile and describe equal Dask's approximate merge over several partitions", { skip: !hasDask() }, () => {
  const parts = randomPartitions(31, [40, 0, 17, 55, 3, 29]);
  const exprs: string[] = [];
  const runs: Array<() => Frame | Series | Scalar> = [];
  for (const col of ['g', 'i', 'f']) {
    const series = parts.map((p) => seriesOf(p, col));
    for (const q of [0.5, 0, 1, 0.37, [0.9, 0.1, 0.5], [0.25, 0.75]] as Array<number | number[]>) {
      exprs.push(`df['${col}'].quantile(${JSON.stringify(q)})`);
      runs.push(() => namedQuantile(runTree(seriesQuantile(q), series, dataframeTreeShape(series.length, 2)), col));
    }
    exprs.push(`df['${col}'].describe()`);
    runs.push(() => describeOf(series));
  }
  const numeric = parts.map((p) => selectColumns(p, ['g', 'i', 'f']));
  for (const q of [0.3, [0.2, 0.8]] as Array<number | number[]>) {
    exprs.push(`df[['g','i','f']].quantile(${JSON.stringify(q)})`);
    runs.push(() => runTree(frameQuantile(frameMeta(numeric[0]), q), numeric, dataframeTreeShape(numeric.length)));
  }
  exprs.push('df.describe()');
  runs.push(() => {
    const names = describeColumns(frameMeta(parts[0]));
    const num = parts.map((p) => selectColumns(p, names));
    const flat = dataframeTreeShape(num.length, false);
    const sum = runTree(frameReduction('sum'), num, flat);
    const count = runTree(frameReduction('count'), num, flat);
    return describeFrame({
      count,
      mean: frameMean(sum, count),
      std: runTree(frameMoments(frameMeta(num[0]), { std: true }), num, arrayTreeShape(num.length)),
      min: runTree(frameReduction('min'), num, flat),
      quantiles: runTree(frameQuantile(frameMeta(num[0]), DESCRIBE_PERCENTILES), num, flat) as Frame,
      max: runTree(frameReduction('max'), num, flat),
    });
  });
  const dask = runDask(parts, exprs);
  runs.forEach((run, i) => assertSameAsDask(run(), dask[i], exprs[i]));
  assert.throws(() => describeSeriesMeta({ kind: 'series', name: 'k', dtype: 'object', index: { dtypes: ['int64'], names: [null] } }), /an object or bool series is described by describeNonNumericSeries/);
});
