/**
 * The aggregation kernels on the KDD Cup 1999 10% file against Dask: Python reads its first rows with pandas, cuts them into
 * partitions (each with its own RangeIndex, as read_csv gives), dumps the columns to a temp dir for Weft, and
 * computes the same expressions with Dask on exactly those partitions.
 */
import { execFileSync } from 'node:child_process';
import { KDD_COLUMNS } from '../../../test/support/kdd-columns.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Column, DType, Frame, Series } from '../frame.js';
import { frameMeta } from '../frame.js';
import type { Result } from '../../../test/support/dask-frames.js';
import { DASK_RESULTS, assertSameAsDask } from '../../../test/support/dask-frames.js';
import { KDD_FILE, PYTHON, hasDask, requireKddFile } from '../../../test/support/environment.js';
import { frameOf } from '../random-frames.test-support.js';
import { DESCRIBE_PERCENTILES, describeSeries } from './describe.js';
import { groupbyAgg } from './groupby-agg.js';
import { groupbySize } from './groupby-size.js';
import { planGroupbyAgg } from './groupby-spec.js';
import { frameMoments, seriesMoments } from './moments.js';
import { frameSelectN, seriesSelectN } from './nlargest.js';
import { namedQuantile, seriesQuantile } from './quantile.js';
import { frameMean, frameReduction, seriesMean, seriesReduction } from './reductions.js';
import type { Scalar } from './scalar.js';
import { arrayTreeShape, dataframeTreeShape, runTree } from './tree.js';
import { nunique, unique, valueCounts } from './value-counts.js';

const COLUMNS = ['duration', 'protocol_type', 'service', 'flag', 'src_bytes', 'dst_bytes', 'count', 'serror_rate', 'same_srv_rate', 'dst_host_srv_diff_host_rate', 'label'];
const PARTITIONS = 7;
/** The first rows of the file: enough for many 8192-value sum buffers per partition, few enough for a quick test. */
const ROWS = 120_000;

const EXPRESSIONS: string[] = [
  'df.sum()', 'df.count()', 'df.min()', 'df.max()', 'df.mean()', 'df.var()', 'df.std(split_every=3)',
  "df['src_bytes'].sum()", "df['src_bytes'].mean()", "df['src_bytes'].var()", "df['serror_rate'].std()", "df['same_srv_rate'].var(split_every=2)",
  "df['service'].value_counts()", "df['label'].value_counts(normalize=True, split_every=3)", "df['src_bytes'].value_counts(ascending=True)",
  "df['service'].nunique()", "df['flag'].unique()",
  "df.groupby('protocol_type').agg({'src_bytes': ['sum', 'mean', 'var', 'std'], 'serror_rate': ['mean', 'std', 'max'], 'count': 'count'}, split_every=2)",
  "df.groupby(['protocol_type', 'flag'], sort=True).agg({'dst_bytes': 'mean', 'same_srv_rate': 'var', 'duration': 'max'})",
  "df.groupby('service').agg({'src_bytes': 'var', 'label': 'first'})",
  "df.groupby('label').size()", "df.groupby(['flag', 'protocol_type']).size(split_every=3)",
  "df['src_bytes'].quantile([0.1, 0.5, 0.9])", "df['dst_host_srv_diff_host_rate'].describe()",
  "df.nlargest(6, 'src_bytes')", "df.nsmallest(5, ['dst_bytes', 'duration'])", "df['count'].nlargest(8)",
];

const DUMP = String.raw`
import json, sys, os, warnings
warnings.simplefilter('ignore')
import numpy as np, pandas as pd, dask, dask.dataframe as dd
from dask import delayed
dask.config.set(scheduler='sync')
path, outdir, nparts, cols, nrows, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5]), json.loads(sys.argv[6])
full = pd.read_csv(path, names=names, header=None, nrows=nrows)[cols]
bounds = np.linspace(0, len(full), nparts + 1).astype(int).tolist()
meta = {'bounds': bounds, 'columns': []}
for c in cols:
    s = full[c]
    if s.dtype == object:
        codes, uniques = pd.factorize(s)
        codes.astype('int32').tofile(os.path.join(outdir, c + '.codes'))
        meta['columns'].append({'name': c, 'dtype': 'object', 'dictionary': list(uniques)})
    else:
        s.to_numpy('float64').tofile(os.path.join(outdir, c + '.f64'))
        meta['columns'].append({'name': c, 'dtype': str(s.dtype)})
json.dump(meta, open(os.path.join(outdir, 'meta.json'), 'w'))
parts = [full.iloc[a:b].reset_index(drop=True) for a, b in zip(bounds[:-1], bounds[1:])]
df = dd.from_delayed([delayed(p) for p in parts], meta=parts[0].iloc[:0], verify_meta=False)
exec(open(os.path.join(outdir, 'harness.py')).read())
`;

/** The compare harness's result encoder, shared through a file so both scripts stay one program each. */
const ENCODE = DASK_RESULTS + "\nprint(json.dumps(evaluate_all(json.load(open(os.path.join(outdir, 'exprs.json'))))))\n";

function loadPartitions(dir: string): Frame[] {
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { bounds: number[]; columns: Array<{ name: string; dtype: DType; dictionary?: unknown[] }> };
  const whole = meta.columns.map((c) => {
    const bytes = fs.readFileSync(path.join(dir, c.name + (c.dtype === 'object' ? '.codes' : '.f64')));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  });
  return meta.bounds.slice(0, -1).map((start, p) => {
    const end = meta.bounds[p + 1];
    const columns: Column[] = meta.columns.map((c, i): Column => {
      if (c.dtype === 'object') return { dtype: 'object', codes: new Int32Array(whole[i]).slice(start, end), dictionary: c.dictionary ?? [] };
      return { dtype: c.dtype as 'int64' | 'float64', values: new Float64Array(whole[i]).slice(start, end) };
    });
    return frameOf(meta.columns.map((c) => c.name), columns);
  });
}

