/**
 * numpy 1.24's `argsort(kind='quicksort')` (npysort/quicksort.cpp `aquicksort_`: introsort with median-of-three,
 * insertion sort for 16 elements or fewer, heapsort when the depth budget runs out) and pandas' `nargsort`, ported step
 * for step because neither is stable: rows with equal keys come out in the order this exact algorithm leaves them,
 * which is the order pandas' `sort_values`, `sort_index`, `value_counts` and `nlargest` give.
 *
 * Policy: one port, driven by a comparison of two positions, so that any key (numbers, dictionary ranks, strings)
 * sorts through the same steps; `argsortNumbers` and `nargsortNumbers` are that port over float64/int64 values, with
 * NaN sorting last as numpy's `FLOAT_LT` puts it.
 */

const SMALL_QUICKSORT = 15;

/** numpy's `npy_get_msb`: the index of the highest set bit. */
function msb(n: number): number {
  let depth = 0;
  while (n > 1) {
    n = Math.floor(n / 2);
    depth++;
  }
  return depth;
}

function aheapsort(less: (a: number, b: number) => boolean, tosort: Int32Array, start: number, n: number): void {
  // numpy indexes the heap from 1: a[i] is tosort[start + i - 1].
  const a = (i: number): number => tosort[start + i - 1];
  const set = (i: number, v: number): void => {
    tosort[start + i - 1] = v;
  };
  let i: number;
  let j: number;
  let tmp: number;
  for (let l = n >> 1; l > 0; --l) {
    tmp = a(l);
    for (i = l, j = l << 1; j <= n; ) {
      if (j < n && less(a(j), a(j + 1))) j += 1;
      if (less(tmp, a(j))) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
  for (; n > 1; ) {
    tmp = a(n);
    set(n, a(1));
    n -= 1;
    for (i = 1, j = 2; j <= n; ) {
      if (j < n && less(a(j), a(j + 1))) j++;
      if (less(tmp, a(j))) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
}

/**
 * numpy's indirect quicksort: the positions 0..n-1 ordered so that `less(a, b)` (comparing the values at
 * positions a and b) never holds for a later position against an earlier one.
 */
export function argsortQuick(n: number, less: (a: number, b: number) => boolean): Int32Array {
  const tosort = Int32Array.from({ length: n }, (_, i) => i);
  if (n < 2) return tosort;
  let pl = 0;
  let pr = n - 1;
  const stack: number[] = [];
  const depths: number[] = [];
  let cdepth = msb(n) * 2;
  const swap = (x: number, y: number): void => {
    const t = tosort[x];
    tosort[x] = tosort[y];
    tosort[y] = t;
  };
  for (;;) {
    let popped = false;
    if (cdepth < 0) {
      aheapsort(less, tosort, pl, pr - pl + 1);
      popped = true;
    }
    if (!popped) {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(tosort[pm], tosort[pl])) swap(pm, pl);
        if (less(tosort[pr], tosort[pm])) swap(pr, pm);
        if (less(tosort[pm], tosort[pl])) swap(pm, pl);
        const vp = tosort[pm];
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (less(tosort[pi], vp));
          do --pj;
          while (less(vp, tosort[pj]));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        const pk = pr - 1;
        swap(pi, pk);
        // Push the larger partition, continue with the smaller.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = tosort[pi];
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && less(vi, tosort[pk])) tosort[pj--] = tosort[pk--];
        tosort[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depths.pop()!;
  }
  return tosort;
}

/**
 * pandas 1.5's `nargsort(kind='quicksort')`: missing values set aside (to the end or the start), the rest argsorted
 * by numpy — reversed before and after when descending, which is why descending ties are not ascending's reversed.
 */
export function nargsort(n: number, isMissingAt: (i: number) => boolean, less: (a: number, b: number) => boolean, ascending: boolean, naPosition: 'first' | 'last'): Int32Array {
  const nonNan: number[] = [];
  const nanIdx: number[] = [];
  for (let i = 0; i < n; i++) (isMissingAt(i) ? nanIdx : nonNan).push(i);
  if (!ascending) nonNan.reverse();
  const order = argsortQuick(nonNan.length, (a, b) => less(nonNan[a], nonNan[b]));
  let indexer = Array.from(order, (o) => nonNan[o]);
  if (!ascending) indexer = indexer.reverse();
  return Int32Array.from(naPosition === 'last' ? [...indexer, ...nanIdx] : [...nanIdx, ...indexer]);
}

/** numpy's `<` for float64 keys: NaN sorts after every number. */
function numberLess(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

/** numpy's `np.argsort(values, kind="quicksort")` for float64 (and integral int64) values. */
export function argsortNumbers(values: ArrayLike<number>): Int32Array {
  return argsortQuick(values.length, (a, b) => numberLess(values[a], values[b]));
}

/** pandas' `nargsort(values, kind="quicksort", ascending, na_position="last")` for float64 (and int64) values. */
export function nargsortNumbers(values: ArrayLike<number>, ascending: boolean): Int32Array {
  return nargsort(values.length, (i) => values[i] !== values[i], (a, b) => values[a] < values[b], ascending, 'last');
}

/** A stable order of `length` rows by a comparison (numpy's mergesort and pandas' lexsort are stable). */
export function stableOrder(length: number, compare: (a: number, b: number) => number): Int32Array {
  const order = Array.from({ length }, (_, i) => i);
  order.sort((a, b) => compare(a, b) || a - b);
  return Int32Array.from(order);
}

/** Python's `<` for two str values: by code point, where JavaScript's `<` compares UTF-16 units. */
export function pyStringLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX === surrogateY) return x < y;
    // A surrogate starts a code point above U+FFFF, which sorts after every BMP code point.
    return surrogateY;
  }
  return a.length < b.length;
}

/**
 * The rank of each entry of a string dictionary in Python's order (equal strings share a rank), so that rows
 * compare by two integer loads instead of a string comparison; the comparisons, hence numpy's tie order, are the
 * same. Null when an entry is not a string (a missing value or another type), which callers handle themselves.
 */
export function dictionaryRanks(dictionary: unknown[]): Int32Array | null {
  if (!dictionary.every((v) => typeof v === 'string')) return null;
  const strings = dictionary as string[];
  const order = strings.map((_, i) => i).sort((a, b) => (pyStringLess(strings[a], strings[b]) ? -1 : pyStringLess(strings[b], strings[a]) ? 1 : 0));
  const ranks = new Int32Array(strings.length);
  let rank = 0;
  order.forEach((code, k) => {
    if (k > 0 && strings[order[k - 1]] !== strings[code]) rank++;
    ranks[code] = rank;
  });
  return ranks;
}
