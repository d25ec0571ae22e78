/** The kernel of `dataframe.sort_values`: pandas' sort of one partition. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { sortPartition } from '../../dataframe/shuffle/set-index.js';
import { nodeError } from './read-csv.js';

export const sortValuesKernels: KernelSet = {
  stages: {
    'dataframe-sort-values': {
      consumer(stage, next) {
        return {
          push(frame) {
            let sorted: Frame;
            try {
              sorted = sortPartition(frame as Frame, stage.by, stage.ascending, stage.naPosition, stage.nodeId);
            } catch (e) {
              nodeError(e, stage.nodeId, 'dataframe.sort_values');
            }
            next.push(sorted);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
