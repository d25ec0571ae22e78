/** The tutorial pipelines the benchmark times (files in test/bench/pipelines/), in table order, with their targets. */
import type { Target } from './targets.js';

export interface BenchPipeline {
  /** The file is `<name>.weft.json`; `--only` selects by this name. */
  name: string;
  /** Judged on the whole `weft run` process, the figure a user gets. */
  target: Target;
  /** One of issue 12's six compute-bound pipelines, whose whole-process times are also judged summed. */
  summed?: boolean;
  /** Outputs whose element order is undefined (Dask's groupby), compared with Dask's as multisets. */
  unordered?: string[];
}

/**
 * Issue 12's goal for a pipeline over the KDD file: its whole process within Dask's in-process time / 5, or within
 * 1.3× the `gunzip -c | wc -l` floor, whichever is larger (a pipeline cannot beat decompressing its input).
 */
const TUTORIAL: Target = { kind: 'dask-or-floor', factor: 5, maxRatio: 1.3 };

export const TUTORIAL_PIPELINES: readonly BenchPipeline[] = [
  { name: 'count', target: TUTORIAL },
  { name: 'filter-count', target: TUTORIAL },
  { name: 'map-split-take', target: TUTORIAL },
  { name: 'distinct-protocols', target: TUTORIAL },
  { name: 'distinct-product', target: TUTORIAL, summed: true },
  { name: 'flatten-count', target: TUTORIAL, summed: true },
  { name: 'repartition-parse-filter', target: TUTORIAL, summed: true },
  { name: 'frequencies', target: TUTORIAL, summed: true },
  { name: 'foldby', target: TUTORIAL },
  { name: 'foldby-label-bytes', target: TUTORIAL, summed: true },
  { name: 'groupby-flag-sizes', target: TUTORIAL, summed: true, unordered: ['sizes'] },
  // Scheduler overhead as a user meets it: 10,000 tiny partitions, start-up and planning included.
  { name: 'sequence-10k', target: { kind: 'faster-than-dask', factor: 3 } },
];

/** Issue 12's goal for the summed pipelines: together, at least this many times faster than Dask. */
export const SUMMED_FACTOR = 5;

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
   * Why its peak grows with the data whatever the limit, if it does (none does now: a groupby hands a large group on
   * as a lazy list, read from the result store or the spill database as it is iterated; see
   * engine/values/lazy-list.ts).
   */
  unboundedBecause?: string;
}

export type LtmName = 'count' | 'label-frequencies' | 'distinct-services' | 'groupby-flag' | 'groupby-src-bytes' | 'persist-two-outputs' | 'shared-parse';

export const LTM_PIPELINES: readonly LtmPipeline[] = [
  { name: 'count', unordered: [] },
  { name: 'label-frequencies', unordered: [] },
  { name: 'distinct-services', unordered: [] },
  { name: 'groupby-flag', unordered: ['sizes'] },
  // Its largest group (src_bytes 1032) holds 46% of the lines: bounded only because the map streams it.
  { name: 'groupby-src-bytes', unordered: ['distinct_lines'] },
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
