/**
 * How pandas 1.5's C parser reads the text of one field: as missing, an int64, a float64, a bool, or none of those.
 *
 * Policy (pandas/_libs/parsers.pyx and src/parser/tokenizer.c, read_csv's defaults):
 * - Missing is an exact match against `STR_NA_VALUES` (no trimming; quoting does not matter, `""` is missing).
 * - An int is `str_to_int64`: ASCII whitespace around, one optional sign, digits only.
 * - A float is `precise_xstrtod` (the default `float_precision=None` means "high" in 1.5): up to 17 significant
 *   digits accumulated in a double, then one multiplication or division by a power of ten from a table. That is not
 *   always the correctly rounded value (it differs from JavaScript's `Number(text)` past 15 digits), so it is
 *   reproduced step by step here. Overflow (`1e400`) is a parse failure, which makes the column `object`; after a
 *   failure the words `inf`, `+inf`, `infinity`, `+infinity` (any case) give +∞ and `-inf`, `-infinity` give −∞.
 * - A bool is one of `True TRUE true` / `False FALSE false`, exactly.
 * Weft keeps int64 values in doubles, so an int64 column holding an integer beyond ±(2**53 − 1) is refused.
 */

/** pandas' `STR_NA_VALUES`: the texts read_csv takes as missing by default. */
export const NA_TEXTS: ReadonlySet<string> = new Set([
  '-1.#IND', '1.#QNAN', '1.#IND', '-1.#QNAN', '#N/A N/A', '#N/A', 'N/A', 'n/a', 'NA', '<NA>', '#NA', 'NULL', 'null',
  'NaN', '-NaN', 'nan', '-nan', '',
]);

/** The texts pandas' C parser reads as True and as False (`_true_values`, `_false_values`). */
export const TRUE_TEXTS: ReadonlySet<string> = new Set(['True', 'TRUE', 'true']);
export const FALSE_TEXTS: ReadonlySet<string> = new Set(['False', 'FALSE', 'false']);

/** The largest integer a double holds exactly; Weft's int64 stops here. */
export const MAX_EXACT_INT = 2 ** 53 - 1;

const POWERS_OF_TEN: Float64Array = (() => {
  const table = new Float64Array(309);
  // Each entry is the double nearest 10**k, as the C literals 1e0 ... 1e308 are.
  for (let k = 0; k <= 308; k++) table[k] = Number(`1e${k}`);
  return table;
})();

/** ASCII `isspace`: space, \t, \n, \v, \f, \r. */
export function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * pandas' `precise_xstrtod` over `text`, with `skip_trailing` on: the value, or null when pandas would not take the
 * whole text as a float (no digits, characters left over, or an overflow it reports as ERANGE).
 */
export function preciseXstrtod(text: string): number | null {
  const n = text.length;
  let p = 0;
  while (p < n && isAsciiSpace(text.charCodeAt(p))) p++;
  let negative = false;
  if (text[p] === '-') {
    negative = true;
    p++;
  } else if (text[p] === '+') p++;
  let number = 0;
  let exponent = 0;
  let digits = 0;
  let decimals = 0;
  const maxDigits = 17;
  while (p < n && isDigit(text.charCodeAt(p))) {
    if (digits < maxDigits) {
      number = number * 10 + (text.charCodeAt(p) - 48);
      digits++;
    } else exponent++;
    p++;
  }
  if (text[p] === '.') {
    p++;
    while (digits < maxDigits && p < n && isDigit(text.charCodeAt(p))) {
      number = number * 10 + (text.charCodeAt(p) - 48);
      p++;
      digits++;
      decimals++;
    }
    if (digits >= maxDigits) while (p < n && isDigit(text.charCodeAt(p))) p++;
    exponent -= decimals;
  }
  if (digits === 0) return null;
  if (negative) number = -number;
  if (text[p] === 'e' || text[p] === 'E') {
    p++;
    let negativeExponent = false;
    if (text[p] === '-') {
      negativeExponent = true;
      p++;
    } else if (text[p] === '+') p++;
    let expDigits = 0;
    let e = 0;
    while (expDigits < maxDigits && p < n && isDigit(text.charCodeAt(p))) {
      e = e * 10 + (text.charCodeAt(p) - 48);
      expDigits++;
      p++;
    }
    exponent += negativeExponent ? -e : e;
    // No digits after the 'e' (or its sign): pandas steps back one character, which is then left over.
    if (expDigits === 0) p--;
  }
  if (exponent > 308) return null;
  if (exponent > 0) number *= POWERS_OF_TEN[exponent];
  else if (exponent < -308) {
    if (exponent < -616) number = 0;
    else {
      number /= POWERS_OF_TEN[-308 - exponent];
      number /= POWERS_OF_TEN[308];
    }
  } else number /= POWERS_OF_TEN[-exponent];
  if (number === Infinity || number === -Infinity) return null;
  while (p < n && isAsciiSpace(text.charCodeAt(p))) p++;
  return p === n ? number : null;
}

/** pandas' float reading of a non-missing field: `precise_xstrtod`, then the infinity words; null if neither. */
export function parseFloatField(text: string): number | null {
  const value = preciseXstrtod(text);
  if (value !== null) return value;
  switch (text.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    default:
      return null;
  }
}

const INT_SYNTAX = /^[ \t\n\v\f\r]*[+-]?[0-9]+[ \t\n\v\f\r]*$/;

/** Whether pandas' `str_to_int64` accepts the text (ignoring range). */
export function isIntText(text: string): boolean {
  return INT_SYNTAX.test(text);
}

/**
 * What one field's text is to pandas' inference; `value` is its number (ints and floats) or 1/0 (bools). An int's
 * `range`: `exact` within ±(2**53 − 1); `int64` past that (its value rounded: a column that stays int64 with one is
 * refused); `uint64` in [2**63, 2**64); `beyond` past both, where pandas' int parse overflows.
 */
export type FieldClass =
  | { kind: 'na' }
  | { kind: 'int'; value: number; exact: boolean; range: 'exact' | 'int64' | 'uint64' | 'beyond' }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: number }
  | { kind: 'text' };

/** The class of a field's text, trying pandas' casts in its order: int64, float64, bool, then object. */
export function classifyField(text: string): FieldClass {
  if (NA_TEXTS.has(text)) return { kind: 'na' };
  if (isIntText(text)) {
    const value = Number(text.trim());
    const exact = Math.abs(value) <= MAX_EXACT_INT;
    let range: 'exact' | 'int64' | 'uint64' | 'beyond' = 'exact';
    if (!exact) {
      const big = BigInt(text.trim());
      range = big >= -(2n ** 63n) && big < 2n ** 63n ? 'int64' : big >= 0n && big < 2n ** 64n ? 'uint64' : 'beyond';
    }
    return { kind: 'int', value: value === 0 ? 0 : value, exact, range };
  }
  const float = parseFloatField(text);
  if (float !== null) return { kind: 'float', value: float };
  if (TRUE_TEXTS.has(text)) return { kind: 'bool', value: 1 };
  if (FALSE_TEXTS.has(text)) return { kind: 'bool', value: 0 };
  return { kind: 'text' };
}
