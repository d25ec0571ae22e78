/**
 * Dask's per-column reductions — `sum`, `min`, `max`, `count`, `mean` of a DataFrame or a Series, and `len(df)` —
 * as chunk / combine / aggregate stages over Weft's frames.
 *
 * Policy, from dask/dataframe/core.py (`reduction`, `_reduction_chunk`, `_reduction_aggregate`, `mean`):
 * - A DataFrame's chunk is pandas' reduction of the partition, a Series indexed by column names, turned into a
 *   one-row frame (`to_frame().T`); combine and aggregate concatenate those rows (an outer concat: a column missing
 *   from a row is NaN there) and reduce again. `count`'s aggregate sums and casts to int64. `split_every` defaults to
 *   False: one aggregate over all chunks.
 * - pandas 1.5 with `numeric_only=None`: each column is reduced on its own; a column whose reduction raises (an
 *   object column holding None/NaN, or strings and numbers) is dropped from that result ("nuisance" column). Sums of
 *   strings concatenate. The result's dtype is the common dtype of the per-column results (int with float → float64,
 *   bool with a number → object).
 * - A Series' chunk is a numpy scalar; the aggregate makes a Series of the chunks' scalars and reduces it. There the
 *   failures raise.
 * - An empty partition reduces to float64 for every column (sum 0.0, min/max NaN), as pandas' empty frames do.
 * - float64 sums are numpy's (pairwise-sum.ts), NaN skipped; min/max skip NaN and give NaN when nothing is left; an
 *   empty int column's min/max is NaN (float64), as pandas' nanops make it.
 * - `mean` is Dask's `sum / count` over the numeric and bool columns (object columns dropped at plan time).
 * - `skipna=False` (sum, min, max, mean): a float64 column holding NaN reduces to NaN, in every stage, as numpy's
 *   plain reductions do; object columns still skip their missing values.
 */
import { WeftError } from '../../errors.js';
import { PyFloat, makeFloat } from '../../values/py-types.js';
import type { Column, DType, Frame, FrameMeta, Label, Series, SeriesMeta } from '../frame.js';
import { columnLength, columnValue } from '../frame.js';
import { commonDType, comparePy, columnFromValues, concatColumns, isMissingAt, makeFrame, makeSeries, missingColumn, namesIndex, pyTypeOf } from './columns.js';
import { nanSum } from './pairwise-sum.js';
import type { Scalar, ScalarMeta } from './scalar.js';
import { scalar } from './scalar.js';
import type { TreeReduction } from './tree.js';

/** The reductions of this module. */
export type ColumnReduction = 'sum' | 'min' | 'max' | 'count';

/** frame.ts' policy: an int64 past ±(2**53 − 1) is refused rather than rounded. */
export function beyondExactInts(): WeftError {
  return new WeftError('TASK_FAILED', 'an int64 sum passes 2**53 - 1, beyond the integers Weft holds exactly');
}

/** Raised inside a reduction where pandas raises (a TypeError in Python). */
class ReductionTypeError extends Error {}

/** One column's reduced value and the dtype numpy gives it. */
function reduceColumn(column: Column, how: ColumnReduction, skipna = true): Scalar {
  const n = columnLength(column);
  if (!skipna && how !== 'count' && column.dtype === 'float64' && column.values.some((v) => v !== v)) return scalar('float64', NaN);
  if (!skipna && how !== 'count' && column.dtype === 'object') return reduceObjectsKeepingNaN(column, how);
  if (how === 'count') {
    let count = 0;
    for (let i = 0; i < n; i++) if (!isMissingAt(column, i)) count++;
    return scalar('int64', count);
  }
  switch (column.dtype) {
    case 'int64':
    case 'float64': {
      const values = column.values;
      if (how === 'sum') {
        if (column.dtype === 'float64') return scalar('float64', nanSum(values));
        let total = 0;
        for (let i = 0; i < n; i++) total += values[i];
        if (Math.abs(total) > Number.MAX_SAFE_INTEGER) throw beyondExactInts();
        return scalar('int64', total);
      }
      let best = NaN;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== v) continue;
        if (best !== best || (how === 'min' ? v < best : v > best)) best = v;
      }
      return best !== best ? scalar('float64', NaN) : scalar(column.dtype, best);
    }
    case 'bool': {
      const values = column.values;
      if (how === 'sum') {
        let total = 0;
        for (let i = 0; i < n; i++) total += values[i];
        return scalar('int64', total);
      }
      if (n === 0) return scalar('float64', NaN);
      let best = values[0];
      for (let i = 1; i < n; i++) best = how === 'min' ? Math.min(best, values[i]) : Math.max(best, values[i]);
      return scalar('bool', best === 1);
    }
    case 'object':
      return reduceObjects(column, how);
  }
}

