import { decompose, divideHalfEven } from './round.js';

/**
 * Decimal digits of a double rounded exactly (half to even on exact ties), as C's printf does for `%f` and `%e` and
 * therefore Python's `%` formatting. JS's toFixed rounds exact ties up, and toExponential is not exact either.
 */
function scaled(abs: number, power: number): bigint {
  const [mantissa, exponent] = decompose(abs);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (power >= 0) num *= 10n ** BigInt(power);
  else den *= 10n ** BigInt(-power);
  return divideHalfEven(num, den);
}

/** `abs` (finite, >= 0) with `precision` digits after the point. */
export function fixedDigits(abs: number, precision: number): string {
  if (abs === 0) return precision > 0 ? '0.' + '0'.repeat(precision) : '0';
  const digits = scaled(abs, precision).toString().padStart(precision + 1, '0');
  if (precision === 0) return digits;
  return digits.slice(0, digits.length - precision) + '.' + digits.slice(digits.length - precision);
}

/** `abs` (finite, >= 0) as d.ddd with `precision` digits after the point, and its decimal exponent. */
export function exponentDigits(abs: number, precision: number): { mantissa: string; exponent: number } {
  if (abs === 0) return { mantissa: precision > 0 ? '0.' + '0'.repeat(precision) : '0', exponent: 0 };
  let exponent = Math.floor(Math.log10(abs));
  let q = scaled(abs, precision - exponent);
  const low = 10n ** BigInt(precision);
  // log10 can be off by one near powers of ten, and rounding can carry into a new digit: adjust and redo.
  if (q >= low * 10n) {
    exponent++;
    q = scaled(abs, precision - exponent);
  } else if (q < low) {
    exponent--;
    q = scaled(abs, precision - exponent);
  }
  if (q >= low * 10n) {
    exponent++;
    q = scaled(abs, precision - exponent);
  }
  const digits = q.toString();
  return { mantissa: precision > 0 ? digits[0] + '.' + digits.slice(1) : digits, exponent };
}

export function exponentText(exponent: number): string {
  return (exponent < 0 ? '-' : '+') + String(Math.abs(exponent)).padStart(2, '0');
}
