/**
 * pandas 1.5.3's `pd.concat(frames)` along rows with `join='outer'`: the one way partitions are glued together by
 * shuffles, repartitions, merges and `dd.concat`.
 *
 * Policy (pandas/core/internals/concat.py, reproduced because its dtypes depend on order and on the data):
 * - Frames with no rows and no columns are left out. Columns are the union in order of first appearance; a frame
 *   without a column contributes an all-missing piece.
 * - Per column, the pieces are "uniform" when the first is present, all are numeric or all object, each has the
 *   first's dtype or is bool/int, and none is all-missing (an empty, all-NaN or all-None float/object piece counts
 *   as all-missing; int and bool never do). Uniform pieces concatenate with numpy's promotion (bool < int < float).
 * - Otherwise pandas picks a target from the pieces that are not all-missing (`find_common_type`: bool with a
 *   number → object, int with float → float64, anything with object → object), widened to hold NaN when a frame
 *   lacks the column (int → float64, bool → object). All-missing pieces become that target's NaN (an object piece
 *   whose first value is None fills with None), bools are boxed to object when a fill is needed, and the pieces then
 *   concatenate with numpy's promotion, empty ones included. So `[float, bool]` is float64 but `[bool, float]` is
 *   object, exactly as pandas does.
 * - The index: RangeIndexes that follow on from each other stay a RangeIndex (empty ones skipped); anything else is
 *   the labels appended. Names survive when all frames agree.
 */

import { PyFloat } from '../../values/py-types.js';
import { columnLength, isMissing, type Column, type DType, type Frame, type Index, type Label } from '../frame.js';
import { rangeValues } from '../take-rows.js';
import { pyValue } from '../python-values.js';

/** One frame's part of a column: its values, or the missing value pandas fills in. */
export type Piece =
  | { kind: 'values'; column: Column }
  | { kind: 'fill'; dtype: DType; fill: 'nan' | 'none'; length: number };

function pieceDtype(piece: Piece): DType {
  return piece.kind === 'values' ? piece.column.dtype : piece.dtype;
}

function pieceLength(piece: Piece): number {
  return piece.kind === 'values' ? columnLength(piece.column) : piece.length;
}

/** pandas' `JoinUnit.is_na`: no column, or a float/object column that is empty or all missing. */
function isAllMissing(column: Column | null): boolean {
  if (column === null) return true;
  if (column.dtype === 'int64' || column.dtype === 'bool') return false;
  if (column.dtype === 'float64') {
    for (const v of column.values) if (!Number.isNaN(v)) return false;
    return true;
  }
  for (const code of column.codes) if (!isMissing(column.dictionary[code])) return false;
  return true;
}

/** numpy's promotion when arrays are concatenated. */
function numpyPromote(dtypes: DType[]): DType {
  if (dtypes.includes('object')) return 'object';
  if (dtypes.includes('float64')) return 'float64';
  if (dtypes.includes('int64')) return 'int64';
  return 'bool';
}

/** pandas' `find_common_type` (which refuses to mix bools with numbers). */
function pandasCommonType(dtypes: DType[]): DType {
  const distinct = new Set(dtypes);
  if (distinct.size === 1) return dtypes[0];
  if (distinct.has('object')) return 'object';
  if (distinct.has('bool')) return 'object';
  return 'float64';
}

/** `concat_compat` over the pieces pandas built: numpy's promotion, or object when empty pieces mix kinds. */
function concatCompatDtype(pieces: Piece[]): DType {
  const dtypes = pieces.map(pieceDtype);
  const distinct = new Set(dtypes);
  if (distinct.size === 1) return dtypes[0];
  if (pieces.every((p) => pieceLength(p) === 0)) {
    const numeric = [...distinct].every((d) => d === 'int64' || d === 'float64');
    const integral = [...distinct].every((d) => d === 'int64' || d === 'bool');
    if (!numeric && !integral) return 'object';
  }
  return numpyPromote(dtypes);
}