/**
 * pandas' `nansum`/`nanmin`/`nanmax` of an object array: missing values are replaced by 0 (sum) or ±inf (min/max),
 * then numpy's object loop runs left to right from the first value, so strings next to a missing value raise
 * TypeError; min/max of nothing but missing values is NaN.
 */
function reduceObjects(column: Extract<Column, { dtype: 'object' }>, how: 'sum' | 'min' | 'max'): Scalar {
  const n = column.codes.length;
  if (n === 0) return how === 'sum' ? scalar('int64', 0) : scalar('float64', NaN);
  const fill = how === 'sum' ? 0 : how === 'min' ? Infinity : -Infinity;
  const at = (i: number) => (isMissingAt(column, i) ? fill : columnValue(column, i));
  let seen = !isMissingAt(column, 0);
  let acc = at(0);
  for (let i = 1; i < n; i++) {
    const v = at(i);
    seen ||= !isMissingAt(column, i);
    if (how === 'sum') acc = pyAdd(acc, v);
    else {
      let c: number;
      try {
        c = comparePy(v, acc);
      } catch (error) {
        throw new ReductionTypeError((error as Error).message);
      }
      if (how === 'min' ? c < 0 : c > 0) acc = v;
    }
  }
  if (!seen && how !== 'sum') return scalar('float64', NaN);
  return scalar('object', acc);
}

/**
 * numpy's object `sum`/`min`/`max` without pandas' filling (skipna=False): Python's `+` from the first value on
 * (NaN + a number is NaN, None raises); min keeps the running value while `acc <= v` holds, else takes v (numpy's
 * npy_ObjectMin), max likewise with `>=` — so a NaN is dropped when a value follows it and kept when it comes last.
 */
function reduceObjectsKeepingNaN(column: Extract<Column, { dtype: 'object' }>, how: 'sum' | 'min' | 'max'): Scalar {
  const n = column.codes.length;
  if (n === 0) return how === 'sum' ? scalar('int64', 0) : scalar('float64', NaN);
  let acc = columnValue(column, 0);
  for (let i = 1; i < n; i++) {
    const v = columnValue(column, i);
    if (how === 'sum') acc = pyAdd(acc, v);
    else if (!pyCompare(acc, v, how === 'min' ? '<=' : '>=')) acc = v;
  }
  return scalar('object', acc);
}

/** Python's `a <= b` / `a >= b` for numbers (NaN compares false) and strings; other pairs raise as Python does. */
function pyCompare(a: unknown, b: unknown, op: '<=' | '>='): boolean {
  const num = (v: unknown) => (v instanceof PyFloat ? v.value : typeof v === 'boolean' ? Number(v) : v);
  const x = num(a);
  const y = num(b);
  if (typeof x === 'number' && typeof y === 'number') return op === '<=' ? x <= y : x >= y;
  if (typeof x === 'string' && typeof y === 'string') {
    const c = comparePy(x, y);
    return op === '<=' ? c <= 0 : c >= 0;
  }
  throw new ReductionTypeError(`'${op}' not supported between instances of '${pyTypeOf(a)}' and '${pyTypeOf(b)}'`);
}

/** Python's `a + b` for the values an object column holds. */
function pyAdd(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const isNum = (v: unknown) => typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
  if (isNum(a) && isNum(b)) {
    const x = a instanceof PyFloat ? a.value : Number(a);
    const y = b instanceof PyFloat ? b.value : Number(b);
    const isFloat = a instanceof PyFloat || b instanceof PyFloat || !Number.isInteger(x) || !Number.isInteger(y);
    return isFloat ? makeFloat(x + y) : x + y;
  }
  throw new ReductionTypeError(`unsupported operand type(s) for +: '${pyTypeOf(a)}' and '${pyTypeOf(b)}'`);
}

