/** The kernel of `dataframe.from_dict`: the partition decoded from its task. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { decodeFrame } from '../../dataframe/frame-codec.js';

export const fromDictKernels: KernelSet = {
  sources: {
    'frame-literal': {
      feed(source, _deps, head) {
        head.push(decodeFrame(new Uint8Array(Buffer.from(source.frame, 'base64'))));
        return undefined;
      },
    },
  },
};
