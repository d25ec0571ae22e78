/**
 * `dd.concat(dfs)` along rows (Dask 2022.12, dask/dataframe/multi.py `concat` → `stack_partitions`): the inputs'
 * partitions appended, no data moved between partitions.
 *
 * Policy:
 * - The meta is pandas' concat of the inputs' non-empty metas (fake rows, never missing): the union of columns in
 *   order of first appearance; dtypes as pd.concat promotes them (concat-frames.ts), a column some input lacks
 *   widened to hold NaN (int64 → float64, bool → object).
 * - Each input first casts the columns it shares with the meta to the meta's dtype (`astype`); an input whose
 *   schema then still differs from the meta (a missing column, another order) has every partition concatenated
 *   after the empty meta (`methods.concat([meta, part])`), which adds the missing columns as NaN in meta order.
 * - Inputs without columns are dropped; one input is returned as it is. Divisions stay known only when every
 *   input's are known and each input ends before the next begins; otherwise they are unknown. Weft does not
 *   interleave partitions (`interleave_partitions=True`).
 */

import { WeftError } from '../../errors.js';
import { indexMeta, type Column, type DType, type Frame, type FrameMeta } from '../frame.js';
import { concatFrames, joinPieces } from './concat-frames.js';
import { emptyFrame } from './empty-frame.js';

/** A division value (a partition's first or last index label), or null when unknown. */
export type Division = number | string | null;

/** One input of the concat: its schema, partition count and divisions (`null` entries when unknown). */
export interface ConcatInput {
  meta: FrameMeta;
  npartitions: number;
  divisions: Division[];
}

/** Where each output partition comes from, and what is done to it. */
export interface ConcatPlan {
  kind: 'concat';
  meta: FrameMeta;
  divisions: Division[];
  /** Output partition i is partition `partition` of input `input`, cast and (when `padWithMeta`) aligned. */
  parts: Array<{ input: number; partition: number }>;
  /** Per input: columns to cast to the meta's dtype, and whether its partitions are concatenated after the meta. */
  inputs: Array<{ casts: Array<{ name: Frame['names'][number]; dtype: DType }>; padWithMeta: boolean }>;
}

function fakeColumn(dtype: DType): Column {
  switch (dtype) {
    case 'int64':
      return { dtype, values: Float64Array.of(1, 1) };
    case 'float64':
      return { dtype, values: Float64Array.of(1, 1) };
    case 'bool':
      return { dtype, values: Uint8Array.of(1, 1) };
    case 'object':
      return { dtype, codes: Int32Array.of(0, 0), dictionary: ['foo'] };
  }
}

/** Dask's `_meta_nonempty`: two rows of non-missing values with the meta's dtypes, a RangeIndex(2) or fake labels. */
function nonEmptyFrame(meta: FrameMeta): Frame {
  const index: Frame['index'] = meta.index.range
    ? { kind: 'range', start: 0, step: 1, name: meta.index.names[0] ?? null }
    : { kind: 'labels', levels: meta.index.dtypes.map(fakeColumn), names: meta.index.names.slice() };
  return { kind: 'frame', names: meta.columns.map((c) => c.name), columns: meta.columns.map((c) => fakeColumn(c.dtype)), index, length: 2 };
}

function sameSchema(a: FrameMeta, b: FrameMeta): boolean {
  return a.columns.length === b.columns.length && a.columns.every((c, i) => c.name === b.columns[i].name && c.dtype === b.columns[i].dtype);
}

/** Orders two division values as pandas would (numbers or strings; mixed kinds are not ordered). */
function before(a: Division, b: Division): boolean {
  if (a === null || b === null) return false;
  if (typeof a !== typeof b) return false;
  return a < b;
}

/** The meta, the divisions and the partition mapping of `dd.concat(inputs)`. */
export function concatPlan(allInputs: ConcatInput[], nodeId?: string): ConcatPlan {
  if (allInputs.length === 0) throw new WeftError('BAD_PARAM', 'No objects to concatenate', { nodeId });
  const kept = allInputs.map((input, index) => ({ input, index })).filter(({ input }) => allInputs.length === 1 || input.meta.columns.length > 0);
  if (kept.length === 1 || allInputs.length === 1) {
    const only = kept[0] ?? { input: allInputs[0], index: 0 };
    return {
      kind: 'concat',
      meta: only.input.meta,
      divisions: only.input.divisions.slice(),
      parts: Array.from({ length: only.input.npartitions }, (_, partition) => ({ input: only.index, partition })),
      inputs: allInputs.map(() => ({ casts: [], padWithMeta: false })),
    };
  }
  const metaFrame = concatFrames(kept.map(({ input }) => nonEmptyFrame(input.meta)));
  const meta: FrameMeta = {
    kind: 'frame',
    columns: metaFrame.names.map((name, i) => ({ name, dtype: metaFrame.columns[i].dtype })),
    // Two fake RangeIndex(2)s do not follow on, so the meta (and the empty frame partitions are padded with) has
    // int64 labels, as Dask's has.
    index: indexMeta(metaFrame.index),
  };
  const inputs: ConcatPlan['inputs'] = allInputs.map(() => ({ casts: [], padWithMeta: false }));
  for (const { input, index } of kept) {
    const casts = input.meta.columns.flatMap((c) => {
      const target = meta.columns.find((m) => m.name === c.name)!;
      return target.dtype !== c.dtype ? [{ name: c.name, dtype: target.dtype }] : [];
    });
    const castMeta: FrameMeta = { ...input.meta, columns: input.meta.columns.map((c) => ({ name: c.name, dtype: casts.find((x) => x.name === c.name)?.dtype ?? c.dtype })) };
    inputs[index] = { casts, padWithMeta: !sameSchema(castMeta, meta) };
  }
  const known = kept.every(({ input }) => input.divisions.every((d) => d !== null));
  const ordered = known && kept.every(({ input }, i) => i === kept.length - 1 || before(input.divisions[input.divisions.length - 1], kept[i + 1].input.divisions[0]));
  const parts = kept.flatMap(({ input, index }) => Array.from({ length: input.npartitions }, (_, partition) => ({ input: index, partition })));
  let divisions: Division[];
  if (ordered) {
    divisions = [];
    kept.forEach(({ input }, i) => divisions.push(...(i === kept.length - 1 ? input.divisions : input.divisions.slice(0, -1))));
  } else {
    divisions = new Array(parts.length + 1).fill(null);
  }
  return { kind: 'concat', meta, divisions, parts, inputs };
}

/** pandas' `astype` of a column to a wider dtype (int/bool → float64, bool → int64, anything → object). */
export function castColumn(column: Column, dtype: DType): Column {
  if (column.dtype === dtype) return column;
  if (dtype === 'object') return joinPieces([{ kind: 'values', column }], 'object');
  if (column.dtype === 'object') throw new WeftError('BAD_INPUT', `cannot cast an object column to ${dtype}`);
  if (dtype === 'bool') return { dtype: 'bool', values: Uint8Array.from(column.values, (v) => (v ? 1 : 0)) };
  return { dtype, values: Float64Array.from(column.values) };
}

/** One output partition: the input partition with the plan's casts, after the empty meta when the plan says so. */
export function concatPartition(part: Frame, plan: ConcatPlan, input: number): Frame {
  const { casts, padWithMeta } = plan.inputs[input];
  const cast: Frame = casts.length
    ? { ...part, columns: part.columns.map((c, i) => castColumn(c, casts.find((x) => x.name === part.names[i])?.dtype ?? c.dtype)) }
    : part;
  return padWithMeta ? concatFrames([emptyFrame(plan.meta), cast]) : cast;
}
