import type { CollectionKind } from './collection-kind.js';
import type { Frame, Series } from '../dataframe/frame.js';
import { concatFrames } from '../dataframe/shuffle/concat-frames.js';
import { concatSeries } from '../dataframe/concat-series.js';

/**
 * Dask's DataFrame: each partition's result is a one-element list holding its columnar frame (a partition streams
 * through a chain as one element, so fusion and tees work as for bags); its value is pandas' concatenation of the
 * partitions, as `DataFrame.compute()` gives.
 */
export const dataframeKind: CollectionKind = {
  kind: 'dataframe',
  label: 'DataFrame',
  article: 'a DataFrame',
  plural: 'DataFrames',
  partitioned: true,
  python: { module: 'dask.dataframe', alias: 'dd' },
  gather: (partitions) => concatFrames((partitions as Frame[][]).map((p) => p[0])),
  preview: (limit) => ({ op: 'dataframe.head', params: { n: limit, npartitions: -1 } }),
};

/** Dask's Series: like a DataFrame, one column with its index. */
export const seriesKind: CollectionKind = {
  kind: 'series',
  label: 'Series',
  article: 'a Series',
  plural: 'Series',
  partitioned: true,
  python: { module: 'dask.dataframe', alias: 'dd' },
  gather: (partitions) => concatSeries((partitions as Series[][]).map((p) => p[0])),
  preview: (limit) => ({ op: 'series.head', params: { n: limit, npartitions: -1 } }),
};
