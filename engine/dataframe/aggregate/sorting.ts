/**
 * numpy's and pandas' sorts where the order of ties is visible in a result (value_counts, nlargest).
 *
 * Policy:
 * - `argsortQuick` is numpy 1.24's `aquicksort` for float64/int64 keys (npysort/quicksort.cpp): introsort with a
 *   median-of-three pivot, partitions while a range spans more than 16 elements, insertion sort below, heapsort past a depth of
 *   2·⌊log2 n⌋; NaN sorts last. It is not stable, and pandas' default `kind="quicksort"` inherits its tie order.
 * - `nargsort` is pandas' (core/sorting.py): NaN positions set aside and appended (`na_position="last"`); for a
 *   descending sort the values are reversed, argsorted ascending, and the result reversed again.
 */

function less(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

function heapsort(v: ArrayLike<number>, tosort: Int32Array, start: number, n: number): void {
  // numpy's aheapsort uses 1-based indexing over tosort[start - 1 + i]
  const a = (i: number) => tosort[start + i - 1];
  const set = (i: number, x: number) => {
    tosort[start + i - 1] = x;
  };
  let i: number, j: number, l: number, tmp: number;
  for (l = n >> 1; l > 0; --l) {
    tmp = a(l);
    for (i = l, j = l << 1; j <= n; ) {
      if (j < n && less(v[a(j)], v[a(j + 1)])) j += 1;
      if (less(v[tmp], v[a(j)])) {
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
      if (j < n && less(v[a(j)], v[a(j + 1)])) j++;
      if (less(v[tmp], v[a(j)])) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
}

/** numpy's `np.argsort(values, kind="quicksort")` for float64 (and integral int64) values. */
export function argsortQuick(v: ArrayLike<number>): Int32Array {
  const num = v.length;
  const tosort = new Int32Array(num);
  for (let i = 0; i < num; i++) tosort[i] = i;
  if (num < 2) return tosort;
  const swap = (x: number, y: number) => {
    const t = tosort[x];
    tosort[x] = tosort[y];
    tosort[y] = t;
  };
  let pl = 0;
  let pr = num - 1;
  const stack: number[] = [];
  const depths: number[] = [];
  let cdepth = (31 - Math.clz32(num)) * 2;
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, tosort, pl, pr - pl + 1);
    } else {
      while (pr - pl > 15) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v[tosort[pm]], v[tosort[pl]])) swap(pm, pl);
        if (less(v[tosort[pr]], v[tosort[pm]])) swap(pr, pm);
        if (less(v[tosort[pm]], v[tosort[pl]])) swap(pm, pl);
        const vp = v[tosort[pm]];
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (less(v[tosort[pi]], vp));
          do --pj;
          while (less(vp, v[tosort[pj]]));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        const pk = pr - 1;
        swap(pi, pk);
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
        const vp = v[vi];
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && less(vp, v[tosort[pk]])) tosort[pj--] = tosort[pk--];
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

/** pandas' `nargsort(values, kind="quicksort", ascending, na_position="last")`. */
export function nargsort(values: ArrayLike<number>, ascending: boolean): Int32Array {
  const nonNan: number[] = [];
  const nanIdx: number[] = [];
  for (let i = 0; i < values.length; i++) (values[i] !== values[i] ? nanIdx : nonNan).push(i);
  if (!ascending) nonNan.reverse();
  const keys = Float64Array.from(nonNan, (i) => values[i]);
  const order = argsortQuick(keys);
  const indexer = Array.from(order, (o) => nonNan[o]);
  if (!ascending) indexer.reverse();
  return Int32Array.from([...indexer, ...nanIdx]);
}

/** A stable order of `rows` by a comparison (numpy's mergesort and pandas' lexsort are stable). */
export function stableOrder(length: number, compare: (a: number, b: number) => number): Int32Array {
  const order = Array.from({ length }, (_, i) => i);
  order.sort((a, b) => compare(a, b) || a - b);
  return Int32Array.from(order);
}
