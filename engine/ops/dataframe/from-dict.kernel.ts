/** The kernel of `dataframe.from_dict`: the partition decoded from its task. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { frameFromLiteral } from './frame-literal.js';

export const fromDictKernels: KernelSet = {
  sources: {
    'frame-literal': {
      feed(source, _deps, head) {
        head.push(frameFromLiteral(source.frame));
        return undefined;
      },
    },
  },
};
