/**
 * The kernels of `dataframe.repartition`: split tasks cutting a partition into pieces (Dask's `split_evenly`), and
 * output partitions made of index-value slices of old ones (`boundary_slice`, then `methods.concat`).
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { splitEvenly } from '../../dataframe/shuffle/repartition.js';
import { piecesPartition } from '../../dataframe/shuffle/repartition-divisions.js';
import { frameOf, lastFrame } from './frame-shuffle.kernel.js';

export const frameRepartitionKernels: KernelSet = {
  sinks: {
    'frame-split-evenly': {
      consumer: (sink) => lastFrame((frame) => splitEvenly(frame, sink.k).map((piece) => [piece])),
      outputs: (sink) => sink.k,
    },
  },
  sources: {
    'frame-division-pieces': {
      feed(source, deps, head) {
        head.push(piecesPartition(source.pieces.map(({ dep, ...p }) => ({ partition: dep, ...p })), (dep) => frameOf(deps[dep])));
        return undefined;
      },
    },
  },
};
