/**
 * Seeded random numbers, columns and frames for the DataFrame kernels' differential tests: the values that catch
 * hashing, merging and aggregation out (negative ints, NaN, -0.0, ties, unicode, empty strings, None), drawn from
 * small pools so keys repeat. Test support only; it lives in engine/ because engine code, tests included, imports
 * nothing from test/ (test/integration/layering.test.ts).
 */

import type { Column, Frame, Index, Label } from './frame.js';
import { objectColumn } from './frame-from-values.js';

/** A small deterministic generator (mulberry32), so a failing case can be rerun. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['a', 'b', 'tcp', 'udp', '', 'héllo', '日本語', '🙂', 'a longer string past eight bytes', 'x'.repeat(17)];

/** A random column of `dtype`, `length` long, keys drawn from about `distinct` values. */
export function randomColumn(random: () => number, dtype: Column['dtype'], length: number, distinct = 6): Column {
  const pick = (k: number): number => Math.floor(random() * k);
  switch (dtype) {
    case 'int64':
      return { dtype, values: Float64Array.from({ length }, () => pick(distinct) * (random() < 0.3 ? -1 : 1) * (random() < 0.2 ? 2 ** 40 + 3 : 1)) };
    case 'float64':
      return {
        dtype,
        values: Float64Array.from({ length }, () => {
          const r = random();
          if (r < 0.1) return NaN;
          if (r < 0.15) return -0;
          if (r < 0.2) return 0;
          return pick(distinct) / 4 - 0.5;
        }),
      };
    case 'bool':
      return { dtype, values: Uint8Array.from({ length }, () => (random() < 0.5 ? 1 : 0)) };
    case 'object':
      return objectColumn(
        Array.from({ length }, () => {
          const r = random();
          if (r < 0.08) return null;
          if (r < 0.12) return NaN;
          return STRINGS[pick(Math.min(distinct, STRINGS.length))];
        }),
      );
  }
}

/** A frame of the given columns with a RangeIndex from `start`. */
export function frameOf(names: Label[], columns: Column[], start = 0, index?: Index): Frame {
  const length = columns.length ? (columns[0].dtype === 'object' ? columns[0].codes.length : columns[0].values.length) : 0;
  return { kind: 'frame', names, columns, index: index ?? { kind: 'range', start, step: 1, name: null }, length };
}

/** Partitions of the given sizes with columns k (str keys with None), g (small ints), i (ints), f (floats with NaN and ties), t (bool). */
export function randomPartitions(seed: number, sizes: readonly number[]): Frame[] {
  const rand = randomSource(seed);
  const keys = ['tcp', 'udp', 'icmp', 'http', null];
  return sizes.map((n) => {
    const k = Array.from({ length: n }, () => keys[Math.floor(rand() * (rand() < 0.1 ? 5 : 4))]);
    const g = Float64Array.from({ length: n }, () => Math.floor(rand() * 3));
    const i = Float64Array.from({ length: n }, () => Math.floor((rand() - 0.3) * 1e6));
    const f = Float64Array.from({ length: n }, () => (rand() < 0.1 ? NaN : rand() < 0.2 ? 0.5 : (rand() - 0.5) * 1e4 + 1e7));
    const t = Uint8Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
    return frameOf(['k', 'g', 'i', 'f', 't'], [objectColumn(k), { dtype: 'int64', values: g }, { dtype: 'int64', values: i }, { dtype: 'float64', values: f }, { dtype: 'bool', values: t }]);
  });
}
