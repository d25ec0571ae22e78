import type { Series } from './frame.js';
import { concatFrames } from './shuffle/concat-frames.js';

/**
 * pandas' `pd.concat` of Series along rows (what `Series.compute()` does with the partitions): the values joined with
 * the same dtype rules as a frame's column, the indexes joined; the name kept when every piece has it, else None.
 */
export function concatSeries(all: Series[]): Series {
  if (all.length === 1) return all[0];
  const frame = concatFrames(all.map((s) => ({ kind: 'frame', names: [0], columns: [s.column], index: s.index, length: s.length })));
  const name = all.every((s) => s.name === all[0].name) ? all[0].name : null;
  return { kind: 'series', name, column: frame.columns[0], index: frame.index, length: frame.length };
}
