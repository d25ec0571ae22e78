/** The kernels of the shuffle's task shape (frame-shuffle.ts): hash split, bucket collect, and concat of partitions. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { collectBuckets, hashSplit } from '../../dataframe/shuffle/shuffle.js';
import { emptyFrame } from '../../dataframe/shuffle/empty-frame.js';
import { concatFrames } from '../../dataframe/shuffle/concat-frames.js';
import { nodeError } from './read-csv.js';

/** The one frame of a partition's (or bucket's) result. */
export function frameOf(result: unknown): Frame {
  return (result as Frame[])[0];
}

/** A sink keeping the one frame its chain pushes, and handing it to `make` at the end. */
export function lastFrame<T>(make: (frame: Frame) => T): { push(x: unknown): void; end(): void; result(): T } {
  let frame: Frame;
  return {
    push: (x) => void (frame = x as Frame),
    end() {},
    result: () => make(frame),
  };
}

export const frameShuffleKernels: KernelSet = {
  sinks: {
    'frame-hash-split': {
      consumer: (sink) =>
        lastFrame((frame) => {
          try {
            return hashSplit(frame, sink.on, sink.npartitions, sink.nodeId).map((bucket) => [bucket]);
          } catch (e) {
            nodeError(e, sink.nodeId, 'shuffle');
          }
        }),
      outputs: (sink) => sink.npartitions,
    },
  },
  sources: {
    'frame-buckets': {
      feed(source, deps, head) {
        head.push(collectBuckets(deps.map(frameOf), emptyFrame(source.meta)));
        return undefined;
      },
    },
    'frame-concat': {
      feed(_source, deps, head) {
        head.push(concatFrames(deps.map(frameOf)));
        return undefined;
      },
    },
  },
};
