/** The kernel of `dataframe.read_csv`: a block's bytes parsed into one columnar partition. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { readBlockBytes } from '../../dataframe/csv/read-block-bytes.js';
import { readBlock } from '../../dataframe/csv/read-csv.js';
import { nodeError } from './read-csv.js';

export const readCsvKernels: KernelSet = {
  sources: {
    'csv-block': {
      async feed(source, _deps, head) {
        const bytes = await readBlockBytes(source.block);
        let frame;
        try {
          frame = readBlock(bytes, source.block, source.csvMeta, source.params, source.columns ?? null, source.projectAfterRead);
        } catch (e) {
          nodeError(e, source.nodeId, 'dataframe.read_csv');
        }
        // A DataFrame partition streams through its chain as one element.
        head.push(frame);
      },
    },
  },
};
