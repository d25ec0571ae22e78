/**
 * numpy's float64 summation, reproduced bit for bit, because Dask's sums, means and moments are numpy's sums and a
 * naive loop drifts beyond 1e-12 relative on a few hundred thousand KDD values.
 *
 * Policy (numpy 1.24, `DOUBLE_pairwise_sum` in loops_utils.h.src, reached through `np.add.reduce`):
 * - the reduction is fed in buffers of 8192 elements (the ufunc buffer size); each buffer is summed pairwise and
 *   added to a running total that starts at 0;
 * - pairwise: under 8 values a plain loop; up to 128 eight accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))
 *   and then the tail; above, split at half rounded down to a multiple of 8 and recurse.
 * pandas' `nansum` replaces NaN by 0 in place and sums the whole array the same way, so the positions (and the
 * blocks) are those of the full column; `nanSum` does the same without a copy.
 */

const BUFFER = 8192;
const BLOCK = 128;

/** numpy's `np.sum` of `values[start, start + length)` for float64. */
export function numpySum(values: ArrayLike<number>, start = 0, length = values.length - start, skipNaN = false): number {
  let total = 0;
  for (let lo = start; lo < start + length; lo += BUFFER) {
    total += pairwise(values, lo, Math.min(BUFFER, start + length - lo), skipNaN);
  }
  return total;
}

/** pandas' `nansum` of a float64 column: NaN counts as 0, in its own position. */
export function nanSum(values: ArrayLike<number>): number {
  return numpySum(values, 0, values.length, true);
}

function at(values: ArrayLike<number>, i: number, skipNaN: boolean): number {
  const v = values[i];
  return skipNaN && v !== v ? 0 : v;
}

function pairwise(a: ArrayLike<number>, lo: number, n: number, skipNaN: boolean): number {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res += at(a, lo + i, skipNaN);
    return res;
  }
  if (n <= BLOCK) {
    let r0 = at(a, lo, skipNaN);
    let r1 = at(a, lo + 1, skipNaN);
    let r2 = at(a, lo + 2, skipNaN);
    let r3 = at(a, lo + 3, skipNaN);
    let r4 = at(a, lo + 4, skipNaN);
    let r5 = at(a, lo + 5, skipNaN);
    let r6 = at(a, lo + 6, skipNaN);
    let r7 = at(a, lo + 7, skipNaN);
    let i = 8;
    const whole = n - (n % 8);
    for (; i < whole; i += 8) {
      r0 += at(a, lo + i, skipNaN);
      r1 += at(a, lo + i + 1, skipNaN);
      r2 += at(a, lo + i + 2, skipNaN);
      r3 += at(a, lo + i + 3, skipNaN);
      r4 += at(a, lo + i + 4, skipNaN);
      r5 += at(a, lo + i + 5, skipNaN);
      r6 += at(a, lo + i + 6, skipNaN);
      r7 += at(a, lo + i + 7, skipNaN);
    }
    let res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += at(a, lo + i, skipNaN);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, lo, n2, skipNaN) + pairwise(a, lo + n2, n - n2, skipNaN);
}
