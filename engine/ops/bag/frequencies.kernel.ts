/**
 * The reducer of `bag.frequencies` (Dask's `frequencies` and `merge_frequencies`): counts per distinct element in
 * order of first appearance; the last step gives (element, count) pairs, sorted by count when asked.
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { NO_RESULT } from '../../values/no-result.js';
import { PyDict, PyTuple, hashKey, type HashKey } from '../../values/py-types.js';

export const frequenciesKernels: KernelSet = {
  reducers: {
    frequencies: {
      partition(_spec, isLast, _ctx, _functions, nodeId) {
        const counts = new Map<HashKey, [unknown, number]>();
        return {
          push(x) {
            let h: HashKey;
            try {
              h = hashKey(x);
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
            const entry = counts.get(h);
            if (entry) entry[1]++;
            else counts.set(h, [x, 1]);
          },
          end() {},
          result: () => (counts.size === 0 && !isLast ? NO_RESULT : PyDict.fromPairs(counts.values())),
        };
      },
      combine(spec, parts, isLast) {
        const merged = new Map<HashKey, [unknown, number]>();
        for (const part of parts as PyDict[]) {
          for (const [k, v] of part.items()) {
            const h = hashKey(k);
            const entry = merged.get(h);
            if (entry) entry[1] += v as number;
            else merged.set(h, [k, v as number]);
          }
        }
        if (!isLast) return PyDict.fromPairs(merged.values());
        const pairs = [...merged.values()];
        // Python's sorted(..., reverse=True) is stable, and so is Array.prototype.sort.
        if (spec.sort) pairs.sort((a, b) => b[1] - a[1]);
        return pairs.map((p) => new PyTuple(p));
      },
    },
  },
};
