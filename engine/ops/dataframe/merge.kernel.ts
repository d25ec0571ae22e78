/** The kernel of `dataframe.merge`: pandas' merge of a left and a right partition (Dask's `merge_chunk`). */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { mergeChunk } from '../../dataframe/shuffle/merge.js';
import { frameOf } from './frame-shuffle.kernel.js';
import { nodeError } from './read-csv.js';

export const mergeKernels: KernelSet = {
  sources: {
    'frame-merge': {
      feed(source, deps, head) {
        let merged;
        try {
          merged = mergeChunk(frameOf(deps[0]), frameOf(deps[1]), source.options, source.nodeId);
        } catch (e) {
          nodeError(e, source.nodeId, 'dataframe.merge');
        }
        head.push(merged);
        return undefined;
      },
    },
  },
};
