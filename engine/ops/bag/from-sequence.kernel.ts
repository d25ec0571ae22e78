/** The kernel of `bag.from_sequence`: a partition's elements, decoded from the plan. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { pushAll } from '../../kernels/chain.js';
import { decodeValue } from '../../values/codec.js';

export const fromSequenceKernels: KernelSet = {
  sources: {
    literal: {
      feed(source, _deps, head, state) {
        pushAll(decodeValue(source.items) as unknown[], head, state);
        return undefined;
      },
    },
  },
};
