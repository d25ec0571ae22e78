/**
 * Weft's int range. Ints are JS doubles, exact only up to Number.MAX_SAFE_INTEGER (2**53 - 1): one past it, 2**53 + 1
 * rounds to 2**53, so a result that reaches 2**53 can no longer be told from a wrong one. Every operation that makes
 * an int checks its result against this range and raises OverflowError (or, for a literal, refuses it at check time)
 * rather than return a rounded number. Since double rounding is monotonic, a computed or parsed value past the range
 * always lands past it, so `|r| > MAX_INT` on the rounded result is an exact test.
 */
export const MAX_INT = Number.MAX_SAFE_INTEGER;

/** How messages state the range. */
export const INT_RANGE_TEXT = '±(2**53 - 1)';
