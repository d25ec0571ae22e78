/**
 * The kernels of the divisions pass (quantile-pass.ts). Stats and divisions cross threads and spill through the value
 * codec, so they travel as plain lists: stats as `[vals | None, weights | None, min, max]`, the divisions task's
 * result as `[mode, divisions]` where mode says how rows move: 'presorted' (each partition stays where it is),
 * 'gather' (sort_values with two divisions: everything into the first partition) or 'shuffle' (by the divisions).
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { PyFloat } from '../../values/py-types.js';
import { WeftError } from '../../errors.js';
import { divisionsPlan, partitionStats, setPartitionsPre, type PartitionStats } from '../../dataframe/shuffle/set-index.js';
import { splitByTargets } from '../../dataframe/shuffle/shuffle.js';
import type { QuantileValue } from '../../dataframe/shuffle/partition-quantiles.js';
import { frameOf, lastFrame } from './frame-shuffle.kernel.js';
import { nodeError } from './read-csv.js';
import { singleAscending } from './quantile-pass.js';

type Mode = 'presorted' | 'gather' | 'shuffle';

/** A number as the codec may give it back (an integral float boxed). */
const plain = (v: unknown): QuantileValue => (v instanceof PyFloat ? v.value : (v as QuantileValue));

function encodeStats(stats: PartitionStats): unknown[] {
  return [stats.summary?.vals ?? null, stats.summary?.weights ?? null, stats.min, stats.max];
}

function decodeStats(value: unknown): PartitionStats {
  const [vals, weights, min, max] = value as [unknown[] | null, unknown[] | null, unknown, unknown];
  const summary = vals === null ? null : { vals: vals.map(plain), weights: weights!.map((w) => plain(w) as number) };
  return { summary, min: plain(min), max: plain(max) };
}

function pyList(values: boolean[]): string {
  return `[${values.map((v) => (v ? 'True' : 'False')).join(', ')}]`;
}

export const quantilePassKernels: KernelSet = {
  sinks: {
    'frame-partition-stats': {
      consumer: (sink) =>
        lastFrame((frame) => {
          try {
            return encodeStats(partitionStats(frame, sink.column, sink.numOld, sink.numNew, sink.upsample, Uint32Array.from(sink.state), sink.nodeId));
          } catch (e) {
            nodeError(e, sink.nodeId, `dataframe.${sink.op}`);
          }
        }),
    },
  },
  works: {
    'frame-divisions': {
      run(work, deps) {
        const op = `dataframe.${work.op}`;
        const single = singleAscending(work.ascending);
        try {
          const plan = divisionsPlan(deps.map(decodeStats), work.npartitions, work.dtype, single ?? true);
          if (work.op === 'set_index') return plan.presorted ? ['presorted', [...plan.mins, plan.maxes[plan.maxes.length - 1]]] : ['shuffle', plan.divisions];
          if (plan.divisions.length === 2) return ['gather', plan.divisions];
          if (single === null) throw new WeftError('BAD_PARAM', `Dask currently only supports a single boolean for ascending. You passed ${pyList(work.ascending as boolean[])}`, { nodeId: work.nodeId });
          if (plan.presorted) return ['presorted', plan.divisions];
          // rearrange_by_divisions drops repeated divisions again (duplicates=False).
          return ['shuffle', [...new Set(plan.divisions)]];
        } catch (e) {
          nodeError(e, work.nodeId, op);
        }
      },
    },
    'frame-divisions-split': {
      run(work, deps) {
        const frame = frameOf(deps[0]);
        const [mode, raw] = deps[1] as [Mode, unknown[]];
        const buckets = (targets: Int32Array): Frame[][] => splitByTargets(frame, targets, work.npartitions).map((b) => [b]);
        if (mode === 'presorted') return buckets(new Int32Array(frame.length).fill(work.partition));
        if (mode === 'gather') return buckets(new Int32Array(frame.length));
        const column = frame.columns[frame.names.indexOf(work.column)];
        return buckets(setPartitionsPre(column, raw.map(plain), work.ascending, work.naPosition));
      },
    },
  },
};
