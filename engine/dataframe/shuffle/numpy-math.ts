/**
 * The few numpy routines Dask's quantile-based divisions run, reproduced to the last bit because the divisions
 * are compared for equality: `linspace`, `interp`, `sum` (pairwise summation), `cumsum`, `searchsorted` and
 * `percentile` with the 'linear' and 'nearest' methods (numpy 1.24).
 */

/** `np.linspace(start, stop, num)`: `i * step + start`, the last exactly `stop`. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  if (div > 0) {
    const step = delta / div;
    for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
    out[num - 1] = stop;
  } else if (num === 1) {
    out[0] = start;
  }
  return out;
}

/** numpy's pairwise summation of `a[start..start+n)` (DOUBLE_pairwise_sum). */
function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[start + j]);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** `np.sum` of a float64 array: the first element plus the pairwise sum of the rest, as numpy's reduce runs. */
export function npSum(a: ArrayLike<number>): number {
  if (a.length === 0) return 0;
  return a[0] + pairwiseSum(a, 1, a.length - 1);
}

/** `np.cumsum`: a running sum, left to right. */
export function cumsum(a: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = i === 0 ? a[0] : out[i - 1] + a[i];
  return out;
}

/** `np.searchsorted(sorted, v, side)` for numbers. */
export function searchsorted(sorted: ArrayLike<number>, v: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (side === 'left' ? sorted[mid] < v : sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `np.interp(x, xp, fp)` (numpy's arr_interp: exact hits return fp, slopes `(fp[j+1]-fp[j])/(xp[j+1]-xp[j])`). */
export function interp(x: ArrayLike<number>, xp: ArrayLike<number>, fp: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  const last = xp.length - 1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) {
      out[i] = v;
      continue;
    }
    if (v < xp[0]) {
      out[i] = fp[0];
      continue;
    }
    if (v > xp[last]) {
      out[i] = fp[last];
      continue;
    }
    // The last j with xp[j] <= v.
    const j = searchsorted(xp, v, 'right') - 1;
    if (j === last || xp[j] === v) {
      out[i] = fp[j];
      continue;
    }
    const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    let r = slope * (v - xp[j]) + fp[j];
    if (Number.isNaN(r)) {
      r = slope * (v - xp[j + 1]) + fp[j + 1];
      if (Number.isNaN(r) && fp[j] === fp[j + 1]) r = fp[j];
    }
    out[i] = r;
  }
  return out;
}

/** numpy's `np.around` to an integer: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `np.percentile(sorted, q, method)` of already sorted values for percentiles `q` (0..100): 'linear' interpolates
 * as numpy's `_lerp` (from the lower neighbour below gamma 0.5, from the upper one above), 'nearest' takes the
 * value at `round_half_even((n - 1) * q / 100)`. Returns positions and weights so callers pick their own values.
 */
export function percentilePositions(n: number, q: ArrayLike<number>, method: 'linear' | 'nearest'): Array<{ lower: number; upper: number; gamma: number }> {
  return Array.from(q, (p) => {
    const quantile = p / 100;
    if (method === 'nearest') {
      const at = roundHalfEven((n - 1) * quantile);
      return { lower: at, upper: at, gamma: 0 };
    }
    const virtual = (n - 1) * quantile;
    let lower = Math.floor(virtual);
    let upper = lower + 1;
    if (virtual >= n - 1) {
      lower = n - 1;
      upper = n - 1;
    } else if (virtual < 0) {
      lower = 0;
      upper = 0;
    }
    return { lower, upper, gamma: virtual - Math.floor(virtual) };
  });
}

/** numpy's `_lerp(a, b, t)`. */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
