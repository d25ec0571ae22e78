/**
 * Timing for the benchmark: wall-clock seconds from the monotonic clock, repeated runs, medians. The median, not the
 * mean, because one run disturbed by a GC pause or another process would drag a mean far off on a 5-run sample.
 */
import { performance } from 'node:perf_hooks';

/** Seconds one call of `fn` took, and what it returned. */
export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/** Runs `fn` `repeat` times one after another (never overlapping, so runs do not compete for cores). */
export async function timeRepeated<T>(repeat: number, fn: () => Promise<T>): Promise<{ seconds: number[]; values: T[] }> {
  const seconds: number[] = [];
  const values: T[] = [];
  for (let i = 0; i < repeat; i++) {
    const run = await timeOnce(fn);
    seconds.push(run.seconds);
    values.push(run.value);
  }
  return { seconds, values };
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of an empty list');
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
