/** The kernel of `dataframe.query`: the pandas expression evaluated on the column buffers of each partition. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { queryFrame } from '../../dataframe/query/query.js';
import { nodeError } from './read-csv.js';

export const queryKernels: KernelSet = {
  stages: {
    'dataframe-query': {
      consumer(stage, next) {
        return {
          push(frame) {
            let kept: Frame;
            try {
              kept = queryFrame(frame as Frame, stage.expr);
            } catch (e) {
              nodeError(e, stage.nodeId, 'dataframe.query');
            }
            next.push(kept);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
