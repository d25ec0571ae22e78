/**
 * The kernels of split_out's task shapes (split-out.ts): a reduction's chunk with its partial as a frame, the hash
 * split of a partial, a tree node's or shuffle output's concat-then-reduce, and the concat of finished partitions.
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame, Label, Series } from '../../dataframe/frame.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';
import { concatResults, frameAsSeries, seriesAsFrame, shardPartial } from '../../dataframe/aggregate/split-out.js';
import { treeConcat } from '../../dataframe/shuffle/drop-duplicates.js';
import { WeftError } from '../../errors.js';
import { frameOf, lastFrame } from './frame-shuffle.kernel.js';
import { groupbyTreeKernel } from './groupby.kernel.js';
import { valueCountsTreeKernel } from './series-value-counts.kernel.js';
import type { SplitOutSpec } from './split-out.js';

/** A spec's reduction with its partials as frames: a group partial's wire frame, or a Series as a one-column frame. */
export function splitOutReduction(spec: SplitOutSpec, seriesName: Label | null, totalLength?: number): TreeReduction<unknown, Frame, unknown> {
  if (spec.kind === 'dataframe-groupby') return groupbyTreeKernel(spec) as TreeReduction<unknown, Frame, unknown>;
  const made = valueCountsTreeKernel(spec, totalLength);
  return {
    chunk: (input) => seriesAsFrame(made.chunk(input) as Series),
    combine: (parts) => seriesAsFrame(made.combine(parts.map((p) => frameAsSeries(p, seriesName))) as Series),
    aggregate: (parts) => made.aggregate(parts.map((p) => frameAsSeries(p, seriesName))),
  };
}

function opOf(spec: SplitOutSpec): string {
  if (spec.kind === 'dataframe-groupby') return spec.plan ? 'dataframe.groupby.agg' : 'dataframe.groupby.size';
  return `series.${spec.how}`;
}

/** Errors name the node: a task failure through its context (the scheduler adds node and partition), others in text. */
function inNode<T>(nodeId: string, spec: SplitOutSpec, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof WeftError && e.context.nodeId === undefined) {
      const message = e.code === 'TASK_FAILED' ? e.message : `node '${nodeId}' (${opOf(spec)}): ${e.message}`;
      throw new WeftError(e.code, message, { ...e.context, nodeId }, { cause: e });
    }
    throw e;
  }
}

/** The count of values a value_counts partial holds: the sum of its counts. */
function countOf(partial: Frame): number {
  const column = partial.columns[0];
  if (column.dtype === 'object') throw new Error('counts are numbers');
  let total = 0;
  for (let i = 0; i < column.values.length; i++) total += column.values[i];
  return total;
}

export const splitOutKernels: KernelSet = {
  stages: {
    'split-out-chunk': {
      consumer(stage, next) {
        const reduction = splitOutReduction(stage.spec, stage.seriesName);
        return {
          push: (partition) => next.push(inNode(stage.nodeId, stage.spec, () => reduction.chunk(partition))),
          end: () => next.end(),
        };
      },
    },
  },
  sinks: {
    'split-out-shard': {
      consumer: (sink) =>
        lastFrame((partial) => {
          const pieces: unknown[] = shardPartial(partial, sink.keys, sink.npartitions).map((piece) => [piece]);
          if (sink.withTotal) pieces.push([countOf(partial)]);
          return pieces;
        }),
      outputs: (sink) => sink.npartitions + (sink.withTotal ? 1 : 0),
    },
  },
  sources: {
    'split-out-reduce': {
      feed(source, deps, head) {
        const partials = deps.slice(0, deps.length - source.totals).map(frameOf);
        const counts = deps.slice(deps.length - source.totals) as number[][];
        const total = source.totals > 0 ? counts.reduce((sum, c) => sum + c[0], 0) : undefined;
        const reduction = splitOutReduction(source.spec, source.seriesName, total);
        const concatenated = treeConcat(partials);
        head.push(inNode(source.nodeId, source.spec, () => (source.step === 'combine' ? reduction.combine([concatenated]) : reduction.aggregate([concatenated]))));
        return undefined;
      },
    },
    'split-out-concat': {
      feed(_source, deps, head) {
        head.push(concatResults(deps.map((d) => frameOf(d) as Frame | Series)));
        return undefined;
      },
    },
  },
};
