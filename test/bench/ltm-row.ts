/**
 * A row of the larger-than-memory tables (Bag and DataFrame): Weft's time, peak, allowance and spill beside Dask's
 * time and peak, and its targets: at least SPEED_FACTOR times Dask's speed, a lower peak than Dask's, and a peak
 * within the limit plus the measured allowance (unless the pipeline is unbounded, which the row says).
 */
import type { DaskRun, WeftRun } from './larger-than-memory.js';
import type { CellsRow, CellsTable } from './table.js';

const SPEED_FACTOR = 3;
const MB = 1e6;

/** The columns of {@link ltmRow}'s cells. */
export const LTM_COLUMNS: CellsTable['columns'] = ['weft s', 'weft peak MB', 'allowance MB', 'spilled MB', 'dask s', 'dask peak MB', 'dask/weft time'].map((header) => ({ header, isNumeric: true }));

export interface LtmRowInput {
  name: string;
  /** The run's memory limit, bytes. */
  limitBytes: number;
  weft: WeftRun;
  dask: DaskRun;
  allowance: number;
  /** Why the pipeline cannot stay within a limit, if it cannot. */
  unboundedBecause?: string;
  /** Cells before the shared ones (the limit, where a table has several). */
  leadingCells?: string[];
}

export function ltmRow({ name, limitBytes, weft, dask, allowance, unboundedBecause, leadingCells = [] }: LtmRowInput): CellsRow {
  const peak = weft.run.peakBytes;
  const ratio = dask.seconds / weft.run.seconds;
  const bound = limitBytes + allowance;
  const isFaster = ratio >= SPEED_FACTOR;
  const isLeaner = peak < dask.run.peakBytes;
  const isWithinLimit = peak <= bound;
  const mark = (ok: boolean) => (ok ? 'yes' : 'NO');
  const limitTarget = `≤ ${(bound / MB).toFixed(0)} MB: ${mark(isWithinLimit)}${!isWithinLimit && unboundedBecause ? ` (unbounded: ${unboundedBecause})` : ''}`;
  return {
    name,
    cells: [
      ...leadingCells,
      weft.run.seconds.toFixed(2),
      (peak / MB).toFixed(0),
      (allowance / MB).toFixed(0),
      ((weft.stats.spill?.bytesSpilled ?? 0) / MB).toFixed(0),
      dask.seconds.toFixed(2),
      (dask.run.peakBytes / MB).toFixed(0),
      `${ratio.toFixed(2)}x`,
    ],
    target: `≥${SPEED_FACTOR}x: ${mark(isFaster)}; < dask peak: ${mark(isLeaner)}; ${limitTarget}`,
    ok: isFaster && isLeaner && (isWithinLimit || unboundedBecause !== undefined),
  };
}

/** What a run spilled and read back, as a table note. */
export function spillNote(name: string, weft: WeftRun): string {
  const s = weft.stats.spill;
  if (!s) return `${name}: no spill stats in weft's output`;
  const mb = (n: number) => (n / MB).toFixed(0);
  return `${name}: spilled ${mb(s.bytesSpilled)} MB in ${s.partitionsSpilled} results, read back ${mb(s.bytesReadBack)} MB in ${s.partitionsReadBack}; results held at most ${mb(s.peakBytesHeld)} MB (the store's count); engine elapsed ${(weft.stats.elapsedMs / 1000).toFixed(2)} s.`;
}
