/**
 * Python's `format(x, ' .Nf')` and `format(x, ' .Ne')` for a float, digit for digit. JavaScript's toFixed and
 * toExponential round an exact tie away from zero; Python rounds the exact binary value half to even (`0.0078125`
 * to 6 places is `0.007812` in Python, `0.007813` in JavaScript), so the digits are computed here from the double's
 * exact value with BigInt. `signSpace` is the format's space flag: a space where a minus sign would go.
 */

/** Python's `format(x, ' .{digits}f')` (or `'.{digits}f'` without the sign space). */
export function formatFixed(x: number, digits: number, signSpace = true): string {
  const special = nonFinite(x, signSpace);
  if (special !== undefined) return special;
  const [mantissa, exponent] = exactParts(Math.abs(x));
  const scaled = roundHalfEven(mantissa * 10n ** BigInt(digits), exponent);
  let text = scaled.toString().padStart(digits + 1, '0');
  if (digits > 0) text = text.slice(0, text.length - digits) + '.' + text.slice(text.length - digits);
  return sign(x, signSpace) + text;
}

/** Python's `format(x, ' .{digits}e')` (or `'.{digits}e'` without the sign space). */
export function formatExponent(x: number, digits: number, signSpace = true): string {
  const special = nonFinite(x, signSpace);
  if (special !== undefined) return special;
  const magnitude = Math.abs(x);
  let decimalExponent = 0;
  let scaled = 0n;
  if (magnitude !== 0) {
    const [mantissa, exponent] = exactParts(magnitude);
    decimalExponent = Math.floor(Math.log10(magnitude));
    const low = 10n ** BigInt(digits);
    const high = low * 10n;
    // log10 can be off by one near powers of ten; the exact check below settles it.
    for (;;) {
      const shift = digits - decimalExponent;
      scaled = shift >= 0 ? roundHalfEven(mantissa * 10n ** BigInt(shift), exponent) : roundHalfEvenDiv(mantissa, exponent, 10n ** BigInt(-shift));
      if (scaled >= high) decimalExponent++;
      else if (scaled < low) decimalExponent--;
      else break;
    }
  }
  let text = scaled.toString().padStart(digits + 1, '0');
  if (digits > 0) text = text[0] + '.' + text.slice(1);
  const expSign = decimalExponent < 0 ? '-' : '+';
  return sign(x, signSpace) + text + 'e' + expSign + String(Math.abs(decimalExponent)).padStart(2, '0');
}

function nonFinite(x: number, signSpace: boolean): string | undefined {
  if (Number.isNaN(x)) return (signSpace ? ' ' : '') + 'nan';
  if (x === Infinity) return (signSpace ? ' ' : '') + 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

function sign(x: number, signSpace: boolean): string {
  return x < 0 || Object.is(x, -0) ? '-' : signSpace ? ' ' : '';
}

/** A finite non-negative double as `mantissa * 2**exponent`, exactly. */
function exactParts(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}

/** `round(value * 2**exponent)`, ties to even. */
function roundHalfEven(value: bigint, exponent: number): bigint {
  if (exponent >= 0) return value << BigInt(exponent);
  return roundHalfEvenDiv(value, exponent, 1n);
}

/** `round(value * 2**exponent / divisor)`, ties to even. */
function roundHalfEvenDiv(value: bigint, exponent: number, divisor: bigint): bigint {
  let numerator = value;
  let denominator = divisor;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}
