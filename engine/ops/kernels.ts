/**
 * Every kernel, by kind: the registry the inline scheduler and each worker thread run tasks with. The generic kernels
 * of chains and reductions come first, then one line per operation's kernel file, listed as ops/registry.ts lists
 * the operations. An operation whose tasks use only generic kinds (concat, persist) has no line here.
 *
 * Adding an operation `bag.foo` with a stage of its own:
 * - ops/bag/foo.ts: the OpDefinition, the stage's plain-data shape, and its declaration as a kind,
 *   `declare module '../../graph/task.js' { interface StageKinds { foo: FooStage } }` (sources, sinks, works and
 *   reducers alike, through SourceKinds, SinkKinds, WorkKinds and reducer-spec.ts's ReducerKinds);
 * - ops/bag/foo.kernel.ts: `export const fooKernels: KernelSet = { stages: { foo: { consumer(stage, next, ...) } } }`;
 * - a line in ops/registry.ts for the operation and one here for its kernels; kernels/kernel-registry.test.ts plans
 *   a pipeline of every operation and fails until both are there.
 * Kernels live apart from the OpDefinition because planning must not load them (they bring in fs, zlib and the
 * like), while every worker thread needs them all.
 */
import { KernelRegistry, type KernelSet } from '../kernels/kernel-registry.js';
import { chainKernels } from '../kernels/chain.js';
import { sinkKernels } from '../kernels/sinks.js';
import { reductionKernels } from '../kernels/reducers.js';
import { splitProjectionKernels } from '../graph/split-projection.kernel.js';
import { readTextKernels } from './bag/read-text.kernel.js';
import { fromSequenceKernels } from './bag/from-sequence.kernel.js';
import { mapKernels } from './bag/map.kernel.js';
import { filterKernels } from './bag/filter.kernel.js';
import { flattenKernels } from './bag/flatten.kernel.js';
import { pluckKernels } from './bag/pluck.kernel.js';
import { mapPartitionsKernels } from './bag/map-partitions.kernel.js';
import { distinctKernels } from './bag/distinct.kernel.js';
import { productKernels } from './bag/product.kernel.js';
import { frequenciesKernels } from './bag/frequencies.kernel.js';
import { foldbyKernels } from './bag/foldby.kernel.js';
import { groupbyKernels } from './bag/groupby.kernel.js';
import { topkKernels } from './bag/topk.kernel.js';
import { reductionOpKernels } from './bag/reduction.kernel.js';
import { aggregatesKernels } from './bag/aggregates.kernel.js';
import { takeKernels } from './bag/take.kernel.js';
import { repartitionKernels } from './bag/repartition.kernel.js';
import { toTextfilesKernels } from './bag/to-textfiles.kernel.js';
import { readCsvKernels } from './dataframe/read-csv.kernel.js';
import { queryKernels } from './dataframe/query.kernel.js';
import { lenKernels } from './dataframe/len.kernel.js';
import { frameShuffleKernels } from './dataframe/frame-shuffle.kernel.js';
import { mergeKernels } from './dataframe/merge.kernel.js';
import { concatKernels } from './dataframe/concat.kernel.js';
import { dropDuplicatesKernels } from './dataframe/drop-duplicates.kernel.js';
import { frameRepartitionKernels } from './dataframe/repartition.kernel.js';
import { quantilePassKernels } from './dataframe/quantile-pass.kernel.js';
import { setIndexKernels } from './dataframe/set-index.kernel.js';
import { sortValuesKernels } from './dataframe/sort-values.kernel.js';
import { getitemKernels } from './dataframe/getitem.kernel.js';
import { evalKernels } from './dataframe/eval.kernel.js';
import { astypeKernels } from './dataframe/astype.kernel.js';
import { renameKernels } from './dataframe/rename.kernel.js';
import { dropKernels } from './dataframe/drop.kernel.js';
import { dropnaKernels } from './dataframe/dropna.kernel.js';
import { fillnaKernels } from './dataframe/fillna.kernel.js';
import { seriesIsinKernels } from './dataframe/series-isin.kernel.js';
import { seriesAstypeKernels } from './dataframe/series-astype.kernel.js';
import { seriesMapKernels } from './dataframe/series-map.kernel.js';
import { seriesToFrameKernels } from './dataframe/series-to-frame.kernel.js';
import { fromDictKernels } from './dataframe/from-dict.kernel.js';
import { toBagKernels } from './dataframe/to-bag.kernel.js';
import { headKernels } from './dataframe/head.kernel.js';
import { toCsvKernels } from './dataframe/to-csv.kernel.js';
import { toDataframeKernels } from './bag/to-dataframe.kernel.js';
import { reductionsKernels } from './dataframe/reductions.kernel.js';
import { seriesValueCountsKernels } from './dataframe/series-value-counts.kernel.js';
import { nlargestKernels } from './dataframe/nlargest.kernel.js';
import { describeKernels } from './dataframe/describe.kernel.js';
import { frameGroupbyKernels } from './dataframe/groupby.kernel.js';
import { splitOutKernels } from './dataframe/split-out.kernel.js';

/** Every kernel set, in the order the registry takes them. */
export const KERNEL_SETS: readonly KernelSet[] = [
  chainKernels, sinkKernels, reductionKernels, splitProjectionKernels,
  readTextKernels, fromSequenceKernels, mapKernels, filterKernels, flattenKernels, pluckKernels, mapPartitionsKernels,
  distinctKernels, productKernels, frequenciesKernels, foldbyKernels, groupbyKernels, topkKernels, reductionOpKernels,
  aggregatesKernels, takeKernels, repartitionKernels, toTextfilesKernels,
  readCsvKernels, queryKernels, lenKernels,
  frameShuffleKernels, mergeKernels, concatKernels, dropDuplicatesKernels, frameRepartitionKernels, quantilePassKernels, setIndexKernels, sortValuesKernels,
  getitemKernels, evalKernels, astypeKernels, renameKernels, dropKernels, dropnaKernels, fillnaKernels, seriesIsinKernels, seriesAstypeKernels, seriesMapKernels, seriesToFrameKernels, fromDictKernels, toBagKernels, headKernels, toCsvKernels, toDataframeKernels,
  reductionsKernels, seriesValueCountsKernels, nlargestKernels, describeKernels, frameGroupbyKernels, splitOutKernels,
];

export const KERNELS = new KernelRegistry(KERNEL_SETS);
