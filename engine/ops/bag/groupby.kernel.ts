/**
 * The kernels of `bag.groupby`'s shuffle: each input partition splits into one bucket per output partition by the
 * hash of the group key, and each output partition merges its bucket of every split, group by group in input order.
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { pushAll } from '../../kernels/chain.js';
import { elementError } from '../../kernels/element-error.js';
import { hashKey, PyTuple, type HashKey } from '../../values/py-types.js';

export const groupbyKernels: KernelSet = {
  sinks: {
    /** Each group's elements (or, with `sizesOnly`, just their count) in the bucket its key's hash chooses. */
    split: {
      consumer(sink, ctx, functions) {
        const grouper = ctx.keyFunction(functions, sink.grouper);
        const sizesOnly = sink.sizesOnly === true;
        const groups = new Map<HashKey, [unknown, unknown]>();
        return {
          push(x) {
            let k: unknown;
            let h: HashKey;
            try {
              k = grouper(x);
              h = hashKey(k);
            } catch (e) {
              throw elementError(e, sink.nodeId, x);
            }
            const group = groups.get(h);
            if (!group) groups.set(h, [k, sizesOnly ? 1 : [x]]);
            else if (sizesOnly) (group[1] as number)++;
            else (group[1] as unknown[]).push(x);
          },
          end() {},
          result() {
            const buckets: unknown[][] = Array.from({ length: sink.npartitions }, () => []);
            for (const [h, group] of groups) buckets[bucketOf(h, sink.npartitions)].push(new PyTuple(group));
            return buckets;
          },
        };
      },
      outputs: (sink) => sink.npartitions,
    },
  },
  sources: {
    groups: {
      feed(source, deps, head, state) {
        pushAll(gatherGroups(deps as PyTuple[][], source.sizesOnly === true), head, state);
        return undefined;
      },
    },
  },
};

/** The bucket of a group key: stable across runs and threads (unlike Python's salted string hash). */
export function bucketOf(h: HashKey, buckets: number): number {
  if (typeof h === 'number') return Number.isInteger(h) ? Math.abs(h) % buckets : Math.abs(Math.trunc(h * 1e6)) % buckets;
  if (h === null) return 0;
  let x = 0x811c9dc5;
  for (let i = 0; i < h.length; i++) x = Math.imul(x ^ h.charCodeAt(i), 0x01000193);
  return (x >>> 0) % buckets;
}

/**
 * An output partition of a groupby: its bucket of every split, merged group by group in input order. With
 * `sizesOnly` the buckets hold counts, and each group is handed on as a list of that length without elements (a JS
 * array with only a length costs nothing).
 */
function gatherGroups(buckets: PyTuple[][], sizesOnly: boolean): PyTuple[] {
  const groups = new Map<HashKey, [unknown, unknown]>();
  for (const bucket of buckets) {
    for (const pair of bucket) {
      const [k, part] = pair.items;
      const h = hashKey(k);
      const group = groups.get(h);
      if (!group) groups.set(h, [k, sizesOnly ? part : (part as unknown[]).slice()]);
      else if (sizesOnly) (group[1] as number) += part as number;
      // One push per element: spreading a large bucket into push() would overflow the call stack.
      else for (const x of part as unknown[]) (group[1] as unknown[]).push(x);
    }
  }
  return [...groups.values()].map(([k, part]) => {
    if (!sizesOnly) return new PyTuple([k, part]);
    const sized: unknown[] = [];
    sized.length = part as number;
    return new PyTuple([k, sized]);
  });
}
