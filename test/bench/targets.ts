/**
 * What each benchmark row is judged against. Pipelines must beat Dask by a factor, unless that would put them below
 * what decompressing their input costs: then they are judged against the `gunzip | wc -l` floor instead; scheduler
 * overhead is judged in absolute microseconds per task. DataFrame pipelines must also beat DuckDB and
 * Polars, what an analyst would pick instead of Dask.
 */

export type Target =
  | { kind: 'faster-than-dask'; factor: number }
  /** Beat Dask by a factor or come near the floor, whichever allows more. */
  | { kind: 'dask-or-floor'; factor: number; maxRatio: number }
  | { kind: 'max-us-per-task'; max: number }
  /** The DataFrame section's: beat Dask by a factor or come near the floor, and beat every rival engine outright. */
  | { kind: 'dask-or-floor-and-rivals'; factor: number; maxRatio: number };

/** The numbers a target is checked on: medians in the row's unit, and the floor in seconds when there is one. */
export interface Medians {
  weft: number;
  dask: number;
  floor?: number;
  /** Other engines' medians by name (DuckDB, Polars), for targets that must beat them. */
  rivals?: Record<string, number>;
}

/** The target as the table prints it and whether the medians meet it. */
export function judge(target: Target, m: Medians): { target: string; ok: boolean } {
  switch (target.kind) {
    case 'faster-than-dask':
      return { target: `≥${target.factor}x faster than Dask`, ok: m.dask / m.weft >= target.factor };
    case 'dask-or-floor': {
      if (m.floor === undefined) throw new Error('a floor target needs the floor measured');
      const ratio = m.weft / m.floor;
      return { target: `≥${target.factor}x Dask or ≤${target.maxRatio}x floor (${ratio.toFixed(2)}x)`, ok: m.dask / m.weft >= target.factor || ratio <= target.maxRatio };
    }
    case 'max-us-per-task':
      return { target: `< ${target.max} us/task`, ok: m.weft < target.max };
    case 'dask-or-floor-and-rivals': {
      if (m.floor === undefined) throw new Error('a floor target needs the floor measured');
      const ratio = m.weft / m.floor;
      const rivals = Object.entries(m.rivals ?? {});
      const beatsRivals = rivals.every(([, seconds]) => m.weft < seconds);
      return {
        target: `≥${target.factor}x Dask or ≤${target.maxRatio}x floor (${ratio.toFixed(2)}x), < ${rivals.map(([name]) => name).join(', ')}`,
        ok: (m.dask / m.weft >= target.factor || ratio <= target.maxRatio) && beatsRivals,
      };
    }
  }
}
