/** Python's `repr(float)`: the shortest round-trip digits, fixed between 1e-4 and 1e16, scientific outside. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest digits that round-trip, as Python's repr does.
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return sign + '0.' + '0'.repeat(-exponent - 1) + digits;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fracPart = digits.slice(exponent + 1);
    return sign + intPart + '.' + (fracPart === '' ? '0' : fracPart);
  }
  const head = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return sign + head + 'e' + expSign + String(Math.abs(exponent)).padStart(2, '0');
}
