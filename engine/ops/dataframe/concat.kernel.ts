/** The kernel of `dataframe.concat`: an input partition cast and aligned to the concat's meta. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { concatPartition } from '../../dataframe/shuffle/concat.js';
import { nodeError } from './read-csv.js';

export const concatKernels: KernelSet = {
  stages: {
    'dataframe-concat': {
      consumer(stage, next) {
        const plan = { kind: 'concat' as const, meta: stage.meta, divisions: [], parts: [], inputs: [{ casts: stage.casts, padWithMeta: stage.padWithMeta }] };
        return {
          push(frame) {
            let out: Frame;
            try {
              out = concatPartition(frame as Frame, plan, 0);
            } catch (e) {
              nodeError(e, stage.nodeId, 'dataframe.concat');
            }
            next.push(out);
          },
          end: () => next.end(),
        };
      },
    },
  },
};
