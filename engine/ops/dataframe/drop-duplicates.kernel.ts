/** The kernels of `dataframe.drop_duplicates`: pandas' drop_duplicates, Dask's hash_shard and the tree's concat. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { dropDuplicatesFrame, hashShard, treeConcat } from '../../dataframe/shuffle/drop-duplicates.js';
import { frameOf, lastFrame } from './frame-shuffle.kernel.js';
import { nodeError } from './read-csv.js';

const OP = 'dataframe.drop_duplicates';

export const dropDuplicatesKernels: KernelSet = {
  stages: {
    'dataframe-drop-duplicates': {
      consumer(stage, next) {
        return {
          push(frame) {
            let kept: Frame;
            try {
              kept = dropDuplicatesFrame(frame as Frame, stage.subset, stage.nodeId);
            } catch (e) {
              nodeError(e, stage.nodeId, OP);
            }
            next.push(kept);
          },
          end: () => next.end(),
        };
      },
    },
  },
  sinks: {
    'frame-hash-shard': {
      consumer: (sink) =>
        lastFrame((frame) => {
          try {
            return hashShard(frame, sink.subset, sink.splitOut, sink.nodeId).map((piece) => [piece]);
          } catch (e) {
            nodeError(e, sink.nodeId, OP);
          }
        }),
      outputs: (sink) => sink.splitOut,
    },
  },
  sources: {
    'frame-tree-concat': {
      feed(_source, deps, head) {
        head.push(treeConcat(deps.map(frameOf)));
        return undefined;
      },
    },
  },
};
