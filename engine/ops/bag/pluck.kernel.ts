/** The kernel of `bag.pluck`, and pluck's rules for one element, which the split stages follow too. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { PyException } from '../../expr/py-exception.js';
import { PyDict, PyTuple, pyTypeName } from '../../values/py-types.js';
import { fromJson } from '../../values/from-json.js';

export const pluckKernels: KernelSet = {
  stages: {
    pluck: {
      consumer(stage, next) {
        const { nodeId, hasDefault } = stage;
        const keys = Array.isArray(stage.key) ? stage.key : [stage.key];
        const fallback = fromJson(stage.default);
        const get = (x: unknown, key: unknown) => pluckOne(x, key, hasDefault, fallback);
        return {
          push(x) {
            let y: unknown;
            try {
              y = Array.isArray(stage.key) ? new PyTuple(keys.map((k) => get(x, k))) : get(x, stage.key);
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
            next.push(y);
          },
          end: () => next.end(),
        };
      },
    },
  },
};

/** `element[key]` with pluck's rules: lists, tuples and strings by index, dicts by key, the default when missing. */
export function pluckOne(x: unknown, key: unknown, hasDefault: boolean, fallback: unknown): unknown {
  if (x instanceof PyDict) {
    const entry = x.entry(key);
    if (entry) return entry[1];
    if (hasDefault) return fallback;
    throw new PyException('KeyError', typeof key === 'string' ? `'${key}'` : String(key));
  }
  const items = Array.isArray(x) ? x : x instanceof PyTuple ? x.items : typeof x === 'string' ? x : null;
  if (items === null) throw new PyException('TypeError', `'${pyTypeName(x)}' object is not subscriptable`);
  if (typeof key !== 'number' || !Number.isInteger(key)) {
    throw new PyException('TypeError', `${pyTypeName(x)} indices must be integers or slices, not ${pyTypeName(key)}`);
  }
  const i = key < 0 ? key + items.length : key;
  if (i < 0 || i >= items.length) {
    if (hasDefault) return fallback;
    throw new PyException('IndexError', `${pyTypeName(x) === 'str' ? 'string' : pyTypeName(x)} index out of range`);
  }
  return items[i];
}
