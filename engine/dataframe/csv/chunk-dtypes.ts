import { WeftError } from '../../errors.js';
import { reprString } from '../../values/repr.js';
import type { DType } from '../frame.js';
import { type FieldClass, preciseXstrtod } from './pandas-scalars.js';

/**
 * The dtype pandas' C parser gives one column of one chunk of rows, and each distinct text's value in it.
 *
 * Policy (parsers.pyx `_convert_tokens`, `_convert_with_dtype`, `_maybe_upcast`):
 * - Inferred: int64 if every field is an int; with a missing one, float64 (the ints upcast, NaN for missing); else
 *   float64 if every field is a float or missing; else bool if every field is a bool word (with a missing one: object
 *   holding True/False/NaN); else object holding the texts, missing as NaN.
 * - Forced (`dtype=`): the cast pandas tries first; when it fails, the inferred result cast "safely", with pandas'
 *   ValueErrors word for word (which value fails first follows the rows' order).
 * The caller hands over the chunk's distinct texts in the order they first appear, so "first" is right.
 */

/** A chunk's dtype and, per distinct text (by code), its value: a number (int64, float64, bool as 1/0) or an object. */
export type ChunkValues =
  | { dtype: 'int64' | 'float64' | 'bool'; numbers: Float64Array }
  | { dtype: 'object'; objects: unknown[] };

/** The distinct texts of one column of one chunk, with their classes; `present` lists codes in first-seen order. */
export interface ChunkTexts {
  texts: readonly string[];
  classes: readonly FieldClass[];
  present: readonly number[];
}

function failure(message: string): WeftError {
  return new WeftError('BAD_INPUT', message);
}

function inexactInt(text: string): WeftError {
  return failure(`the integer ${text.trim()} is beyond ±(2**53 − 1), which Weft's int64 columns (doubles) cannot hold exactly; read the column as 'float64' or 'object' with dtype=`);
}

/**
 * pandas' int64 parse stops at the first field (in row order) that is not an int64: if that is an int too large,
 * pandas raises OverflowError and tries uint64; past 2**64 the column is then object.
 */
function overflowFirst(chunk: ChunkTexts): boolean {
  const { texts, classes, present } = chunk;
  for (const code of present) {
    const c = classes[code];
    if (c.kind === 'na' || (c.kind === 'int' && (c.range === 'exact' || c.range === 'int64'))) continue;
    if (c.kind !== 'int') return false;
    if (c.range === 'beyond' && c.value > 0) return true;
    throw failure(`the integer ${texts[code].trim()} is past int64: pandas would read the column as uint64 (or as object), which Weft does not; read it as 'float64' or 'object' with dtype=`);
  }
  return false;
}

/** pandas' inference over a chunk's texts (no forced dtype). */
export function inferChunk(chunk: ChunkTexts): ChunkValues {
  const { texts, classes, present } = chunk;
  if (overflowFirst(chunk)) {
    const objects: unknown[] = new Array(texts.length);
    for (const code of present) objects[code] = classes[code].kind === 'na' ? NaN : texts[code];
    return { dtype: 'object', objects };
  }
  let hasNA = false;
  let allInt = true;
  let allFloat = true;
  let allBool = true;
  for (const code of present) {
    const kind = classes[code].kind;
    if (kind === 'na') hasNA = true;
    else {
      if (kind !== 'int') allInt = false;
      if (kind !== 'int' && kind !== 'float') allFloat = false;
      if (kind !== 'bool') allBool = false;
    }
  }
  const numbers = new Float64Array(texts.length);
  if (allInt || allFloat) {
    for (const code of present) {
      const c = classes[code];
      if (c.kind === 'na') numbers[code] = NaN;
      else if (c.kind === 'int') {
        if (!c.exact && allInt && !hasNA) throw inexactInt(texts[code]);
        // When not every field is an int, pandas reads them all with precise_xstrtod (a big int rounds its way, `-0`
        // stays −0.0); an int column with a missing value is int64 upcast.
        numbers[code] = allInt ? c.value : (preciseXstrtod(texts[code]) ?? c.value);
      } else if (c.kind === 'float') numbers[code] = c.value;
    }
    return { dtype: allInt && !hasNA ? 'int64' : 'float64', numbers };
  }
  if (allBool && !hasNA) {
    for (const code of present) numbers[code] = (classes[code] as { value: number }).value;
    return { dtype: 'bool', numbers };
  }
  const objects: unknown[] = new Array(texts.length);
  for (const code of present) {
    const c = classes[code];
    objects[code] = c.kind === 'na' ? NaN : allBool ? c.kind === 'bool' && c.value === 1 : texts[code];
  }
  return { dtype: 'object', objects };
}

