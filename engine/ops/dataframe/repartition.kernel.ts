/** The kernel of `dataframe.repartition`'s split tasks: a partition cut into pieces (Dask's `split_evenly`). */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { splitEvenly } from '../../dataframe/shuffle/repartition.js';
import { lastFrame } from './frame-shuffle.kernel.js';

export const frameRepartitionKernels: KernelSet = {
  sinks: {
    'frame-split-evenly': {
      consumer: (sink) => lastFrame((frame) => splitEvenly(frame, sink.k).map((piece) => [piece])),
      outputs: (sink) => sink.k,
    },
  },
};