/** A Series holding one reduced value per column, cast to their common dtype (pandas' `DataFrame._reduce`). */
function seriesOfScalars(names: Label[], values: Scalar[], name: Label | null = null): Series {
  const dtype = commonDType(values.map((v) => v.dtype));
  const column = columnFromValues(dtype, values.map((v) => (dtype === 'object' ? asObject(v) : v.value)));
  return makeSeries(name, column, namesIndex(names));
}

function asObject(v: Scalar): unknown {
  return v.dtype === 'float64' ? makeFloat(v.value as number) : v.value;
}

/** pandas' `df.<how>()` with numeric_only=None: nuisance columns dropped. */
function reduceFrame(frame: Frame, how: ColumnReduction, skipna = true): Series {
  if (frame.length === 0 && how !== 'count') {
    // pandas reduces an empty frame to float64 whatever the columns: sums 0.0, min/max NaN
    return seriesOfScalars(frame.names.slice(), frame.names.map(() => scalar('float64', how === 'sum' ? 0 : NaN)));
  }
  const names: Label[] = [];
  const values: Scalar[] = [];
  frame.columns.forEach((column, i) => {
    try {
      values.push(reduceColumn(column, how, skipna));
      names.push(frame.names[i]);
    } catch (error) {
      if (!(error instanceof ReductionTypeError)) throw error;
    }
  });
  return seriesOfScalars(names, values);
}

/** A Series as the one-row frame Dask's `_reduction_chunk` makes of it. */
function rowOf(series: Series): Frame {
  const names = labelsOf(series);
  const columns = names.map((_, i) => sliceOne(series.column, i));
  return makeFrame(names, columns, { kind: 'range', start: 0, step: 1, name: null }, 1);
}

function labelsOf(series: Series): Label[] {
  if (series.index.kind !== 'labels') throw new Error('a per-column result is indexed by column names');
  const level = series.index.levels[0];
  return Array.from({ length: series.length }, (_, i) => columnValue(level, i) as Label);
}

function sliceOne(column: Column, i: number): Column {
  if (column.dtype === 'object') return { dtype: 'object', codes: Int32Array.of(0), dictionary: [column.dictionary[column.codes[i]]] };
  if (column.dtype === 'bool') return { dtype: 'bool', values: Uint8Array.of(column.values[i]) };
  return { dtype: column.dtype, values: Float64Array.of(column.values[i]) };
}

/** pandas' outer concat of frames by rows: columns in order of first appearance, gaps filled with NaN. */
export function concatRows(frames: readonly Frame[]): Frame {
  const names: Label[] = [];
  for (const f of frames) for (const n of f.names) if (!names.includes(n)) names.push(n);
  const length = frames.reduce((s, f) => s + f.length, 0);
  const columns = names.map((name) =>
    concatColumns(
      frames.map((f) => {
        const at = f.names.indexOf(name);
        if (at >= 0) return f.columns[at];
        const dtype = frames.find((g) => g.names.includes(name))!.columns[frames.find((g) => g.names.includes(name))!.names.indexOf(name)].dtype;
        return missingColumn(f.length, dtype);
      }),
    ),
  );
  return makeFrame(names, columns, { kind: 'range', start: 0, step: 1, name: null }, length);
}

/** A frame reduction's stages: partials are one-row frames. */
export function frameReduction(how: ColumnReduction, options: { skipna?: boolean } = {}): TreeReduction<Frame, Frame, Series> {
  const skipna = options.skipna ?? true;
  const again = (parts: Frame[]): Series => {
    const series = reduceFrame(concatRows(parts), how === 'count' ? 'sum' : how, skipna);
    return how === 'count' ? { ...series, column: columnFromValues('int64', Array.from(numbersOf(series.column))) } : series;
  };
  return {
    chunk: (frame) => rowOf(reduceFrame(frame, how, skipna)),
    combine: (parts) => rowOf(again(parts)),
    aggregate: again,
  };
}

function numbersOf(column: Column): Float64Array {
  if (column.dtype === 'object') return Float64Array.from(column.codes, (c) => Number(column.dictionary[c]));
  return Float64Array.from(column.values);
}

