/**
 * Dask 2022.12's approximate quantiles for new divisions (dask/dataframe/partitionquantiles.py), ported so that
 * `set_index` and `sort_values` pick exactly Dask's divisions for the same random state.
 *
 * Policy:
 * - Per partition (`percentiles_summary`): percentiles from `sample_percentiles` (fixed, edge and random ones from
 *   `RandomState(state_i)`, or every position when the partition is short), the values at them (pandas'
 *   `quantile`: 'nearest' for int64, 'linear' for float64 with NaN left out, numpy 'nearest' for strings) and
 *   weights from the percentile gaps times the length.
 * - Summaries merge up Dask's tree (`create_merge_tree`: `tree_width`/`tree_groups`), each node a binary merge of
 *   its children's (value, weight) pairs (toolz `merge_sorted`, pairs compared as tuples) with equal values' weights
 *   summed in merge order; `process_val_weights` turns the result into `npartitions + 1` values.
 * - The random state: Dask seeds with `int(tokenize(series, qs, upsample), 16) % (2**31 - 1)`, a hash of its own
 *   graph that Weft cannot reproduce; callers pass a seed (tests pass Dask's), and per-partition states follow
 *   from it exactly as `random_state_data` derives them. With short partitions no random draw happens at all.
 * - `Math.pow` stands in for C's pow in the sample sizes and `Math.log` for math.log in the tree widths; both feed
 *   only truncations, so a last-bit difference would matter only at an exact integer boundary.
 */

import { WeftError } from '../../errors.js';
import type { Column, DType } from '../frame.js';
import { cumsum, interp, lerp, linspace, npSum, percentilePositions, searchsorted } from './numpy-math.js';
import { RandomState, randomStateData } from './numpy-random.js';
import { argsortQuick, dictionaryRanks, pyStringLess } from '../numpy-sort.js';

/** A division value: a number, or a string for object columns. */
export type QuantileValue = number | string;

/** One summary: values in order with their weights (Dask's `(vals, weights)`), or null for an empty partition. */
export type Summary = { vals: QuantileValue[]; weights: number[] } | null;

/** `sample_percentiles(num_old, num_new, chunk_length, upsample, random_state)`. */
export function samplePercentiles(numOld: number, numNew: number, chunkLength: number, upsample: number, random: () => RandomState): Float64Array {
  const randomPercentage = 1 / (1 + Math.sqrt((4 * numNew) / numOld));
  const numPercentiles = (upsample * numNew * Math.pow(numOld + 22, 0.55)) / numOld;
  const numFixed = Math.trunc(numPercentiles * (1 - randomPercentage)) + 2;
  const numRandom = Math.trunc(numPercentiles * randomPercentage) + 2;
  if (numFixed + numRandom + 5 >= chunkLength) return linspace(0, 100, chunkLength + 1);
  const qFixed = linspace(0, 100, numFixed);
  const qRandom = random().rand(numRandom).map((x) => x * 100);
  const qs = Float64Array.from([...qFixed, ...qRandom, 60 / (numFixed - 1), 100 - 60 / (numFixed - 1), 0, 100]).sort();
  return Float64Array.from({ length: qs.length - 1 }, (_, i) => 0.5 * (qs[i] + qs[i + 1]));
}

