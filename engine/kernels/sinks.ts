/** The generic ends of a partition pipeline: collect its elements, or tee them into several branches. */
import type { ChainState, SinkConsumer } from './consumer.js';
import type { KernelSet } from './kernel-registry.js';
import { pipeConsumers } from './chain.js';
import { ListEncoder } from '../values/codec.js';
import { EncodedPartition } from '../values/encoded-partition.js';

export const sinkKernels: KernelSet = {
  sinks: {
    collect: {
      consumer(_sink, ctx) {
        if (ctx.encodesPartitions) {
          const encoder = new ListEncoder();
          return {
            push: (x) => encoder.push(x),
            // Lines read from a file, kept as the bytes they were read as (see Consumer.pushAsciiLines).
            pushAsciiLines: (chunk, start, ends, count) => encoder.pushAsciiLines(chunk, start, ends, 0, count),
            end() {},
            result: () => new EncodedPartition(encoder.finish()),
          };
        }
        const out: unknown[] = [];
        return { push: (x) => void out.push(x), end() {}, result: () => out };
      },
    },
    /**
     * A tee's result is the list of its leaves' results, depth-first; its branches stop separately (a `take` in one
     * branch does not starve the others) and the source stops once all have.
     */
    tee: {
      consumer(sink, ctx, functions, state): SinkConsumer {
        const branches = sink.branches.map((branch) => {
          const branchState: ChainState = { stopped: false };
          const { head, end } = pipeConsumers(branch, ctx, functions, branchState);
          // A sink with several outputs gives a list of results even when it has one (a groupby into 1 partition).
          const givesList = ctx.kernels.sink(branch.sink.kind).outputs !== undefined;
          return { head, end, state: branchState, givesList };
        });
        const allStopped = () => branches.every((b) => b.state.stopped);
        state.stopped = allStopped();
        return {
          push(x) {
            for (const b of branches) if (!b.state.stopped) b.head.push(x);
            if (allStopped()) state.stopped = true;
          },
          end() {
            for (const b of branches) b.head.end();
          },
          result: () => branches.flatMap((b) => (b.givesList ? (b.end.result() as unknown[]) : [b.end.result()])),
        };
      },
      outputs: (sink, kernels) => sink.branches.reduce((n, b) => n + kernels.sinkOutputs(b.sink), 0),
    },
  },
};