/** A Series reduction's stages: partials are numpy scalars. */
export function seriesReduction(how: ColumnReduction, options: { skipna?: boolean } = {}): TreeReduction<Series, Scalar, Scalar> {
  const skipna = options.skipna ?? true;
  const again = (parts: Scalar[]): Scalar => {
    const dtype = commonDType(parts.map((p) => p.dtype));
    const column = columnFromValues(dtype, parts.map((p) => (dtype === 'object' ? asObject(p) : p.value)));
    const result = raising(() => reduceColumn(column, how === 'count' ? 'sum' : how, skipna));
    return how === 'count' ? scalar('int64', result.value) : result.dtype === 'object' ? numpyScalar(result.value) : result;
  };
  return {
    chunk: (series) => raising(() => reduceColumn(series.column, how, skipna)),
    combine: (parts) => again(parts),
    aggregate: again,
  };
}

/** The numpy scalar an object array's reduction hands back: the chosen element keeps its own type. */
function numpyScalar(value: unknown): Scalar {
  if (typeof value === 'boolean') return scalar('bool', value);
  if (value instanceof PyFloat) return scalar('float64', value.value);
  if (typeof value === 'number') return scalar(Number.isInteger(value) ? 'int64' : 'float64', value);
  return scalar('object', value);
}

function raising<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ReductionTypeError || error instanceof TypeError) throw new WeftError('TASK_FAILED', `TypeError: ${error.message}`);
    throw error;
  }
}

/** The dtype pandas' reduction gives one column of `dtype` (what Dask's meta computes on `_meta_nonempty`). */
function reducedDType(dtype: DType, how: ColumnReduction): DType {
  if (how === 'count') return 'int64';
  if (how === 'sum') return dtype === 'bool' ? 'int64' : dtype;
  return dtype;
}

/** The meta of `df.<how>()`: a Series over all columns (object ones too: the fake meta values reduce). */
export function frameReductionMeta(meta: FrameMeta, how: ColumnReduction): SeriesMeta {
  const dtypes = meta.columns.map((c) => reducedDType(c.dtype, how));
  return { kind: 'series', name: null, dtype: how === 'count' ? 'int64' : commonDType(dtypes), index: namesIndexMeta(meta.columns.map((c) => c.name)) };
}

function namesIndexMeta(names: Label[]): SeriesMeta['index'] {
  return { dtypes: [names.length > 0 && names.every((n) => typeof n === 'number') ? 'int64' : 'object'], names: [null] };
}

/** The meta of `s.<how>()`. */
export function seriesReductionMeta(meta: SeriesMeta, how: ColumnReduction): ScalarMeta {
  return { kind: 'scalar', dtype: reducedDType(meta.dtype, how) };
}

/** The columns `mean`, `var` and `std` of a frame read: numbers and bools (`_get_numeric_data`). */
export function numericColumns(meta: FrameMeta): Label[] {
  return meta.columns.filter((c) => c.dtype !== 'object').map((c) => c.name);
}

/** Rejects what Dask rejects at plan time for a Series: `mean`, `var`, `std` of an object series. */
export function assertNumericSeries(meta: SeriesMeta, what: string): void {
  if (meta.dtype === 'object') throw new WeftError('BAD_INPUT', `ValueError: \`${what}\` not supported with object series`);
}

/** The projection of a frame onto some columns (the `num` Dask's mean reduces). */
export function selectColumns(frame: Frame, names: readonly Label[]): Frame {
  return makeFrame(names.slice(), names.map((n) => frame.columns[frame.names.indexOf(n)]), frame.index, frame.length);
}

/** Dask's `mean_aggregate(s, n)` of a frame: the numeric sums over the numeric counts, as float64. */
export function frameMean(sum: Series, count: Series): Series {
  const sums = numbersOf(sum.column);
  const counts = numbersOf(count.column);
  return { ...sum, column: { dtype: 'float64', values: sums.map((s, i) => s / counts[i]) } };
}

/** Dask's `mean_aggregate(s, n)` of a Series. */
export function seriesMean(sum: Scalar, count: Scalar): Scalar {
  return scalar('float64', Number(sum.value) / Number(count.value));
}

/** The meta of `df.mean()`. */
export function frameMeanMeta(meta: FrameMeta): SeriesMeta {
  return { kind: 'series', name: null, dtype: 'float64', index: namesIndexMeta(numericColumns(meta)) };
}

/** `len(df)`'s stages: each partition's length, summed. */
export const lengthReduction: TreeReduction<Frame | Series, number, number> = {
  chunk: (part) => part.length,
  combine: (parts) => parts.reduce((a, b) => a + b, 0),
  aggregate: (parts) => parts.reduce((a, b) => a + b, 0),
};