function pyLess(a: QuantileValue, b: QuantileValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return pyStringLess(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  throw new WeftError('BAD_INPUT', `TypeError: '<' not supported between instances of '${typeof a === 'string' ? 'str' : 'float'}' and '${typeof b === 'string' ? 'str' : 'float'}'`);
}

/** The values of a column a quantile reads, in sorted order, with how pandas interpolates them. */
function sortedValues(column: Column): { values: QuantileValue[]; method: 'linear' | 'nearest' } {
  switch (column.dtype) {
    case 'int64':
      return { values: Array.from(column.values).sort((a, b) => a - b), method: 'nearest' };
    case 'float64':
      return { values: Array.from(column.values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b), method: 'linear' };
    case 'bool':
      return { values: Array.from(column.values).sort((a, b) => a - b), method: 'linear' };
    case 'object': {
      const values = Array.from(column.codes, (c) => column.dictionary[c]);
      if (!values.every((v) => typeof v === 'string')) {
        throw new WeftError('BAD_INPUT', 'Divisions calculation failed for a non-numeric column with nulls or mixed types; Dask advises dropping nulls first (`.dropna(subset=[...])`)');
      }
      const strings = values as string[];
      const ranks = dictionaryRanks(column.dictionary);
      const codes = column.codes;
      if (ranks) {
        // Only the sorted values matter here, not which row is where, so a counting sort by rank will do.
        const byRank: string[] = [];
        const counts: number[] = [];
        for (const c of codes) {
          const r = ranks[c];
          counts[r] = (counts[r] ?? 0) + 1;
          byRank[r] = strings.length ? (column.dictionary[c] as string) : '';
        }
        const sorted: string[] = [];
        counts.forEach((count, r) => {
          for (let k = 0; k < count; k++) sorted.push(byRank[r]);
        });
        return { values: sorted, method: 'nearest' };
      }
      const order = argsortQuick(strings.length, (a, b) => pyStringLess(strings[a], strings[b]));
      return { values: Array.from(order, (i) => strings[i]), method: 'nearest' };
    }
  }
}

/** `percentiles_summary(df, num_old, num_new, upsample, state)` of one partition's column. */
export function percentilesSummary(column: Column, numOld: number, numNew: number, upsample: number, state: Uint32Array): Summary {
  const length = column.dtype === 'object' ? column.codes.length : column.values.length;
  if (length === 0) return null;
  const qs = samplePercentiles(numOld, numNew, length, upsample, () => new RandomState(state));
  const { values, method } = sortedValues(column);
  // pandas passes qs / 100 to Series.quantile, which hands numpy (qs / 100) * 100; the string fallback passes qs.
  const q = column.dtype === 'object' ? qs : qs.map((x) => (x / 100) * 100);
  const vals: QuantileValue[] =
    values.length === 0
      ? Array.from(q, () => NaN)
      : percentilePositions(values.length, q, method).map(({ lower, upper, gamma }) =>
          method === 'nearest' ? values[lower] : lerp(values[lower] as number, values[upper] as number, gamma),
        );
  // np.ediff1d(qs, 0.0, 0.0) and 0.5 * length * (diff[1:] + diff[:-1]).
  const diff = [0, ...Array.from({ length: qs.length - 1 }, (_, i) => qs[i + 1] - qs[i]), 0];
  const scale = 0.5 * length;
  const weights = Array.from({ length: qs.length }, (_, i) => scale * (diff[i + 1] + diff[i]));
  return { vals, weights };
}

function pairLess(a: [QuantileValue, number], b: [QuantileValue, number]): boolean {
  if (a[0] === b[0]) return a[1] < b[1];
  // Python compares tuples element by element: the first elements differ here (or are NaN, which never equal).
  if (typeof a[0] === 'number' && typeof b[0] === 'number' && (Number.isNaN(a[0]) || Number.isNaN(b[0]))) return false;
  return pyLess(a[0], b[0]);
}

/** toolz' `merge_sorted` of pair sequences: halves merged recursively, the left taken unless the right is smaller. */
function mergeSorted(seqs: Array<Array<[QuantileValue, number]>>): Array<[QuantileValue, number]> {
  if (seqs.length === 0) return [];
  if (seqs.length === 1) return seqs[0];
  const mid = Math.floor(seqs.length / 2);
  const a = mergeSorted(seqs.slice(0, mid));
  const b = mergeSorted(seqs.slice(mid));
  const out: Array<[QuantileValue, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(pairLess(b[j], a[i]) ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** `merge_and_compress_summaries`: merged by value, equal values' weights summed. */
export function mergeAndCompressSummaries(summaries: Summary[]): Summary {
  const present = summaries.filter((s): s is NonNullable<Summary> => s !== null);
  if (present.length === 0) return null;
  const merged = mergeSorted(present.map((s) => s.vals.map((v, i): [QuantileValue, number] => [v, s.weights[i]])));
  const vals: QuantileValue[] = [];
  const weights: number[] = [];
  let [prevVal, prevWeight] = merged[0];
  let val = prevVal;
  for (let k = 1; k < merged.length; k++) {
    let weight: number;
    [val, weight] = merged[k];
    if (val === prevVal) prevWeight += weight;
    else {
      vals.push(prevVal);
      weights.push(prevWeight);
      prevVal = val;
      prevWeight = weight;
    }
  }
  if (val === prevVal) {
    vals.push(prevVal);
    weights.push(prevWeight);
  }
  return { vals, weights };
}

/** `tree_width(N)`. */
function treeWidth(n: number): number {
  const groupSize = n < 32 ? 2 : Math.trunc(Math.log(n));
  const numGroups = Math.floor(n / groupSize);
  if (numGroups < 16) return 2 ** Math.trunc(Math.log(n / groupSize) / Math.log(2));
  return numGroups;
}

/** `tree_groups(N, num_groups)`: group sizes spread evenly. */
function treeGroups(n: number, numGroups: number): number[] {
  const groupSize = Math.floor(n / numGroups);
  const dx = numGroups;
  const dy = n - groupSize * numGroups;
  let d = 2 * dy - dx;
  const out: number[] = [];
  for (let i = 0; i < numGroups; i++) {
    if (d < 0) out.push(groupSize);
    else {
      out.push(groupSize + 1);
      d -= 2 * dx;
    }
    d += 2 * dy;
  }
  return out;
}

/** Dask's merge tree over `n` summaries: per level, how many consecutive nodes of the level below each node takes. */
export function mergeTreeLevels(n: number): number[][] {
  const levels: number[][] = [];
  let width = n;
  while (width > 1) {
    const next = treeWidth(width);
    levels.push(treeGroups(width, next));
    width = next;
  }
  return levels;
}

/** The summaries reduced up the tree to one. */
export function reduceSummaries(summaries: Summary[]): Summary {
  const levels = mergeTreeLevels(summaries.length);
  if (levels.length === 0) return mergeAndCompressSummaries([summaries[0]]);
  let current = summaries;
  for (const groups of levels) {
    let at = 0;
    current = groups.map((size) => {
      const node = mergeAndCompressSummaries(current.slice(at, at + size));
      at += size;
      return node;
    });
  }
  return current[0];
}

/** `process_val_weights(vals_and_weights, npartitions, dtype_info)`: the `npartitions + 1` division values. */
export function processValWeights(summary: Summary, npartitions: number, dtype: DType): QuantileValue[] {
  if (summary === null) return new Array(npartitions + 1).fill(NaN);
  const { vals, weights } = summary;
  const numeric = vals.every((v) => typeof v === 'number');
  const sortValues = (rv: QuantileValue[]): QuantileValue[] => (numeric ? (rv as number[]).slice().sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b)) : rv.slice().sort((a, b) => (pyLess(a, b) ? -1 : pyLess(b, a) ? 1 : 0)));
  let rv: QuantileValue[];
  if (vals.length === npartitions + 1) rv = vals;
  else if (vals.length < npartitions + 1) {
    if (numeric) {
      const qWeights = cumsum(weights);
      const qTarget = linspace(qWeights[0], qWeights[qWeights.length - 1], npartitions + 1);
      rv = Array.from(interp(qTarget, qWeights, vals as number[]));
    } else {
      const dup = Array.from(linspace(0, vals.length - 1, npartitions - vals.length + 1), (x) => Math.trunc(x));
      rv = sortValues([...vals, ...dup.map((i) => vals[i])]);
    }
  } else {
    const targetWeight = npSum(weights) / npartitions;
    const jumbo = weights.map((w) => w >= targetWeight);
    const jumboVals = vals.filter((_, i) => jumbo[i]);
    const trimmedVals = vals.filter((_, i) => !jumbo[i]);
    const trimmedWeights = weights.filter((_, i) => !jumbo[i]);
    const trimmedNpartitions = npartitions - jumboVals.length;
    const qWeights = cumsum(trimmedWeights);
    const qTarget = linspace(0, qWeights[qWeights.length - 1], trimmedNpartitions + 1);
    const picked = Array.from(qTarget, (t) => {
      const left = searchsorted(qWeights, t, 'left');
      const right = Math.max(searchsorted(qWeights, t, 'right') - 1, 0);
      return trimmedVals[Math.min(left, right)];
    });
    rv = sortValues([...picked, ...jumboVals]);
  }
  // pd.array(rv, dtype='int64') truncates interpolated floats toward zero.
  if (dtype === 'int64') rv = rv.map((v) => Math.trunc(v as number));
  return rv;
}

/** Dask's `partition_quantiles(series, npartitions, upsample, random_state)` over the column's partitions. */
export function partitionQuantiles(columns: Column[], npartitions: number, upsample: number, randomState: number): QuantileValue[] {
  const states = randomStateData(columns.length, randomState);
  const summaries = columns.map((column, i) => percentilesSummary(column, columns.length, npartitions, upsample, states[i]));
  return processValWeights(reduceSummaries(summaries), npartitions, columns[0].dtype);
}

/** The last stages of `partition_quantiles`, from the per-partition summaries (pass 1's results). */
export function partitionQuantilesFromSummaries(summaries: Summary[], npartitions: number, dtype: DType): QuantileValue[] {
  return processValWeights(reduceSummaries(summaries), npartitions, dtype);
}
