/** The kernels of `dataframe.set_index`: the index made and sorted per partition, and the sorted=True path. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { frameMeta, type Frame } from '../../dataframe/frame.js';
import { setIndexPartition, setSortedIndexPartitions } from '../../dataframe/shuffle/set-index.js';
import { emptyFrame } from '../../dataframe/shuffle/empty-frame.js';
import { frameOf } from './frame-shuffle.kernel.js';
import { nodeError } from './read-csv.js';

const OP = 'dataframe.set_index';

export const setIndexKernels: KernelSet = {
  stages: {
    'dataframe-set-index': {
      consumer(stage, next) {
        return {
          push(frame) {
            let indexed: Frame;
            try {
              indexed = setIndexPartition(frame as Frame, stage.column, stage.nodeId);
            } catch (e) {
              nodeError(e, stage.nodeId, OP);
            }
            next.push(indexed);
          },
          end: () => next.end(),
        };
      },
    },
  },
  works: {
    'frame-sorted-index': {
      run(work, deps) {
        const parts = deps.map(frameOf);
        let out: Frame[];
        try {
          out = setSortedIndexPartitions(parts, work.column, frameMeta(parts[0]), work.nodeId).parts;
        } catch (e) {
          nodeError(e, work.nodeId, OP);
        }
        // Dask drops empty partitions here; Weft's partition count is fixed when planning, so empty ones follow.
        while (out.length < parts.length) out.push(emptyFrame(work.meta));
        return out.map((frame) => [frame]);
      },
    },
  },
};

