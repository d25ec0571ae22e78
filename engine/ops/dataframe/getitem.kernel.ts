/** The kernel of `df[key]`: the column taken from each partition, sharing its buffers and index. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { getitem } from '../../dataframe/kernels/getitem.js';
import { nodeError } from './read-csv.js';

export const getitemKernels: KernelSet = {
  stages: {
    'dataframe-getitem': {
      consumer(stage, next) {
        return {
          push(frame) {
            let column;
            try {
              column = getitem(frame as Frame, stage.key);
            } catch (e) {
              nodeError(e, stage.nodeId, 'dataframe.getitem');
            }
            next.push(column);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
