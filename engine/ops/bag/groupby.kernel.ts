/**
 * The kernels of `bag.groupby`'s shuffle: each input partition splits into one bucket per output partition by the
 * hash of the group key, and each output partition merges its bucket of every split, group by group in input order.
 *
 * Policy of the gather: in a worker thread the buckets stay encoded: those held in memory as views of the shared
 * memory they came in, the spilled ones in the spill database, which the worker reads itself
 * (store/spilled-partition.ts), a bucket at a time. A first pass reads only their keys, and finds where each group's
 * items lie in each bucket (of a spilled bucket, a range past IN_PLACE_PIECE_BYTES is left on disk and the rest
 * copied out); then the groups are handed on one at a time, in order of first appearance, each decoded just before
 * it goes: a group whose items take at most LAZY_GROUP_BYTES encoded as a plain list, a larger one as a lazy list
 * over its pieces (values/lazy-list.ts), whose length, iteration and encoding need no decoding of the whole. So a
 * task holds one group's objects at a time, and of a group larger than that one chunk, unless the code reading it
 * needs it whole (an index, a sort, a repr). Inline (the sync executor) the buckets are objects already and are
 * merged as lists.
 */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { pushAll } from '../../kernels/chain.js';
import { elementError } from '../../kernels/element-error.js';
import { hashKey, PyTuple, type HashKey } from '../../values/py-types.js';
import { EncodedPartition } from '../../values/encoded-partition.js';
import { decodeKeyedLists, decodeListChunks, decodeValue } from '../../values/codec.js';
import { lazyList, pieceBytes, type LazyPiece } from '../../values/lazy-list.js';
import { SpilledPartition } from '../../store/spilled-partition.js';
import type { Consumer, ChainState } from '../../kernels/consumer.js';

/**
 * Encoded bytes past which a group is handed on lazily. Below it decoding the group whole costs about what a lazy
 * list's Proxy would cost on every later access; above it the group's objects (several times its encoding) would
 * be the task's largest allocation.
 */
export const LAZY_GROUP_BYTES = 1 << 20;

/** Bytes of a group's items in one spilled bucket past which they are left on disk until the group is read. */
const IN_PLACE_PIECE_BYTES = 256 * 1024;

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
        if (source.sizesOnly === true) pushAll(gatherSizes(deps.map(decodedBucket)), head, state);
        else if (deps.every((d) => d instanceof EncodedPartition || d instanceof SpilledPartition)) feedEncodedGroups(deps as Array<EncodedPartition | SpilledPartition>, head, state);
        else pushAll(gatherGroups(deps.map(decodedBucket)), head, state);
        return undefined;
      },
      // Every bucket may stay encoded in a worker, and a spilled one on disk: the gather reads it in place.
      streams: () => true,
      readsSpilled: (source) => source.sizesOnly !== true,
    },
  },
};

function decodedBucket(dep: unknown): PyTuple[] {
  return (dep instanceof EncodedPartition || dep instanceof SpilledPartition ? decodeValue(dep.bytes()) : dep) as PyTuple[];
}

/** The bucket of a group key: stable across runs and threads (unlike Python's salted string hash). */
export function bucketOf(h: HashKey, buckets: number): number {
  if (typeof h === 'number') return Number.isInteger(h) ? Math.abs(h) % buckets : Math.abs(Math.trunc(h * 1e6)) % buckets;
  if (h === null) return 0;
  let x = 0x811c9dc5;
  for (let i = 0; i < h.length; i++) x = Math.imul(x ^ h.charCodeAt(i), 0x01000193);
  return (x >>> 0) % buckets;
}

/** An output partition of a groupby from buckets of objects: merged group by group in input order. */
function gatherGroups(buckets: PyTuple[][]): PyTuple[] {
  const groups = new Map<HashKey, [unknown, unknown[]]>();
  for (const bucket of buckets) {
    for (const pair of bucket) {
      const [k, part] = pair.items as [unknown, unknown[]];
      const h = hashKey(k);
      const group = groups.get(h);
      if (!group) groups.set(h, [k, part.slice()]);
      // One push per element: spreading a large bucket into push() would overflow the call stack.
      else for (const x of part) group[1].push(x);
    }
  }
  return [...groups.values()].map((pair) => new PyTuple(pair));
}

/**
 * An output partition of a sizes-only groupby: the buckets hold counts, and each group is handed on as a list of
 * that length without elements (a JS array with only a length costs nothing).
 */
function gatherSizes(buckets: PyTuple[][]): PyTuple[] {
  const groups = new Map<HashKey, [unknown, number]>();
  for (const bucket of buckets) {
    for (const pair of bucket) {
      const [k, n] = pair.items as [unknown, number];
      const h = hashKey(k);
      const group = groups.get(h);
      if (!group) groups.set(h, [k, n]);
      else group[1] += n;
    }
  }
  return [...groups.values()].map(([k, n]) => {
    const sized: unknown[] = [];
    sized.length = n;
    return new PyTuple([k, sized]);
  });
}

/** A group found in encoded buckets: its key, and where its items are, bucket by bucket. */
interface EncodedGroup {
  key: unknown;
  count: number;
  bytes: number;
  pieces: LazyPiece[];
}

/** An output partition of a groupby from encoded buckets, a group at a time (see the policy above). */
function feedEncodedGroups(buckets: Array<EncodedPartition | SpilledPartition>, head: Consumer, state: ChainState): void {
  const groups = new Map<HashKey, EncodedGroup>();
  for (const bucket of buckets) {
    const bytes = bucket.bytes();
    for (const found of decodeKeyedLists(bytes)) {
      const { key, count } = found;
      const items = bucket instanceof SpilledPartition ? inPlace(bucket, bytes, found.items) : found.items;
      const itemBytes = found.items.byteLength;
      const h = hashKey(key);
      const group = groups.get(h);
      if (!group) groups.set(h, { key, count, bytes: itemBytes, pieces: [items] });
      else {
        group.count += count;
        group.bytes += itemBytes;
        group.pieces.push(items);
      }
    }
  }
  for (const group of groups.values()) {
    head.push(new PyTuple([group.key, group.bytes > LAZY_GROUP_BYTES ? lazyList(group.count, group.pieces) : decodeGroup(group)]));
    if (state.stopped) return;
  }
}

/**
 * A group's items in a bucket read from the spill database: a large range is read again when needed, so that the
 * bucket's buffer can go; a small one is copied out of it (reading it again would cost a query and a 1 MB piece).
 */
function inPlace(bucket: SpilledPartition, bytes: Uint8Array, items: Uint8Array): LazyPiece {
  // A copy: `items` may be a Buffer, whose slice() is a view that would keep the bucket alive.
  if (items.byteLength < IN_PLACE_PIECE_BYTES) return new Uint8Array(items);
  const start = items.byteOffset - bytes.byteOffset;
  const length = items.byteLength;
  return () => bucket.range(start, length);
}

function decodeGroup(group: EncodedGroup): unknown[] {
  const items = new Array<unknown>(group.count);
  let at = 0;
  for (const piece of group.pieces) {
    for (const chunk of decodeListChunks(pieceBytes(piece))) for (let i = 0; i < chunk.length; i++) items[at++] = chunk[i];
  }
  return items;
}
