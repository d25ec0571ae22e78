/** The last step of a partition pipeline: collect, reduce, split for a shuffle, or write a text file. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Sink } from '../graph/task.js';
import type { ChainState, Consumer } from './consumer.js';
import { stageConsumer } from './stages.js';
import type { KernelContext } from './kernel-context.js';
import { reduceSink } from './reducers.js';
import { elementError } from './element-error.js';
import { PyException } from '../expr/py-exception.js';
import { hashKey, PyTuple, type HashKey } from '../values/py-types.js';
import { pyStr } from '../values/repr.js';
import { WeftError } from '../errors.js';
import { partialPathFor } from '../io/partial-path.js';
import { describeFileError } from '../io/file-error.js';
import { encodeProblem, encodeText } from '../io/text-codecs.js';
import { ListEncoder } from '../values/codec.js';
import { EncodedPartition } from '../values/encoded-partition.js';

/** A sink: a consumer with a result once the partition has ended. */
export interface SinkConsumer extends Consumer {
  result(): unknown;
}

/**
 * The consumer for a sink. A tee's result is the list of its leaves' results, depth-first; its branches stop
 * separately (a `take` in one branch does not starve the others) and the source stops once all have.
 */
export function sinkConsumer(sink: Sink, ctx: KernelContext, functions: string, state: ChainState): SinkConsumer {
  switch (sink.kind) {
    case 'tee':
      return teeSink(sink, ctx, functions, state);
    case 'collect': {
      if (ctx.encodesPartitions) {
        const encoder = new ListEncoder();
        return { push: (x) => encoder.push(x), end() {}, result: () => new EncodedPartition(encoder.finish()) };
      }
      const out: unknown[] = [];
      return { push: (x) => void out.push(x), end() {}, result: () => out };
    }
    case 'reduce':
      return reduceSink(sink.reducer, sink.isLast, ctx, functions, sink.nodeId);
    case 'split':
      return splitSink(sink, ctx, functions);
    case 'write-text':
      return writeTextSink(sink);
    case 'pieces': {
      const out: unknown[] = [];
      return { push: (x) => void out.push(x), end() {}, result: () => splitPieces(out, sink.n) };
    }
  }
}

/** Dask's `split`: piece i of n is seq[int(len/n*i) : int(len/n*(i+1))], and the last piece runs to the end. */
export function splitPieces(items: unknown[], n: number): unknown[][] {
  const part = items.length / n;
  return Array.from({ length: n }, (_, i) => items.slice(Math.trunc(part * i), i === n - 1 ? items.length : Math.trunc(part * (i + 1))));
}

function teeSink(sink: Extract<Sink, { kind: 'tee' }>, ctx: KernelContext, functions: string, state: ChainState): SinkConsumer {
  const givesList = (s: Sink) => s.kind === 'split' || s.kind === 'pieces' || s.kind === 'tee';
  const branches = sink.branches.map((branch) => {
    const branchState: ChainState = { stopped: false };
    const end = sinkConsumer(branch.sink, ctx, functions, branchState);
    let head: Consumer = end;
    for (let i = branch.stages.length - 1; i >= 0; i--) head = stageConsumer(branch.stages[i], head, ctx, functions, branchState);
    return { head, end, state: branchState, sink: branch.sink };
  });
  const allStopped = () => branches.every((b) => b.state.stopped);
  state.stopped = allStopped();
  return {
    push(x) {
      for (const b of branches) if (!b.state.stopped) b.head.push(x);
      if (allStopped()) state.stopped = true;
    },
    end() {
      for (const b of branches) b.head.end();
    },
    // A split, pieces or tee sink gives a list of results even when it has one output (a groupby into 1 partition).
    result: () => branches.flatMap((b) => (givesList(b.sink) ? (b.end.result() as unknown[]) : [b.end.result()])),
  };
}

/** The bucket of a group key: stable across runs and threads (unlike Python's salted string hash). */
export function bucketOf(h: HashKey, buckets: number): number {
  if (typeof h === 'number') return Number.isInteger(h) ? Math.abs(h) % buckets : Math.abs(Math.trunc(h * 1e6)) % buckets;
  if (h === null) return 0;
  let x = 0x811c9dc5;
  for (let i = 0; i < h.length; i++) x = Math.imul(x ^ h.charCodeAt(i), 0x01000193);
  return (x >>> 0) % buckets;
}

/**
 * A groupby's split: each group's elements (or, with `sizesOnly`, just their count) in one bucket per output
 * partition, chosen by the hash of the group's key.
 */
function splitSink(sink: Extract<Sink, { kind: 'split' }>, ctx: KernelContext, functions: string): SinkConsumer {
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
}

/**
 * Writes elements joined by newlines, as Dask's `_to_textfiles_chunk` does, to a partial file beside the target; the
 * run commits it (io/commit-outputs.ts) only when every task has succeeded.
 */
function writeTextSink(sink: Extract<Sink, { kind: 'write-text' }>): SinkConsumer {
  const partial = partialPathFor(sink.path);
  const pieces: string[] = [];
  let started = false;
  return {
    push(x) {
      if (typeof x !== 'string') {
        throw elementError(new PyException('TypeError', `Object ${pyStr(x)} is neither a str object nor can be decoded to str (map str or json.dumps first)`), sink.nodeId, x);
      }
      const unencodable = encodeProblem(x, sink.encoding);
      if (unencodable) throw elementError(new PyException('UnicodeEncodeError', unencodable), sink.nodeId, x);
      if (started) pieces.push('\n');
      started = true;
      pieces.push(x);
    },
    end() {
      if (sink.lastEndline) pieces.push('\n');
      const text = encodeText(pieces.join(''), sink.encoding);
      try {
        fs.mkdirSync(path.dirname(sink.path), { recursive: true });
        fs.writeFileSync(partial, sink.compression === 'gzip' ? zlib.gzipSync(text) : text);
      } catch (e) {
        throw new WeftError('IO', `node '${sink.nodeId}' (bag.to_textfiles): cannot write ${sink.path}: ${describeFileError(e)}`, { nodeId: sink.nodeId, file: sink.path });
      }
    },
    result: () => sink.path,
  };
}
