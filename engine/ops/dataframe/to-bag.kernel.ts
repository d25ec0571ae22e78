/** The kernel of `dataframe.to_bag`: a partition's frame pushed on as its rows, one element each. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { frameToBagPartition } from '../../dataframe/frame-to-bag.js';

export const toBagKernels: KernelSet = {
  stages: {
    'dataframe-to-bag': {
      consumer(stage, next) {
        return {
          push(frame) {
            for (const row of frameToBagPartition(frame as Frame, stage.index)) next.push(row);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
