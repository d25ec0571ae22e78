/** The kernel of `bag.to_dataframe`: a bag partition's elements as one columnar partition. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { bagPartitionToFrame, bagToDataFrameMeta } from '../../dataframe/bag-to-dataframe.js';
import { partitionError } from '../dataframe/partition-step.js';

export const toDataframeKernels: KernelSet = {
  sources: {
    'bag-to-frame': {
      feed(source, deps, head) {
        const partition = deps[deps.length - 1] as unknown[];
        let frame;
        try {
          const meta = source.meta ?? bagToDataFrameMeta(deps[0] as unknown[], source.columns ?? undefined);
          frame = bagPartitionToFrame(partition, meta);
        } catch (e) {
          partitionError(e, source.nodeId, 'bag.to_dataframe');
        }
        head.push(frame);
        return undefined;
      },
    },
  },
};
