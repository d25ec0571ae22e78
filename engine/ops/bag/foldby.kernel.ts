/**
 * The reducer of `bag.foldby`: toolz `reduceby` over each partition (the first element starts a group's total
 * unless `initial` is given), then Dask's aggregate, merge_with(reduce(combine)) or reduceby with combine_initial;
 * the last step gives (key, total) pairs. Groups keep the order of their first appearance.
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { fromJson } from '../../values/from-json.js';
import { PyDict, PyTuple, hashKey, type HashKey } from '../../values/py-types.js';

export const foldbyKernels: KernelSet = {
  reducers: {
    foldby: {
      partition(spec, _isLast, ctx, functions, nodeId) {
        const key = ctx.keyFunction(functions, spec.key);
        const binop = ctx.callable(functions, spec.binop);
        const hasInitial = spec.initial !== null;
        const initial = hasInitial ? fromJson(spec.initial!.value) : undefined;
        const groups = new Map<HashKey, [unknown, unknown]>();
        return {
          push(x) {
            try {
              const k = key(x);
              const h = hashKey(k);
              const entry = groups.get(h);
              if (entry) entry[1] = binop(entry[1], x);
              else groups.set(h, [k, hasInitial ? binop(initial, x) : x]);
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
          },
          end() {},
          // Never NO_RESULT: an empty partition's empty dict merges into nothing.
          result: () => PyDict.fromPairs(groups.values()),
        };
      },
      combine(spec, parts, isLast, ctx, functions, nodeId) {
        const combine = ctx.callable(functions, spec.combine ?? spec.binop);
        const merged = new Map<HashKey, [unknown, unknown]>();
        const hasCombineInitial = spec.combineInitial !== null;
        const combineInitial = hasCombineInitial ? fromJson(spec.combineInitial!.value) : undefined;
        for (const part of parts as PyDict[]) {
          for (const [k, v] of part.items()) {
            const h = hashKey(k);
            const entry = merged.get(h);
            try {
              if (entry) entry[1] = combine(entry[1], v);
              else merged.set(h, [k, hasCombineInitial ? combine(combineInitial, v) : v]);
            } catch (e) {
              throw elementError(e, nodeId, new PyTuple([k, v]));
            }
          }
        }
        return isLast ? [...merged.values()].map((p) => new PyTuple(p)) : PyDict.fromPairs(merged.values());
      },
    },
  },
};