/** The pieces of one output column and the dtype pandas gives it. */
function planColumn(units: Array<{ column: Column | null; length: number }>): { pieces: Piece[]; dtype: DType } {
  const present = units.map((u) => u.column);
  const first = present[0];
  const isNumeric = (c: Column): boolean => c.dtype !== 'object';
  const uniform =
    first !== null &&
    present.every((c) => c !== null && isNumeric(c) === isNumeric(first)) &&
    present.every((c) => c!.dtype === first.dtype || c!.dtype === 'bool' || c!.dtype === 'int64') &&
    present.every((c) => !isAllMissing(c));
  if (uniform) {
    const pieces: Piece[] = present.map((c) => ({ kind: 'values', column: c! }));
    return { pieces, dtype: numpyPromote(pieces.map(pieceDtype)) };
  }
  const hasMissingColumn = present.some((c) => c === null);
  let candidates = present.filter((c): c is Column => c !== null && !isAllMissing(c)).map((c) => c.dtype);
  if (candidates.length === 0) candidates = present.filter((c): c is Column => c !== null).map((c) => c.dtype);
  let target = pandasCommonType(candidates);
  if (hasMissingColumn) target = target === 'int64' ? 'float64' : target === 'bool' ? 'object' : target;
  // A bool target never fills; an int target fills only when a frame lacks the column.
  const fills = target === 'float64' || target === 'object' || (target === 'int64' && hasMissingColumn);
  const pieces: Piece[] = units.map((u) => {
    const c = u.column;
    if (!fills) return { kind: 'values', column: c! };
    if (c === null) return { kind: 'fill', dtype: target, fill: 'nan', length: u.length };
    if (isAllMissing(c)) {
      const startsWithNone = c.dtype === 'object' && c.codes.length > 0 && c.dictionary[c.codes[0]] === null;
      return { kind: 'fill', dtype: target, fill: startsWithNone ? 'none' : 'nan', length: u.length };
    }
    // pandas boxes bools to object when it fills, so that numpy does not turn them into numbers.
    return { kind: 'values', column: c.dtype === 'bool' ? boolAsObject(c) : c };
  });
  return { pieces, dtype: concatCompatDtype(pieces) };
}

function boolAsObject(column: Extract<Column, { dtype: 'bool' }>): Column {
  return { dtype: 'object', codes: Int32Array.from(column.values), dictionary: [false, true] };
}

/** A key telling Python values apart as an object column's dictionary must (1 and True and 1.0 stay distinct). */
export function dictionaryKey(value: unknown): unknown {
  if (typeof value === 'number') return Number.isNaN(value) ? 'f:nan' : value;
  if (value instanceof PyFloat) return 'f:' + String(value.value) + (Object.is(value.value, -0) ? '-' : '');
  if (typeof value === 'string') return 's:' + value;
  if (typeof value === 'boolean') return value ? 'b:1' : 'b:0';
  if (value === null || value === undefined) return 'none';
  return value;
}

/** Builds a column of `dtype` from pieces (already of dtypes numpy promotes to it). */
export function joinPieces(pieces: Piece[], dtype: DType): Column {
  const total = pieces.reduce((n, p) => n + pieceLength(p), 0);
  if (dtype === 'object') {
    const dictionary: unknown[] = [];
    const lookup = new Map<unknown, number>();
    const codeOf = (value: unknown): number => {
      const key = dictionaryKey(value);
      let code = lookup.get(key);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(value);
        lookup.set(key, code);
      }
      return code;
    };
    const codes = new Int32Array(total);
    let at = 0;
    for (const p of pieces) {
      if (p.kind === 'fill') {
        const code = codeOf(p.fill === 'none' ? null : NaN);
        codes.fill(code, at, at + p.length);
        at += p.length;
      } else if (p.column.dtype === 'object') {
        const remap = p.column.dictionary.map((v) => codeOf(v));
        for (const c of p.column.codes) codes[at++] = remap[c];
      } else {
        const n = columnLength(p.column);
        for (let i = 0; i < n; i++) codes[at++] = codeOf(pyValue(p.column, i));
      }
    }
    return { dtype: 'object', codes, dictionary };
  }
  const values = dtype === 'bool' ? new Uint8Array(total) : new Float64Array(total);
  let at = 0;
  for (const p of pieces) {
    if (p.kind === 'fill') {
      values.fill(NaN, at, at + p.length);
      at += p.length;
    } else if (p.column.dtype !== 'object') {
      values.set(p.column.values, at);
      at += p.column.values.length;
    }
  }
  return dtype === 'bool' ? { dtype, values: values as Uint8Array } : { dtype, values: values as Float64Array };
}

/** pandas' concatenation of index labels (`Index.append`): numpy's promotion, empty levels left out. */
function concatLevels(levels: Column[]): Column {
  const nonEmpty = levels.filter((l) => columnLength(l) > 0);
  const used = nonEmpty.length ? nonEmpty : levels;
  const pieces: Piece[] = used.map((column) => ({ kind: 'values', column }));
  return joinPieces(pieces, concatCompatDtype(pieces));
}

function unanimous(names: Array<Label | null>): Label | null {
  return names.every((n) => n === names[0]) ? names[0] : null;
}

