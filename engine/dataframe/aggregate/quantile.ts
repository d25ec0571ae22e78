/**
 * `s.quantile(q)` and `df.quantile(q)` as Dask lays them out: one percentile task per partition, then one merge
 * (percentiles.ts). As a TreeReduction the partials are lists of partition percentiles, so combine only gathers and
 * the aggregate merges everything at once, whatever the tree (Dask's graph is chunk → one merge task).
 *
 * A scalar q gives a float64 scalar; a list gives a float64 Series indexed by the sorted q and named after the
 * series; a frame gives a Series per numeric column, assembled as pandas' DataFrame.quantile.
 */
import { WeftError } from '../../errors.js';
import type { Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { labelIndex, makeFrame, makeSeries } from './columns.js';
import type { PercentilePart } from './percentiles.js';
import { mergePercentiles, partitionPercentiles, percentileGrid } from './percentiles.js';
import { numericColumns } from './reductions.js';
import type { Scalar, ScalarMeta } from './scalar.js';
import { scalar } from './scalar.js';
import type { TreeReduction } from './tree.js';

/** The merged percentiles of one column at fractions q (sorted). */
function merged(q: readonly number[], parts: PercentilePart[]): Float64Array {
  const { qs, calcQs } = percentileGrid(q);
  return mergePercentiles(qs, calcQs, parts);
}

/** The stages of `s.quantile(q)`. */
export function seriesQuantile(q: number | readonly number[]): TreeReduction<Series, PercentilePart[], Scalar | Series> {
  const list = typeof q === 'number' ? [q] : q;
  const { calcQs } = percentileGrid(list);
  return {
    chunk: (s) => {
      if (s.column.dtype === 'object' || s.column.dtype === 'bool') throw new WeftError('TASK_FAILED', `quantile of a ${s.column.dtype} series is not supported by Weft`);
      return [partitionPercentiles(s.column, calcQs)];
    },
    combine: (parts) => parts.flat(),
    aggregate: (parts) => {
      const values = merged(list, parts.flat());
      if (typeof q === 'number') return scalar('float64', values[0]);
      const index = Float64Array.from(list).sort();
      return makeSeries(null, { dtype: 'float64', values }, labelIndex([{ dtype: 'float64', values: index }], [null]));
    },
  };
}

/** Sets the result's name (the series'), which the kernel's partials do not carry. */
export function namedQuantile(result: Scalar | Series, name: Label | null): Scalar | Series {
  return result.kind === 'series' ? { ...result, name } : result;
}

/** The stages of `df.quantile(q)` over the numeric columns of `meta`: partials are per-column lists. */
export function frameQuantile(meta: FrameMeta, q: number | readonly number[]): TreeReduction<Frame, PercentilePart[][], Series | Frame> {
  const names = numericColumns(meta).filter((n) => meta.columns.find((c) => c.name === n)!.dtype !== 'bool');
  const list = typeof q === 'number' ? [q] : q;
  const { calcQs } = percentileGrid(list);
  return {
    chunk: (f) => names.map((n) => [partitionPercentiles(f.columns[f.names.indexOf(n)], calcQs)]),
    combine: (parts) => names.map((_, c) => parts.flatMap((p) => p[c])),
    aggregate: (parts) => {
      const perColumn = names.map((_, c) => merged(list, parts.flatMap((p) => p[c])));
      if (typeof q === 'number') {
        return makeSeries(q, { dtype: 'float64', values: Float64Array.from(perColumn, (v) => v[0]) }, labelIndex([{ dtype: 'object', codes: Int32Array.from(names, (_, i) => i), dictionary: names.slice() }], [null]));
      }
      const index = Float64Array.from(list).sort();
      return makeFrame(names.slice(), perColumn.map((values) => ({ dtype: 'float64', values })), labelIndex([{ dtype: 'float64', values: index }], [null]), index.length);
    },
  };
}

/** The meta of `s.quantile(q)`. */
export function seriesQuantileMeta(meta: SeriesMeta, q: number | readonly number[]): ScalarMeta | SeriesMeta {
  if (typeof q === 'number') return { kind: 'scalar', dtype: 'float64' };
  return { kind: 'series', name: meta.name, dtype: 'float64', index: { dtypes: ['float64'], names: [null] } };
}

/** The meta of `df.quantile(q)`: a float64 Series over the int and float columns (scalar q), else a frame. */
export function frameQuantileMeta(meta: FrameMeta, q: number | readonly number[]): SeriesMeta | FrameMeta {
  const names = meta.columns.filter((c) => c.dtype === 'int64' || c.dtype === 'float64').map((c) => c.name);
  if (typeof q === 'number') return { kind: 'series', name: q, dtype: 'float64', index: { dtypes: ['object'], names: [null] } };
  return { kind: 'frame', columns: names.map((name) => ({ name, dtype: 'float64' })), index: { dtypes: ['float64'], names: [null] } };
}
