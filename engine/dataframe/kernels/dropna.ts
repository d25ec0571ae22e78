import type { Column, Frame, FrameMeta, Label } from '../frame.js';
import { isMissing } from '../frame.js';
import { PandasError, pyReprLabel } from '../pandas-error.js';
import { maskPositions, takeFrameRows } from '../take-rows.js';

/**
 * `df.dropna(subset=, how=)`: drop the rows where any (`how='any'`) or every (`how='all'`) column of `subset`
 * (default: all columns) is missing — NaN in float64, None or NaN in object; int64 and bool hold no missing value.
 * As pandas 1.5 does, a frame that loses no row is returned as it is (its RangeIndex kept); otherwise the kept rows
 * keep their labels.
 */

export interface DropnaOptions {
  subset?: readonly Label[] | null;
  how?: string;
}

function checked(names: readonly Label[], options: DropnaOptions): { positions: number[]; isAll: boolean } {
  const how = options.how ?? 'any';
  if (how !== 'any' && how !== 'all') throw new PandasError('BAD_PARAM', 'ValueError', `invalid how option: ${how}`);
  if (!options.subset) return { positions: names.map((_, i) => i), isAll: how === 'all' };
  const missing = options.subset.filter((label) => !names.includes(label));
  if (missing.length > 0) throw new PandasError('BAD_PARAM', 'KeyError', pyReprLabel(missing));
  const wanted = new Set<Label>(options.subset);
  return { positions: names.flatMap((n, i) => (wanted.has(n) ? [i] : [])), isAll: how === 'all' };
}

/** 1 where a value is missing. */
export function missingMask(column: Column): Uint8Array | null {
  switch (column.dtype) {
    case 'int64':
    case 'bool':
      return null;
    case 'float64':
      return Uint8Array.from(column.values, (v) => (Number.isNaN(v) ? 1 : 0));
    case 'object': {
      const table = Uint8Array.from(column.dictionary, (v) => (isMissing(v) ? 1 : 0));
      return Uint8Array.from(column.codes, (c) => table[c]);
    }
  }
}

/** `df.dropna(subset=, how=)` on a partition. */
export function dropna(frame: Frame, options: DropnaOptions = {}): Frame {
  const { positions, isAll } = checked(frame.names, options);
  const n = frame.length;
  // count[i]: how many of the subset's columns are missing in row i.
  const count = new Uint16Array(n);
  for (const p of positions) {
    const mask = missingMask(frame.columns[p]);
    if (mask) for (let i = 0; i < n; i++) count[i] += mask[i];
  }
  const keep = new Uint8Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const drop = isAll ? positions.length > 0 && count[i] === positions.length : count[i] > 0;
    keep[i] = drop ? 0 : 1;
    kept += keep[i];
  }
  if (kept === n) return frame;
  return takeFrameRows(frame, maskPositions(keep));
}

/** The schema of `df.dropna(...)`: the same columns; Dask's meta (an empty frame loses no row) keeps the index. */
export function dropnaMeta(meta: FrameMeta, options: DropnaOptions = {}): FrameMeta {
  checked(meta.columns.map((c) => c.name), options);
  return { ...meta, columns: meta.columns.map((c) => ({ ...c })) };
}
