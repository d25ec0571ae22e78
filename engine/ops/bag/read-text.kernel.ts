/** The kernels of `bag.read_text`: a file (or a block of one), or several files, streamed as lines. */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { readTextLines } from '../../io/read-text-lines.js';
import { PyTuple } from '../../values/py-types.js';

/** How the reader's errors begin: the node and this op. */
const readerWhere = (nodeId: string) => `node '${nodeId}' (bag.read_text): `;

export const readTextKernels: KernelSet = {
  sources: {
    'text-file': {
      feed(source, _deps, head, state, signal) {
        // Reading files awaits I/O between chunks, which is where an abort can be noticed on the inline scheduler.
        const stopped = () => state.stopped || signal?.aborted === true;
        const onLine = source.includePath ? (line: string) => head.push(new PyTuple([line, source.path])) : (line: string) => head.push(line);
        // A consumer that keeps lines as bytes gets them so, when they are the lines themselves (not (line, path) pairs).
        const onAsciiLines = !source.includePath && head.pushAsciiLines ? head.pushAsciiLines.bind(head) : undefined;
        return readTextLines({ ...source, where: readerWhere(source.nodeId) }, onLine, stopped, onAsciiLines);
      },
    },
    'text-files': {
      async feed(source, _deps, head, state, signal) {
        const stopped = () => state.stopped || signal?.aborted === true;
        for (const file of source.files) {
          const onLine = source.includePath ? (line: string) => head.push(new PyTuple([line, file.path])) : (line: string) => head.push(line);
          await readTextLines({ ...file, nodeId: source.nodeId, where: readerWhere(source.nodeId), start: 0, end: null, encoding: source.encoding, linedelimiter: source.linedelimiter }, onLine, stopped);
          if (state.stopped) return;
        }
      },
    },
  },
};
