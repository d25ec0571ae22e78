/** The reducer of `bag.distinct` (Dask's `chunk_distinct`, toolz `unique`): first occurrences, in order. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { NO_RESULT } from '../../values/no-result.js';
import { hashKey, type HashKey } from '../../values/py-types.js';

export const distinctKernels: KernelSet = {
  reducers: {
    distinct: {
      partition(spec, isLast, ctx, functions, nodeId) {
        // Streaming: a partition with few distinct values never holds more than those.
        const firsts = new FirstOccurrences(spec.key === null ? null : ctx.keyFunction(functions, spec.key), nodeId);
        return {
          push: (x) => firsts.push(x),
          end() {},
          result: () => (firsts.items.length === 0 && !isLast ? NO_RESULT : firsts.items),
        };
      },
      combine(spec, parts, _isLast, ctx, functions, nodeId) {
        const firsts = new FirstOccurrences(spec.key === null ? null : ctx.keyFunction(functions, spec.key), nodeId);
        for (const x of (parts as unknown[][]).flat()) firsts.push(x);
        return firsts.items;
      },
    },
  },
};

/** toolz `unique`: the first occurrence of each element (of each key, when given), in order. */
class FirstOccurrences {
  readonly items: unknown[] = [];
  private readonly seen = new Set<HashKey>();

  constructor(
    private readonly key: ((x: unknown) => unknown) | null,
    private readonly nodeId: string,
  ) {}

  push(x: unknown): void {
    let h: HashKey;
    try {
      h = hashKey(this.key ? this.key(x) : x);
    } catch (e) {
      throw elementError(e, this.nodeId, x);
    }
    if (!this.seen.has(h)) {
      this.seen.add(h);
      this.items.push(x);
    }
  }
}
