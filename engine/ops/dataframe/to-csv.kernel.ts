/** The kernels of `dataframe.to_csv`: a sink writing one CSV file, and the source feeding it every partition. */
import fs from 'node:fs';
import path from 'node:path';
import type { KernelSet } from '../../kernels/kernel-registry.js';
import type { Frame } from '../../dataframe/frame.js';
import { frameToCsv } from '../../dataframe/csv/write-csv.js';
import { WeftError } from '../../errors.js';
import { partialPathFor } from '../../io/partial-path.js';
import { describeFileError } from '../../io/file-error.js';
import { encodeProblem, encodeText } from '../../io/text-codecs.js';

export const toCsvKernels: KernelSet = {
  sources: {
    'frame-partitions': {
      feed(_source, deps, head, state) {
        for (const part of deps as unknown[][]) {
          if (state.stopped) break;
          head.push(part[0]);
        }
        return undefined;
      },
    },
  },
  sinks: {
    /** Writes each pushed partition as pandas' `to_csv` does, to a partial file the run commits when all succeed. */
    'write-csv': {
      consumer(sink) {
        const partial = partialPathFor(sink.path);
        const pieces: string[] = [];
        return {
          push(frame) {
            const text = frameToCsv(frame as Frame, { index: sink.index, header: sink.header && pieces.length === 0 });
            const unencodable = encodeProblem(text, sink.encoding);
            if (unencodable) throw new WeftError('TASK_FAILED', `node '${sink.nodeId}' (dataframe.to_csv): UnicodeEncodeError: ${unencodable}`, { nodeId: sink.nodeId });
            pieces.push(text);
          },
          end() {
            try {
              fs.mkdirSync(path.dirname(sink.path), { recursive: true });
              fs.writeFileSync(partial, encodeText(pieces.join(''), sink.encoding));
            } catch (e) {
              throw new WeftError('IO', `node '${sink.nodeId}' (dataframe.to_csv): cannot write ${sink.path}: ${describeFileError(e)}`, { nodeId: sink.nodeId, file: sink.path });
            }
          },
          result: () => sink.path,
        };
      },
    },
  },
};