/** pandas' index of concatenated frames. */
export function concatIndexes(indexes: Index[], lengths: number[]): Index {
  if (indexes.length === 1) return indexes[0];
  if (indexes.every((ix) => ix.kind === 'range')) {
    const ranges = indexes as Array<Extract<Index, { kind: 'range' }>>;
    const name = unanimous(ranges.map((r) => r.name));
    let start: number | null = null;
    let step: number | null = null;
    let next: number | null = null;
    let consecutive = true;
    for (let k = 0; k < ranges.length && consecutive; k++) {
      const length = lengths[k];
      if (length === 0) continue;
      const r = ranges[k];
      if (start === null) {
        start = r.start;
        if (length > 1) step = r.step;
      } else if (step === null) {
        if (r.start === start) {
          consecutive = false;
          break;
        }
        step = r.start - start;
      }
      if ((step !== r.step && length > 1) || (next !== null && r.start !== next)) {
        consecutive = false;
        break;
      }
      if (step !== null) next = r.start + r.step * (length - 1) + step;
    }
    if (consecutive) {
      if (start === null) return { kind: 'range', start: 0, step: 1, name };
      return { kind: 'range', start, step: step ?? 1, name };
    }
  }
  const levelCount = Math.max(...indexes.map((ix) => (ix.kind === 'range' ? 1 : ix.levels.length)));
  const levels: Column[] = [];
  for (let l = 0; l < levelCount; l++) {
    levels.push(concatLevels(indexes.map((ix, k) => (ix.kind === 'range' ? rangeValues(ix, lengths[k]) : ix.levels[l]))));
  }
  const names: Array<Label | null> = [];
  for (let l = 0; l < levelCount; l++) names.push(unanimous(indexes.map((ix) => (ix.kind === 'range' ? ix.name : ix.names[l]))));
  return { kind: 'labels', levels, names };
}

/**
 * One column of `pd.concat(frames)` for frames that all have it: the same values and dtype as that column of
 * concatFrames, without building the other columns (a caller can then hold one concatenated column at a time).
 */
export function concatColumn(parts: Array<{ column: Column; length: number }>): Column {
  const { pieces, dtype } = planColumn(parts);
  return joinPieces(pieces, dtype);
}

/** `pd.concat(frames)`: rows of every frame in order, columns the union, dtypes as pandas 1.5 gives them. */
export function concatFrames(all: Frame[]): Frame {
  // pandas leaves out frames with neither rows nor columns (`sum(obj.shape) == 0`) when any others remain.
  const shaped = all.filter((f) => f.length > 0 || f.names.length > 0);
  const frames = shaped.length ? shaped : all;
  if (frames.length === 1) return frames[0];
  // Frames with the same labels in the same order (repeats included) join column by column, as pandas does; so do
  // frames with the same MultiIndex columns (groupby.agg's), which keep them.
  const first = frames[0].names;
  const tuples = frames[0].columnTuples;
  const sameTuples = (f: Frame): boolean => (f.columnTuples === undefined) === (tuples === undefined) && (tuples === undefined || JSON.stringify(f.columnTuples) === JSON.stringify(tuples));
  const sameLayout = frames.every((f) => f.names.length === first.length && f.names.every((n, i) => n === first[i]) && sameTuples(f));
  if (sameLayout && (first.length !== new Set(first).size || tuples !== undefined)) {
    const columns = first.map((_, at) => {
      const { pieces, dtype } = planColumn(frames.map((f) => ({ column: f.columns[at], length: f.length })));
      return joinPieces(pieces, dtype);
    });
    const length = frames.reduce((n, f) => n + f.length, 0);
    const joined: Frame = { kind: 'frame', names: first.slice(), columns, index: concatIndexes(frames.map((f) => f.index), frames.map((f) => f.length)), length };
    if (tuples) joined.columnTuples = tuples.map((t) => t.slice());
    return joined;
  }
  const names: Label[] = [];
  const seen = new Set<Label>();
  for (const f of frames) for (const n of f.names) if (!seen.has(n)) (seen.add(n), names.push(n));
  const columns = names.map((name) => {
    const { pieces, dtype } = planColumn(
      frames.map((f) => {
        const at = f.names.indexOf(name);
        return { column: at < 0 ? null : f.columns[at], length: f.length };
      }),
    );
    return joinPieces(pieces, dtype);
  });
  const length = frames.reduce((n, f) => n + f.length, 0);
  return { kind: 'frame', names, columns, index: concatIndexes(frames.map((f) => f.index), frames.map((f) => f.length)), length };
}
