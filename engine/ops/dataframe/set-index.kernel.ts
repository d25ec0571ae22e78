/** The kernels of `dataframe.set_index`: each output partition built from its buckets, and the sorted=True path. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { frameMeta, type Frame } from '../../dataframe/frame.js';
import { setIndexFromBuckets, setSortedIndexPartitions } from '../../dataframe/shuffle/set-index.js';
import { emptyFrame } from '../../dataframe/shuffle/empty-frame.js';
import { frameOf } from './frame-shuffle.kernel.js';
import { nodeError } from './read-csv.js';

const OP = 'dataframe.set_index';

export const setIndexKernels: KernelSet = {
  sources: {
    'frame-buckets-set-index': {
      feed(source, deps, head) {
        let indexed: Frame;
        try {
          indexed = setIndexFromBuckets(deps.map(frameOf), source.column, emptyFrame(source.meta), source.nodeId);
        } catch (e) {
          nodeError(e, source.nodeId, OP);
        }
        head.push(indexed);
        return undefined;
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

