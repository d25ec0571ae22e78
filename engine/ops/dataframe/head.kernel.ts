/** The kernels of `dataframe.head` and `series.head`: pandas' `head(n)` of each partition read, then of their concatenation. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame, Series } from '../../dataframe/frame.js';
import { sliceRows } from '../../dataframe/frame-slice.js';
import { concatFrames } from '../../dataframe/shuffle/concat-frames.js';
import { concatSeries } from '../../dataframe/concat-series.js';
import { partitionStepKernel } from './partition-step.js';

/** pandas' `head(n)`: `iloc[:n]`, so a negative n leaves out the last -n rows. */
export function headRows<T extends Frame | Series>(value: T, n: number): T {
  const stop = n >= 0 ? Math.min(n, value.length) : Math.max(0, value.length + n);
  return sliceRows(value, 0, stop);
}

export const headKernels: KernelSet = {
  stages: { 'dataframe-head': partitionStepKernel('dataframe.head', (value, stage) => headRows(value, stage.n)) },
  works: {
    'dataframe-head-final': {
      run(work, deps, _functions, ctx) {
        const parts = (deps as Array<Array<Frame | Series>>).map((d) => d[0]);
        const nonEmpty = parts.filter((p) => p.length > 0);
        let joined: Frame | Series;
        if (nonEmpty.length === 0) joined = parts[0];
        else if (nonEmpty.length === 1) joined = nonEmpty[0];
        else joined = nonEmpty[0].kind === 'series' ? concatSeries(nonEmpty as Series[]) : concatFrames(nonEmpty as Frame[]);
        const head = headRows(joined, work.n);
        // safe_head's warnings.warn, from inside the task: it shows wherever the head is computed, output or not.
        if (work.safe && head.length !== work.n) {
          ctx.warn(work.nodeId, `Insufficient elements for \`head\`. ${work.n} elements requested, only ${head.length} elements available. Try passing larger \`npartitions\` to \`head\`.`);
        }
        return [head];
      },
    },
  },
};
