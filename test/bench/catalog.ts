/** The tutorial pipelines the benchmark times (files in test/bench/pipelines/), in table order, with their targets. */
import type { Target } from './targets.js';

export interface BenchPipeline {
  /** The file is `<name>.weft.json`; `--only` selects by this name. */
  name: string;
  target: Target;
}

const COMPUTE_BOUND: Target = { kind: 'faster-than-dask', factor: 5 };
const IO_BOUND: Target = { kind: 'near-floor', maxRatio: 1.3 };

export const TUTORIAL_PIPELINES: readonly BenchPipeline[] = [
  { name: 'count', target: IO_BOUND },
  { name: 'filter-count', target: IO_BOUND },
  { name: 'map-split-take', target: COMPUTE_BOUND },
  { name: 'distinct-protocols', target: COMPUTE_BOUND },
  { name: 'distinct-product', target: COMPUTE_BOUND },
  { name: 'flatten-count', target: COMPUTE_BOUND },
  { name: 'repartition-parse-filter', target: COMPUTE_BOUND },
  { name: 'frequencies', target: COMPUTE_BOUND },
  { name: 'foldby', target: COMPUTE_BOUND },
];

/** The `--only` name of the scheduler-overhead section. */
export const OVERHEAD_SECTION = 'overhead';

/** The `--only` name of the larger-than-memory section (its pipelines and the spill store's throughput). */
export const LARGER_THAN_MEMORY_SECTION = 'larger-than-memory';

/** The app's section: canvas frame rate, progress message rate, time to interactive (test/bench/app.ts). */
export const APP_SECTION = 'app';

/** A larger-than-memory pipeline: the file is `test/bench/pipelines-ltm/<name>.weft.json`. */
export interface LtmPipeline {
  name: LtmName;
  /** Outputs whose element order is undefined (Dask's groupby), compared with Dask's as multisets. */
  unordered: string[];
  /**
   * Why its peak grows with the data whatever the limit, if it does: a groupby hands each group to the next step as
   * one list (in Dask as in Weft), so its largest group must fit in memory, and every copy of the file adds to it.
   */
  unboundedBecause?: string;
}

export type LtmName = 'count' | 'label-frequencies' | 'distinct-services' | 'groupby-flag' | 'groupby-src-bytes' | 'persist-two-outputs' | 'shared-parse';

export const LTM_PIPELINES: readonly LtmPipeline[] = [
  { name: 'count', unordered: [] },
  { name: 'label-frequencies', unordered: [] },
  { name: 'distinct-services', unordered: [] },
  { name: 'groupby-flag', unordered: ['sizes'] },
  {
    name: 'groupby-src-bytes',
    unordered: ['distinct_lines'],
    unboundedBecause: 'its largest group (src_bytes 1032) holds 46% of the lines, handed to the map as one list',
  },
  { name: 'persist-two-outputs', unordered: [] },
  // One split read by a groupby by flag and a frequencies of labels: the projections must survive the tee.
  { name: 'shared-parse', unordered: ['flag_sizes'] },
];

/** The `--only` name of the DataFrame section (test/bench/dataframe.ts). */
export const DATAFRAME_SECTION = 'dataframe';

/** A DataFrame bench query: the Weft file is `test/bench/pipelines-df/<name>.weft.json`, with one output. */
export type DfQueryName = 'len' | 'query-len' | 'value-counts' | 'groupby-agg' | 'describe' | 'merge-groupby-size' | 'set-index-len';

export interface DfBenchQuery {
  name: DfQueryName;
  /**
   * Rows of Dask's answer that are approximate when the input has more than one partition, so that DuckDB's and
   * Polars' exact answers are not held to them there (Weft's must still equal Dask's, approximation included).
   */
  approximateOnManyPartitions?: { rows: string[]; why: string };
}

export const DF_QUERIES: readonly DfBenchQuery[] = [
  { name: 'len' },
  { name: 'query-len' },
  { name: 'value-counts' },
  { name: 'groupby-agg' },
  {
    name: 'describe',
    approximateOnManyPartitions: { rows: ['25%', '50%', '75%'], why: "Dask's describe merges per-partition percentiles (merge_percentiles, dask/array/percentile.py), exact only on one partition" },
  },
  { name: 'merge-groupby-size' },
  { name: 'set-index-len' },
];

/** The `--only` name of the DataFrame's larger-than-memory section (test/bench/larger-than-memory-df.ts). */
export const LARGER_THAN_MEMORY_DF_SECTION = 'larger-than-memory-dataframe';

export type LtmDfName = 'groupby-agg' | 'set-index-len' | 'merge-groupby-size' | 'persist-two-outputs';

/** A DataFrame larger-than-memory pipeline: the file is `test/bench/pipelines-ltm-df/<name>.weft.json`. */
export interface LtmDfPipeline {
  name: LtmDfName;
  /**
   * Why its peak grows with the data whatever the limit, if it does: an output partition that one key fills is one
   * frame (in Dask as in Weft), which must fit in memory whole, beside the buckets it is built from (a task's inputs
   * stay until it ends), and every copy of the file adds to both.
   */
  unboundedBecause?: string;
}

export const LTM_DF_PIPELINES: readonly LtmDfPipeline[] = [
  { name: 'groupby-agg' },
  {
    name: 'set-index-len',
    unboundedBecause: "'ecr_i' (57% of the rows) and 'efs' make one output partition, held as its buckets and sorted: twice 57% of the frame",
  },
  { name: 'merge-groupby-size' },
  { name: 'persist-two-outputs' },
];
