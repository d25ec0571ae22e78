import type { OpDefinition, Operation } from './op-definition.js';
import { readText } from './bag/read-text.js';
import { fromSequence } from './bag/from-sequence.js';
import { map } from './bag/map.js';
import { filter } from './bag/filter.js';
import { remove } from './bag/remove.js';
import { flatten } from './bag/flatten.js';
import { pluck } from './bag/pluck.js';
import { mapPartitions } from './bag/map-partitions.js';
import { distinct } from './bag/distinct.js';
import { product } from './bag/product.js';
import { concat } from './bag/concat.js';
import { frequencies } from './bag/frequencies.js';
import { foldby } from './bag/foldby.js';
import { groupby } from './bag/groupby.js';
import { topk } from './bag/topk.js';
import { reduction } from './bag/reduction.js';
import { count, sum, min, max, mean, varOp, std, any, all } from './bag/aggregates.js';
import { take } from './bag/take.js';
import { repartition } from './bag/repartition.js';
import { persist } from './bag/persist.js';
import { toTextfiles } from './bag/to-textfiles.js';
import { readCsv } from './dataframe/read-csv.js';
import { query } from './dataframe/query.js';
import { len } from './dataframe/len.js';
import { merge } from './dataframe/merge.js';
import { concat as dataframeConcat } from './dataframe/concat.js';
import { dropDuplicates } from './dataframe/drop-duplicates.js';
import { repartition as dataframeRepartition } from './dataframe/repartition.js';
import { setIndex } from './dataframe/set-index.js';
import { sortValues } from './dataframe/sort-values.js';
import { getitem } from './dataframe/getitem.js';
import { evalOp } from './dataframe/eval.js';
import { astype } from './dataframe/astype.js';
import { rename } from './dataframe/rename.js';
import { drop } from './dataframe/drop.js';
import { dropna } from './dataframe/dropna.js';
import { fillna } from './dataframe/fillna.js';
import { seriesIsin } from './dataframe/series-isin.js';
import { seriesAstype } from './dataframe/series-astype.js';
import { seriesMap } from './dataframe/series-map.js';
import { seriesToFrame } from './dataframe/series-to-frame.js';
import { fromDict } from './dataframe/from-dict.js';
import { toDataframe } from './bag/to-dataframe.js';
import { toBag } from './dataframe/to-bag.js';
import { head, seriesHead } from './dataframe/head.js';
import { persist as dataframePersist, seriesPersist } from './dataframe/persist.js';
import { toCsv } from './dataframe/to-csv.js';
import { FRAME_REDUCTIONS, SERIES_REDUCTIONS } from './dataframe/reductions.js';
import { nunique, unique, valueCounts } from './dataframe/series-value-counts.js';
import { frameNlargest, frameNsmallest, seriesNlargest, seriesNsmallest } from './dataframe/nlargest.js';
import { frameDescribe, seriesDescribe, seriesQuantile } from './dataframe/describe.js';
import { groupbyAgg, groupbySize } from './dataframe/groupby.js';

const ALL: OpDefinition[] = [
  readText, fromSequence, map, filter, remove, flatten, pluck, mapPartitions, distinct, product, concat, frequencies,
  foldby, groupby, topk, reduction, count, sum, min, max, mean, std, varOp, any, all, take, repartition, persist, toTextfiles,
  readCsv, query, len, merge, dataframeConcat, dropDuplicates, dataframeRepartition, setIndex, sortValues,
  getitem, evalOp, astype, rename, drop, dropna, fillna, seriesIsin, seriesAstype, seriesMap, seriesToFrame,
  fromDict, toDataframe, toBag, head, seriesHead, dataframePersist, seriesPersist, toCsv,
  ...FRAME_REDUCTIONS, ...SERIES_REDUCTIONS, nunique, unique, valueCounts, frameNlargest, frameNsmallest, seriesNlargest, seriesNsmallest,
  frameDescribe, seriesDescribe, seriesQuantile, groupbyAgg, groupbySize,
];

/** Every operation, keyed by its `op` name: `<collection>.<name>` (`bag.map`). */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  ALL.map((def) => {
    const op = `${def.collection}.${def.name}`;
    return [op, { ...def, op }];
  }),
);