function seriesOf(frame: Frame, name: string): Series {
  return { kind: 'series', name, column: frame.columns[frame.names.indexOf(name)], index: frame.index, length: frame.length };
}

function weft(parts: Frame[]): Array<Frame | Series | Scalar> {
  const meta = frameMeta(parts[0]);
  const n = parts.length;
  const flat = dataframeTreeShape(n, false);
  const col = (name: string) => parts.map((p) => seriesOf(p, name));
  const numeric = parts.map((p) => ({ ...p, names: p.names.filter((_, i) => p.columns[i].dtype !== 'object'), columns: p.columns.filter((c) => c.dtype !== 'object') }));
  const seriesMeanOf = (s: Series[]) => seriesMean(runTree(seriesReduction('sum'), s, flat), runTree(seriesReduction('count'), s, flat));
  const describeOf = (s: Series[]) =>
    describeSeries(s[0].name, {
      count: runTree(seriesReduction('count'), s, flat),
      mean: seriesMeanOf(s),
      std: runTree(seriesMoments({ std: true }), s, arrayTreeShape(n)),
      min: runTree(seriesReduction('min'), s, flat),
      quantiles: runTree(seriesQuantile(DESCRIBE_PERCENTILES), s, flat) as Series,
      max: runTree(seriesReduction('max'), s, flat),
    });
  return [
    runTree(frameReduction('sum'), parts, flat),
    runTree(frameReduction('count'), parts, flat),
    runTree(frameReduction('min'), parts, flat),
    runTree(frameReduction('max'), parts, flat),
    frameMean(runTree(frameReduction('sum'), numeric, flat), runTree(frameReduction('count'), numeric, flat)),
    runTree(frameMoments(meta), parts, arrayTreeShape(n)),
    runTree(frameMoments(meta, { std: true }), parts, arrayTreeShape(n, 3)),
    runTree(seriesReduction('sum'), col('src_bytes'), flat),
    seriesMeanOf(col('src_bytes')),
    runTree(seriesMoments(), col('src_bytes'), arrayTreeShape(n)),
    runTree(seriesMoments({ std: true }), col('serror_rate'), arrayTreeShape(n)),
    runTree(seriesMoments(), col('same_srv_rate'), arrayTreeShape(n, 2)),
    runTree(valueCounts(), col('service'), dataframeTreeShape(n)),
    runTree(valueCounts({ normalize: true }), col('label'), dataframeTreeShape(n, 3)),
    runTree(valueCounts({ ascending: true }), col('src_bytes'), dataframeTreeShape(n)),
    runTree(nunique(), col('service'), dataframeTreeShape(n)),
    runTree(unique(), col('flag'), dataframeTreeShape(n)),
    runTree(groupbyAgg(planGroupbyAgg(meta, 'protocol_type', { src_bytes: ['sum', 'mean', 'var', 'std'], serror_rate: ['mean', 'std', 'max'], count: 'count' })), parts, dataframeTreeShape(n, 2)),
    runTree(groupbyAgg(planGroupbyAgg(meta, ['protocol_type', 'flag'], { dst_bytes: 'mean', same_srv_rate: 'var', duration: 'max' }), { sort: true }), parts, dataframeTreeShape(n)),
    runTree(groupbyAgg(planGroupbyAgg(meta, 'service', { src_bytes: 'var', label: 'first' })), parts, dataframeTreeShape(n)),
    runTree(groupbySize('label'), parts, dataframeTreeShape(n)),
    runTree(groupbySize(['flag', 'protocol_type']), parts, dataframeTreeShape(n, 3)),
    namedQuantile(runTree(seriesQuantile([0.1, 0.5, 0.9]), col('src_bytes'), flat), 'src_bytes'),
    describeOf(col('dst_host_srv_diff_host_rate')),
    runTree(frameSelectN(6, 'src_bytes', 'nlargest'), parts, dataframeTreeShape(n)),
    runTree(frameSelectN(5, ['dst_bytes', 'duration'], 'nsmallest'), parts, dataframeTreeShape(n)),
    runTree(seriesSelectN(8, 'nlargest'), col('count'), dataframeTreeShape(n)),
  ];
}

test('on the KDD file every kernel equals Dask: reductions, moments, value counts, groupby, quantiles, nlargest', { skip: !hasDask() }, (t) => {
  if (!requireKddFile(t)) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-kdd-agg-'));
  try {
    fs.writeFileSync(path.join(dir, 'harness.py'), ENCODE);
    fs.writeFileSync(path.join(dir, 'exprs.json'), JSON.stringify(EXPRESSIONS));
    const stdout = execFileSync(PYTHON, ['-c', DUMP, KDD_FILE, dir, String(PARTITIONS), JSON.stringify(COLUMNS), String(ROWS), JSON.stringify(KDD_COLUMNS)], { maxBuffer: 1 << 28, encoding: 'utf8' });
    const dask = JSON.parse(stdout) as Result[];
    const started = performance.now();
    const results = weft(loadPartitions(dir));
    t.diagnostic(`Weft's kernels took ${Math.round(performance.now() - started)} ms`);
    results.forEach((r, i) => assertSameAsDask(r, dask[i], EXPRESSIONS[i]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
