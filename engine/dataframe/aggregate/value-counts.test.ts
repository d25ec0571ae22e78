import { test } from 'node:test';
import type { Frame, Series } from '../frame.js';
import { assertSameAsDask, runDask } from '../../../test/support/dask-frames.js';
import { randomPartitions } from '../random-frames.test-support.js';
import { hasDask } from '../../../test/support/environment.js';
import { frameSelectN, seriesSelectN } from './nlargest.js';
import { nunique, unique, valueCounts } from './value-counts.js';
import { dataframeTreeShape, runTree } from './tree.js';

function seriesOf(frame: Frame, name: string): Series {
  const column = frame.columns[frame.names.indexOf(name)];
  return { kind: 'series', name, column, index: frame.index, length: frame.length };
}

const py = (v: unknown): string => (v === null || v === undefined ? 'None' : v === true ? 'True' : v === false ? 'False' : JSON.stringify(v));

test('value_counts, unique and nunique equal Dask, ties and NaN included', { skip: !hasDask() }, () => {
  const parts = randomPartitions(21, [50, 0, 31, 64, 7, 40]);
  const exprs: string[] = [];
  const runs: Array<() => Parameters<typeof assertSameAsDask>[0]> = [];
  for (const col of ['k', 'g', 'f', 't']) {
    const series = parts.map((p) => seriesOf(p, col));
    for (const options of [{}, { sort: false }, { ascending: true }, { dropna: false }, { normalize: true, dropna: false }, { sort: true, ascending: true, normalize: true }]) {
      for (const every of [undefined, 2]) {
        const args = Object.entries(options).map(([k, v]) => `${k}=${py(v)}`);
        if (every) args.push(`split_every=${every}`);
        exprs.push(`df['${col}'].value_counts(${args.join(', ')})`);
        runs.push(() => runTree(valueCounts(options), series, dataframeTreeShape(series.length, every)));
      }
    }
    exprs.push(`df['${col}'].unique(split_every=2)`);
    runs.push(() => runTree(unique(), series, dataframeTreeShape(series.length, 2)));
    for (const dropna of [true, false]) {
      exprs.push(`df['${col}'].nunique(dropna=${py(dropna)})`);
      runs.push(() => runTree(nunique({ dropna }), series, dataframeTreeShape(series.length)));
    }
  }
  const dask = runDask(parts, exprs);
  runs.forEach((run, i) => assertSameAsDask(run(), dask[i], exprs[i]));
});

test('nlargest and nsmallest equal Dask for series and frames, with ties broken by further columns', { skip: !hasDask() }, () => {
  const parts = randomPartitions(4, [30, 12, 0, 45, 25]);
  const exprs: string[] = [];
  const runs: Array<() => Parameters<typeof assertSameAsDask>[0]> = [];
  for (const method of ['nlargest', 'nsmallest'] as const) {
    for (const n of [1, 5, 40, 200]) {
      for (const col of ['g', 'f', 'i']) {
        exprs.push(`df['${col}'].${method}(${n}, split_every=2)`);
        runs.push(() => runTree(seriesSelectN(n, method), parts.map((p) => seriesOf(p, col)), dataframeTreeShape(parts.length, 2)));
      }
      for (const columns of ['f', ['g', 'f'], ['g', 't', 'i']]) {
        exprs.push(`df.${method}(${n}, ${py(columns)})`);
        runs.push(() => runTree(frameSelectN(n, columns, method), parts, dataframeTreeShape(parts.length)));
      }
    }
  }
  const dask = runDask(parts, exprs);
  runs.forEach((run, i) => assertSameAsDask(run(), dask[i], exprs[i]));
});
