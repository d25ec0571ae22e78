/** The kernel of `bag.repartition` going up: the pieces sink, which cuts one partition into several results. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { SinkConsumer } from '../../kernels/consumer.js';
import { ListEncoder } from '../../values/codec.js';
import { EncodedPartition } from '../../values/encoded-partition.js';

export const repartitionKernels: KernelSet = {
  sinks: {
    pieces: {
      consumer(sink, ctx) {
        if (ctx.encodesPartitions) return encodedPieces(sink.n);
        const out: unknown[] = [];
        return { push: (x) => void out.push(x), end() {}, result: () => splitPieces(out, sink.n) };
      },
      outputs: (sink) => sink.n,
    },
  },
};

/** Dask's `split`: piece i of n is seq[int(len/n*i) : int(len/n*(i+1))], and the last piece runs to the end. */
export function splitPieces(items: unknown[], n: number): unknown[][] {
  return pieceBounds(items.length, n).map(([from, to]) => items.slice(from, to));
}

/** Where each of `n` pieces of `length` elements starts and ends, as `splitPieces` cuts them. */
function pieceBounds(length: number, n: number): Array<[number, number]> {
  const part = length / n;
  return Array.from({ length: n }, (_, i) => [Math.trunc(part * i), i === n - 1 ? length : Math.trunc(part * (i + 1))]);
}

/** Elements as they arrived: objects, or lines still as the bytes they were read as. */
type Run = { items: unknown[] } | { chunk: Uint8Array; start: number; ends: Int32Array };

/**
 * The pieces sink in a worker, whose results leave encoded: lines read from a file arrive as bytes and go into the
 * pieces' encodings as they are, never made strings, decoded or encoded again (a `read_text` of one gzip file
 * repartitioned spent most of its time there); other elements are encoded as a list's are.
 */
function encodedPieces(n: number): SinkConsumer {
  const runs: Run[] = [];
  let count = 0;
  let items: unknown[] | null = null;
  return {
    push(x) {
      if (!items) runs.push({ items: (items = []) });
      items.push(x);
      count++;
    },
    pushAsciiLines(chunk, start, ends, lines) {
      runs.push({ chunk, start, ends: ends.length === lines ? ends : ends.subarray(0, lines) });
      items = null;
      count += lines;
    },
    end() {},
    result: () =>
      pieceBounds(count, n).map(([from, to]) => {
        const encoder = new ListEncoder();
        let at = 0;
        for (const run of runs) {
          const length = 'items' in run ? run.items.length : run.ends.length;
          const first = Math.max(from, at) - at;
          const last = Math.min(to, at + length) - at;
          if (first < last) {
            if ('items' in run) for (let i = first; i < last; i++) encoder.push(run.items[i]);
            else encoder.pushAsciiLines(run.chunk, run.start, run.ends, first, last);
          }
          at += length;
          if (at >= to) break;
        }
        return new EncodedPartition(encoder.finish());
      }),
  };
}