const PY_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;
const PY_FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const PY_FLOAT_WORDS = /^[+-]?(?:inf|infinity|nan)$/i;

/** Python's `float(text)` for a str: the value, or null where Python raises ValueError. */
export function pythonFloat(text: string): number | null {
  const s = text.trim();
  if (PY_FLOAT_WORDS.test(s)) return Number(s.replace(/nan/i, 'NaN').replace(/inf(inity)?/i, 'Infinity'));
  if (!PY_FLOAT.test(s)) return null;
  return Number(s.replace(/_/g, ''));
}

/** Python's `int(text)` for a str: the value, or null where Python raises ValueError. */
export function pythonInt(text: string): number | null {
  return PY_INT.test(text) ? Number(text.trim().replace(/_/g, '')) : null;
}

function unsafeCast(forced: DType, found: string, position: number, suffix = ''): WeftError {
  return failure(`cannot safely convert passed user dtype of ${forced} for ${found} dtyped data in column ${position}${suffix}`);
}

/** pandas' read of a chunk with a forced dtype; `position` is the column's index in the file (pandas' messages). */
export function forceChunk(chunk: ChunkTexts, forced: DType, position: number): ChunkValues {
  const { texts, classes, present } = chunk;
  const kinds = new Set(present.map((code) => classes[code].kind));
  const hasNA = kinds.has('na');
  const only = (...allowed: string[]) => [...kinds].every((k) => k === 'na' || allowed.includes(k));
  if (forced === 'object') {
    const objects: unknown[] = new Array(texts.length);
    for (const code of present) objects[code] = classes[code].kind === 'na' ? NaN : texts[code];
    return { dtype: 'object', objects };
  }
  if (forced === 'int64' && only('int')) {
    if (hasNA) throw failure(`Integer column has NA values in column ${position}`);
    return inferChunk(chunk);
  }
  if (forced === 'float64' && only('int', 'float')) {
    const inferred = inferChunk(chunk) as { numbers: Float64Array };
    return { dtype: 'float64', numbers: inferred.numbers };
  }
  if (forced === 'bool' && only('bool')) {
    if (hasNA) throw failure(`Bool column has NA values in column ${position}`);
    return inferChunk(chunk);
  }
  // pandas' fallback: infer, then cast only where the values survive the cast unchanged.
  const inferred = inferChunk(chunk);
  const numbers = new Float64Array(texts.length);
  if (forced === 'int64') {
    if (inferred.dtype === 'float64') {
      for (const code of present) {
        const v = inferred.numbers[code];
        if (!Number.isInteger(v)) throw unsafeCast('int64', 'float64', position);
        numbers[code] = v;
      }
      return { dtype: 'int64', numbers };
    }
    if (inferred.dtype === 'bool') return { dtype: 'int64', numbers: inferred.numbers };
    if (inferred.dtype === 'object' && only('bool')) throw unsafeCast('int64', "<class 'numpy.bool_'>", position, ' due to NA values');
    for (const code of present) {
      const v = (inferred as { objects: unknown[] }).objects[code];
      if (typeof v === 'number') throw failure('cannot convert float NaN to integer');
      if (pythonInt(v as string) === null) throw failure(`invalid literal for int() with base 10: ${reprString(v as string)}`);
    }
    throw unsafeCast('int64', 'object', position);
  }
  if (forced === 'float64') {
    if (inferred.dtype === 'object' && only('bool')) {
      for (const code of present) numbers[code] = classes[code].kind === 'na' ? NaN : (classes[code] as { value: number }).value;
      return { dtype: 'float64', numbers };
    }
    if (inferred.dtype === 'bool') return { dtype: 'float64', numbers: inferred.numbers };
    for (const code of present) {
      const v = (inferred as { objects: unknown[] }).objects[code];
      if (typeof v === 'string' && pythonFloat(v) === null) throw failure(`could not convert string to float: ${reprString(v)}`);
    }
    throw unsafeCast('float64', 'object', position);
  }
  // forced bool, the texts not all bool words.
  if (inferred.dtype === 'int64' || inferred.dtype === 'float64') {
    // An int column with a missing value reaches the cast still int64 (its NA sentinel is not 0 or 1).
    const found = inferred.dtype === 'float64' && only('int') ? 'int64' : inferred.dtype;
    for (const code of present) {
      const v = inferred.numbers[code];
      if (v !== 0 && v !== 1) throw unsafeCast('bool', found, position);
      numbers[code] = v;
    }
    return { dtype: 'bool', numbers };
  }
  throw unsafeCast('bool', 'object', position);
}
