import type { TaskSpec } from '../../graph/task.js';
import type { OpDefinition } from '../op-definition.js';
import { chainTask } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { encodeValue } from '../../values/codec.js';
import { boundedSequence, checkPartitionCount } from '../../graph/plan-limits.js';

/** The elements of a partition known at plan time, encoded (values/codec.ts). */
export interface LiteralSource {
  kind: 'literal';
  items: Uint8Array;
}

declare module '../../graph/task.js' {
  interface SourceKinds {
    literal: LiteralSource;
  }
}

/** `db.from_sequence(seq, partition_size=None, npartitions=None)`, partitioned exactly as Dask does. */
export const fromSequence: OpDefinition = {
  collection: 'bag',
  name: 'from_sequence',
  group: 'create',
  doc: 'Make a bag from a Python sequence, such as range(100) or [1, 2, 3]. Without partition_size or npartitions, Dask puts one element per partition below 100 elements and len/100 per partition above.',
  inputs: [],
  output: 'bag',
  params: [
    { name: 'seq', type: 'python', required: true, doc: 'A Python expression giving the elements, e.g. range(100).' },
    { name: 'partition_size', type: 'int', required: false, default: null, nullable: true, min: 1, doc: 'Elements per partition.' },
    { name: 'npartitions', type: 'int', required: false, default: null, nullable: true, min: 1, doc: 'Number of partitions wanted.' },
  ],
  python: { call: 'function', positional: ['seq', 'partition_size', 'npartitions'] },
  build(ctx) {
    const nodeId = ctx.node.id;
    const value = ctx.evaluate(ctx.params.seq as string);
    let seq: unknown[];
    try {
      seq = boundedSequence(ctx.node, value);
    } catch (e) {
      if (e instanceof WeftError) throw e;
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.from_sequence): seq must be a sequence: ${(e as Error).message}`, { nodeId });
    }
    let size = ctx.params.partition_size as number | null;
    const npartitions = ctx.params.npartitions as number | null;
    if (npartitions && !size) size = Math.ceil(seq.length / npartitions);
    if (npartitions === null && size === null) size = seq.length < 100 ? 1 : Math.trunc(seq.length / 100);
    // Dask: an empty sequence is one empty partition, whatever the partitioning params say.
    if (seq.length === 0) size = 1;
    if (!size || size < 1) throw new WeftError('BAD_PARAM', `node '${nodeId}' (bag.from_sequence): partition_size must be at least 1`, { nodeId });
    checkPartitionCount(ctx.node, Math.ceil(seq.length / size));
    const tasks: TaskSpec[] = [];
    for (let start = 0, i = 0; start < seq.length || i === 0; start += size, i++) {
      tasks.push(chainTask(ctx, i, [], { kind: 'literal', items: encodeValue(seq.slice(start, start + size)) }, []));
    }
    return { collection: { kind: 'bag', nodeId, name: ctx.name, npartitions: tasks.length }, tasks };
  },
};
