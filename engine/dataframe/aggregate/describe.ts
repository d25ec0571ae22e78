/**
 * `describe()` of a numeric Series or of a DataFrame's numeric columns, as Dask assembles it
 * (`_describe_numeric` and methods.py `describe_numeric_aggregate`): count, mean, std, min, the 25/50/75%
 * quantiles and max, each computed by its own Dask reduction — count, mean and min/max with split_every=False,
 * std through dask.array's moments, the quantiles by the approximate merge — and stacked into one float64 result
 * whose index is `count, mean, std, min, 25%, 50%, 75%, max`.
 *
 * The plan wires the six reductions (reductions.ts, moments.ts, quantile.ts) and gives their results to
 * `describeSeries` / `describeFrame`; the percentiles are Dask's defaults.
 */
import { WeftError } from '../../errors.js';
import type { Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { columnValue } from '../frame.js';
import { labelIndex, makeFrame, makeSeries } from './columns.js';
import { objectColumn } from '../frame-from-values.js';
import type { Scalar } from './scalar.js';

/** Dask's default describe percentiles. */
export const DESCRIBE_PERCENTILES: readonly number[] = [0.25, 0.5, 0.75];

const ROWS = ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'];

function rowIndex() {
  return labelIndex([objectColumn(ROWS)], [null]);
}

function num(x: Scalar): number {
  return Number(x.value);
}

/** A Series' describe from its six statistics (the quantiles as a Series over the three percentiles). */
export function describeSeries(name: Label | null, stats: { count: Scalar; mean: Scalar; std: Scalar; min: Scalar; quantiles: Series; max: Scalar }): Series {
  const q = stats.quantiles.column;
  if (q.dtype === 'object') throw new Error('quantiles are numbers');
  const values = Float64Array.of(num(stats.count), num(stats.mean), num(stats.std), num(stats.min), q.values[0], q.values[1], q.values[2], num(stats.max));
  return makeSeries(name, { dtype: 'float64', values }, rowIndex());
}

function valuesOf(s: Series): Float64Array {
  if (s.column.dtype === 'object') return Float64Array.from(s.column.codes, (c) => Number((s.column as { dictionary: unknown[] }).dictionary[c]));
  return Float64Array.from(s.column.values);
}

/** A frame's describe from its per-column statistics (Series over the numeric columns; the quantiles a frame). */
export function describeFrame(stats: { count: Series; mean: Series; std: Series; min: Series; quantiles: Frame; max: Series }): Frame {
  const names = stats.quantiles.names.slice();
  const rows = [stats.count, stats.mean, stats.std, stats.min].map(valuesOf);
  const max = valuesOf(stats.max);
  const labelsOf = (s: Series) => (s.index.kind === 'labels' ? Array.from({ length: s.length }, (_, i) => columnValue(s.index.kind === 'labels' ? s.index.levels[0] : objectColumn([]), i)) : []);
  const at = (s: Series) => {
    const labels = labelsOf(s);
    return (name: Label) => labels.indexOf(name);
  };
  const columns = names.map((name, c) => {
    const q = stats.quantiles.columns[c];
    if (q.dtype === 'object') throw new Error('quantiles are numbers');
    const pick = (s: Series, values: Float64Array) => values[at(s)(name)];
    return {
      dtype: 'float64' as const,
      values: Float64Array.of(pick(stats.count, rows[0]), pick(stats.mean, rows[1]), pick(stats.std, rows[2]), pick(stats.min, rows[3]), q.values[0], q.values[1], q.values[2], pick(stats.max, max)),
    };
  });
  return makeFrame(names, columns, rowIndex(), ROWS.length);
}

/**
 * A non-number Series' describe (object or bool), as Dask assembles it (`_describe_nonnumeric_1d` and methods.py
 * `describe_nonnumeric_aggregate`): from the series' value counts (sorted by count, missing values left out) and
 * its count, an object Series indexed `unique, count, top, freq` — Dask's order, not pandas' — where top is the
 * first of the value counts and freq its count; with no values, `count, unique, top, freq` as 0, 0, None, None.
 */
export function describeNonNumericSeries(name: Label | null, valueCounts: Series, count: Scalar): Series {
  if (valueCounts.length === 0) return makeSeries(name, objectColumn([0, 0, null, null]), labelIndex([objectColumn(['count', 'unique', 'top', 'freq'])], [null]));
  if (valueCounts.index.kind !== 'labels') throw new Error('value counts are indexed by values');
  const top = columnValue(valueCounts.index.levels[0], 0);
  const freq = columnValue(valueCounts.column, 0);
  return makeSeries(name, objectColumn([valueCounts.length, num(count), top, freq]), labelIndex([objectColumn(['unique', 'count', 'top', 'freq'])], [null]));
}

/** The meta of a non-number Series' describe: object values indexed by the statistics' names. */
export function describeNonNumericMeta(meta: SeriesMeta): SeriesMeta {
  return { kind: 'series', name: meta.name, dtype: 'object', index: { dtypes: ['object'], names: [null] } };
}

/** The meta of a number Series' `describe()`; object and bool series take describeNonNumericMeta. */
export function describeSeriesMeta(meta: SeriesMeta): SeriesMeta {
  if (meta.dtype === 'object' || meta.dtype === 'bool') throw new WeftError('BAD_INPUT', "an object or bool series is described by describeNonNumericSeries");
  return { kind: 'series', name: meta.name, dtype: 'float64', index: { dtypes: ['object'], names: [null] } };
}

/** The columns `df.describe()` reports: int and float ones; none fails as Dask does. */
export function describeColumns(meta: FrameMeta): Label[] {
  const names = meta.columns.filter((c) => c.dtype === 'int64' || c.dtype === 'float64').map((c) => c.name);
  if (names.length === 0) throw new WeftError('BAD_INPUT', "describe() of a frame without numeric columns is not supported by Weft");
  return names;
}

/** The meta of `df.describe()`. */
export function describeFrameMeta(meta: FrameMeta): FrameMeta {
  return { kind: 'frame', columns: describeColumns(meta).map((name) => ({ name, dtype: 'float64' })), index: { dtypes: ['object'], names: [null] } };
}
