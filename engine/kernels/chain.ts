/**
 * The generic kernels of a partition pipeline: the chain itself (a source streamed through stages into a sink), the
 * sources that read input partitions, and the helpers every source pushes elements with. A `take` stage may set the
 * chain's `stopped`, and every source checks it between elements so that reading stops as soon as enough is found.
 */
import type { Pipe } from '../graph/task.js';
import type { ChainState, Consumer, SinkConsumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';
import type { KernelSet } from './kernel-registry.js';
import { CancelledError } from '../errors.js';
import { decodeListChunks } from '../values/codec.js';
import { EncodedPartition } from '../values/encoded-partition.js';

/** A pipe's stages wrapped around its sink: `head` takes the elements, `end` has the result. */
export function pipeConsumers(pipe: Pipe, ctx: KernelContext, functions: string, state: ChainState): { head: Consumer; end: SinkConsumer } {
  const { kernels } = ctx;
  const end = kernels.sink(pipe.sink.kind).consumer(pipe.sink, ctx, functions, state);
  let head: Consumer = end;
  for (let i = pipe.stages.length - 1; i >= 0; i--) head = kernels.stage(pipe.stages[i].kind).consumer(pipe.stages[i], head, ctx, functions, state);
  return { head, end };
}

/** Pushes a list's elements, stopping when the chain has enough. */
export function pushAll(items: readonly unknown[], head: Consumer, state: ChainState): void {
  for (let i = 0; i < items.length; i++) {
    head.push(items[i]);
    if (state.stopped) return;
  }
}

/** Pushes a partition's elements, decoding an encoded one a chunk at a time. */
export function pushPartition(partition: unknown, head: Consumer, state: ChainState): void {
  if (!(partition instanceof EncodedPartition)) return pushAll(partition as unknown[], head, state);
  for (const chunk of decodeListChunks(partition.bytes())) {
    if (head.pushAll) head.pushAll(chunk);
    else pushAll(chunk, head, state);
    if (state.stopped) return;
  }
}

export const chainKernels: KernelSet = {
  works: {
    chain: {
      run(work, deps, functions, ctx, signal) {
        const state: ChainState = { stopped: false };
        const { head, end } = pipeConsumers(work, ctx, functions, state);
        const finish = () => {
          if (signal?.aborted) throw new CancelledError();
          head.end();
          return end.result();
        };
        const fed = ctx.kernels.source(work.source.kind).feed(work.source, deps, head, state, signal);
        return fed ? fed.then(finish) : finish();
      },
      streams: (work, index, kernels) => kernels.source(work.source.kind).streams?.(work.source, index) ?? false,
      readsSpilled: (work, index, kernels) => kernels.source(work.source.kind).readsSpilled?.(work.source, index) ?? false,
    },
  },
  sources: {
    input: {
      feed(source, deps, head, state) {
        pushPartition(deps[source.index], head, state);
        return undefined;
      },
      streams: (source, index) => source.index === index,
    },
    concat: {
      feed(source, deps, head, state) {
        for (const index of source.inputs) {
          pushPartition(deps[index], head, state);
          if (state.stopped) break;
        }
        return undefined;
      },
      streams: (source, index) => source.inputs.includes(index),
    },
  },
};
