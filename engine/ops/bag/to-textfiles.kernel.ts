/** The kernels of `bag.to_textfiles`: a sink writing one partition's file, and the list of the paths written. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { elementError } from '../../kernels/element-error.js';
import { PyException } from '../../expr/py-exception.js';
import { pyStr } from '../../values/repr.js';
import { WeftError } from '../../errors.js';
import { partialPathFor } from '../../io/partial-path.js';
import { describeFileError } from '../../io/file-error.js';
import { encodeProblem, encodeText } from '../../io/text-codecs.js';

export const toTextfilesKernels: KernelSet = {
  sinks: {
    /**
     * Writes elements joined by newlines, as Dask's `_to_textfiles_chunk` does, to a partial file beside the target;
     * the run commits it (io/commit-outputs.ts) only when every task has succeeded.
     */
    'write-text': {
      consumer(sink) {
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
      },
    },
  },
  works: {
    gather: { run: (_work, deps) => deps },
  },
};
