/** Seeded random DataFrame partitions for the kernels' differential tests: ints, floats with NaN, bools, strings. */
import type { Column, Frame, Label } from '../../engine/dataframe/frame.js';
import { objectColumn } from '../../engine/dataframe/frame-from-values.js';

/** A small deterministic PRNG (mulberry32), so a failing case can be rerun. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A frame of named columns with a RangeIndex from 0 (as read_csv gives each partition). */
export function frameOf(names: Label[], columns: Column[]): Frame {
  const length = columns.length === 0 ? 0 : columns[0].dtype === 'object' ? columns[0].codes.length : columns[0].values.length;
  return { kind: 'frame', names, columns, index: { kind: 'range', start: 0, step: 1, name: null }, length };
}

/** Partitions of the given sizes with columns k (str keys with None), g (small ints), i (ints), f (floats with NaN and ties), t (bool). */
export function randomPartitions(seed: number, sizes: readonly number[]): Frame[] {
  const rand = prng(seed);
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
