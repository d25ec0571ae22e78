/**
 * Streams the lines of a text file, or of a block of one, to a callback, the way Dask's `read_text` yields them:
 * every line keeps its terminator; with no line delimiter given, Python's universal newlines apply (`\r\n` and `\r`
 * become `\n`); a block of a plain file starts after the first newline at or after its offset (unless it is the
 * first) and runs through the first newline at or after its end (fsspec's `read_block`), so every line belongs to
 * exactly one block. Reading stops early when `shouldStop()` turns true (a `take` has what it needs).
 */
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import type { Source } from '../graph/task.js';
import { WeftError } from '../errors.js';
import { Utf8ChunkDecoder, Utf8DecodeError } from './utf8-chunk-decoder.js';
import { lookupCodec, singleByteDecodeProblem, SUPPORTED_ENCODINGS } from './text-codecs.js';

/** A file, or a block of one, to read as lines: a read_text source without its bookkeeping. */
export type TextReadRequest = Omit<Extract<Source, { kind: 'text-file' }>, 'kind' | 'includePath' | 'nodeId'> & {
  /** The node reading, named in every error. */
  nodeId?: string;
  /** What every error message starts with: the node and its op (`node 'raw' (bag.read_text): `). */
  where?: string;
};

const READ_CHUNK = 1 << 20;

/** Lines handed on as the bytes they were read as: see Consumer.pushAsciiLines. */
export type AsciiLinesCallback = (chunk: Buffer, start: number, ends: Int32Array, count: number) => void;

/**
 * Reads the lines of one file (or block) and hands each to `onLine`. With `onAsciiLines`, a UTF-8 text read with
 * universal newlines hands on the lines of each chunk that is all ASCII without a `\r` as bytes instead (the same
 * lines, in the same order, without making them strings); a line across two chunks, the last line without a
 * terminator, and everything from the first chunk that is not such a chunk on, still go to `onLine`.
 */
export async function readTextLines(request: TextReadRequest, onLine: (line: string) => void, shouldStop: () => boolean, onAsciiLines?: AsciiLinesCallback): Promise<void> {
  const { path } = request;
  const where = request.where ?? '';
  const context = { nodeId: request.nodeId, file: path };
  const decoder = chunkDecoder(request.encoding);
  if (!decoder) throw new WeftError('BAD_PARAM', `${where}unknown text encoding '${request.encoding}' for ${path} (Weft reads ${SUPPORTED_ENCODINGS.join(', ')})`, context);
  const splitter = makeSplitter(request, onLine);
  const ascii = onAsciiLines && decoder instanceof Utf8ChunkDecoder && splitter instanceof UniversalLineSplitter ? new AsciiLineReader(onAsciiLines, onLine) : null;
  const opened = await openStream(request, where, context);
  const { stream } = opened;
  // Where the text starts in the file (a block's start), so a decoding error names the file's own byte offset.
  const textStart = opened.start;
  const inflated = request.compression === 'gzip' ? ' of the decompressed text' : '';
  try {
    let asBytes = ascii !== null;
    for await (const chunk of stream) {
      if (asBytes && !ascii!.write(chunk as Buffer)) {
        // Not ASCII, or a \r to translate: the text goes on as strings, starting with the line read so far.
        asBytes = false;
        const rest = ascii!.stop();
        (decoder as Utf8ChunkDecoder).skip(rest.consumed);
        splitter.write(rest.carry);
      }
      if (!asBytes) splitter.write(decode(decoder, chunk as Buffer));
      if (shouldStop()) return;
    }
    if (asBytes) return ascii!.end();
    splitter.write(decode(decoder, undefined));
    splitter.end();
  } catch (e) {
    if (e instanceof DecodeFailure) {
      throw new WeftError('IO', `${where}UnicodeDecodeError: ${e.pythonMessage} (in ${path}, at byte ${textStart + e.offset}${inflated})`, context);
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
      const at = opened.compressedBytes();
      const problem =
        code === 'Z_BUF_ERROR'
          ? `EOFError: Compressed file ended before the end-of-stream marker was reached (${path} is cut short after ${at} bytes)`
          : at <= 10
            ? `BadGzipFile: ${path} is not a gzip file (its first bytes are not a gzip header); read it with compression null if it is plain text`
            : `BadGzipFile: ${path} is not a valid gzip file: ${(e as Error).message} (near byte ${at} of the file)`;
      throw new WeftError('IO', `${where}${problem}`, context);
    }
    throw ioError(e, path, where, context);
  } finally {
    stream.destroy();
  }
}

/**
 * The bytes side of readTextLines: takes chunks while they are all ASCII without a `\r` (each line's bytes are then
 * its text, and universal newlines change nothing), hands their complete lines on as bytes, and keeps the start of a
 * line that runs into the next chunk.
 */
class AsciiLineReader {
  /** The start of a line that the chunks so far have not ended. */
  private carry: Buffer[] = [];
  /** Bytes taken, carry included. */
  private consumed = 0;
  private ends: Int32Array = new Int32Array(8192);

  constructor(
    private readonly onAsciiLines: AsciiLinesCallback,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Takes `chunk` if it is all ASCII without a `\r`; false (and nothing taken) otherwise. */
  write(chunk: Buffer): boolean {
    if (!isAscii(chunk) || chunk.indexOf(13) !== -1) return false;
    this.consumed += chunk.length;
    let nl = chunk.indexOf(10);
    if (nl === -1) {
      this.carry.push(chunk);
      return true;
    }
    let start = 0;
    if (this.carry.length) {
      // The line the last chunk began, ended here: as a string, in its place.
      this.onLine(Buffer.concat([...this.carry, chunk.subarray(0, nl + 1)]).toString('latin1'));
      this.carry = [];
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    let count = 0;
    for (; nl !== -1; nl = chunk.indexOf(10, nl + 1)) {
      if (count === this.ends.length) this.ends = grown(this.ends);
      this.ends[count++] = nl + 1;
    }
    if (count > 0) {
      // The consumer keeps what it is given: a copy of the ends, which this reader reuses.
      this.onAsciiLines(chunk, start, this.ends.slice(0, count), count);
    }
    const last = count > 0 ? this.ends[count - 1] : start;
    if (last < chunk.length) this.carry.push(chunk.subarray(last));
    return true;
  }

  /** The line so far, as text, and the bytes taken: what the string path goes on from. */
  stop(): { carry: string; consumed: number } {
    const carry = Buffer.concat(this.carry).toString('latin1');
    this.carry = [];
    return { carry, consumed: this.consumed };
  }

  /** The end of the text: a last line without a terminator is still a line. */
  end(): void {
    const { carry } = this.stop();
    if (carry) this.onLine(carry);
  }
}

function grown(buffer: Int32Array): Int32Array {
  const next = new Int32Array(buffer.length * 2);
  next.set(buffer);
  return next;
}

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** A strict decoder of the codec a Python encoding name means, or null when Weft has none. */
function chunkDecoder(encoding: string): ChunkDecoder | null {
  const codec = lookupCodec(encoding);
  if (codec === null) return null;
  if (codec === 'utf-8') return new Utf8ChunkDecoder();
  let consumed = 0;
  return {
    write(chunk) {
      const problem = singleByteDecodeProblem(chunk, codec, consumed);
      if (problem) throw new DecodeFailure(problem.offset, problem.message);
      consumed += chunk.length;
      // Node's 'latin1' is ISO-8859-1 byte for byte; ASCII was checked to be below 0x80.
      return chunk.toString('latin1');
    },
    end: () => '',
  };
}

/** A decoding error `offset` bytes into the text read, with Python's message (positions from the same start). */
class DecodeFailure extends Error {
  constructor(
    readonly offset: number,
    readonly pythonMessage: string,
  ) {
    super('decode failure');
  }
}

function decode(decoder: ChunkDecoder, chunk: Buffer | undefined): string {
  try {
    return chunk ? decoder.write(chunk) : decoder.end();
  } catch (e) {
    if (e instanceof Utf8DecodeError) {
      // Python decodes a block on its own, so its positions count from the block's start, as `offset` does.
      throw new DecodeFailure(e.offset, e.message);
    }
    throw e;
  }
}

function ioError(e: unknown, path: string, where: string, context: { nodeId?: string; file: string }): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new WeftError('FILE_NOT_FOUND', `${where}file not found: ${path}`, context);
  if (code === 'EISDIR') return new WeftError('IO', `${where}${path} is a directory, not a file`, context);
  if (code === 'EACCES' || code === 'EPERM') return new WeftError('IO', `${where}cannot read ${path}: permission denied`, context);
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new WeftError('IO', `${where}cannot read ${path}: ${(e as Error).message}`, context);
  return e;
}

interface OpenedText {
  stream: NodeJS.ReadableStream & { destroy(): void };
  /** The file offset of the stream's first byte (0 for a whole or compressed file). */
  start: number;
  /** How many bytes of the compressed file the decompressor has taken so far (0 for a plain file). */
  compressedBytes(): number;
}

async function openStream(request: TextReadRequest, where: string, context: { nodeId?: string; file: string }): Promise<OpenedText> {
  const { path } = request;
  if (request.compression === 'gzip') {
    const file = fs.createReadStream(path, { highWaterMark: READ_CHUNK });
    const gunzip = zlib.createGunzip({ chunkSize: 1024 * 1024 });
    file.on('error', (e) => gunzip.destroy(ioError(e, path, where, context) as Error));
    return { stream: file.pipe(gunzip), start: 0, compressedBytes: () => gunzip.bytesWritten };
  }
  const plain = (stream: NodeJS.ReadableStream & { destroy(): void }, start: number): OpenedText => ({ stream, start, compressedBytes: () => 0 });
  const fd = await fs.promises.open(path, 'r').catch((e) => {
    throw ioError(e, path, where, context);
  });
  try {
    // Opening a directory succeeds on Linux; reading it fails with EISDIR, which is worth saying before any work.
    if ((await fd.stat()).isDirectory()) throw new WeftError('IO', `${where}${path} is a directory, not a file`, context);
    if (request.start === 0 && request.end === null) return plain(fs.createReadStream(path, { highWaterMark: READ_CHUNK }), 0);
    const start = request.start === 0 ? 0 : await afterNextNewline(fd, request.start);
    const end = request.end === null ? Infinity : await afterNextNewline(fd, request.end);
    // A line longer than the block swallowed it whole: the block is an empty partition, as in Dask.
    if (start >= end) return plain(Readable.from([]), start);
    return plain(fs.createReadStream(path, { start, end: end === Infinity ? undefined : end - 1, highWaterMark: READ_CHUNK }), start);
  } finally {
    await fd.close();
  }
}

/** The offset just past the first `\n` at or after `offset`, or the file's end. */
async function afterNextNewline(fd: fs.promises.FileHandle, offset: number): Promise<number> {
  const buf = Buffer.allocUnsafe(1 << 16);
  let pos = offset;
  for (;;) {
    const { bytesRead } = await fd.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return pos;
    const i = buf.subarray(0, bytesRead).indexOf(10);
    if (i !== -1) return pos + i + 1;
    pos += bytesRead;
  }
}

/**
 * Python's rules for which splitter applies: no delimiter (or '') means universal newlines; a newline delimiter
 * means plain splitting on it; any other delimiter in whole-file mode also yields the text after the last delimiter
 * even when it is empty (Dask's `file_to_blocks`), while blocks drop that empty tail (Dask's `decode`).
 */
function makeSplitter(request: TextReadRequest, onLine: (line: string) => void): UniversalLineSplitter | DelimiterSplitter {
  const d = request.linedelimiter;
  if (d === null || d === '') return new UniversalLineSplitter(onLine);
  const wholeFile = request.start === 0 && request.end === null;
  const isNewline = d === '\n' || d === '\r' || d === '\r\n';
  return new DelimiterSplitter(d, onLine, wholeFile && !isNewline);
}

/** Splits text into lines ending in `\n`, turning `\r\n` and lone `\r` into `\n` as Python's text mode does. */
class UniversalLineSplitter {
  private carry = '';
  private pendingCR = false;
  constructor(private readonly onLine: (line: string) => void) {}

  write(text: string): void {
    if (text.length === 0) return;
    if (this.pendingCR) {
      // The chunk before ended in '\r': with this chunk starting '\n' it was one '\r\n'.
      text = '\r' + text;
      this.pendingCR = false;
    }
    if (text.indexOf('\r') !== -1) {
      // A '\r' at the very end may be the first half of a '\r\n' split across chunks: decide on it later.
      if (text.endsWith('\r')) {
        this.pendingCR = true;
        text = text.slice(0, -1);
      }
      text = text.replace(/\r\n?/g, '\n');
    }
    const onLine = this.onLine;
    let nl = text.indexOf('\n');
    if (nl === -1) {
      this.carry += text;
      return;
    }
    // Only the first line of a chunk can continue the previous chunk's unfinished line.
    onLine(this.carry + text.slice(0, nl + 1));
    let start = nl + 1;
    for (nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl + 1));
      start = nl + 1;
    }
    this.carry = text.slice(start);
  }

  end(): void {
    const rest = this.pendingCR ? this.carry + '\n' : this.carry;
    this.carry = '';
    this.pendingCR = false;
    if (rest) this.onLine(rest);
  }
}

/** Splits text on an exact delimiter, keeping it on each piece (Dask's `file_to_blocks` with a `linedelimiter`). */
class DelimiterSplitter {
  private carry = '';
  private sawText = false;
  constructor(
    private readonly delimiter: string,
    private readonly onLine: (line: string) => void,
    private readonly keepEmptyTail: boolean,
  ) {}

  write(text: string): void {
    if (text) this.sawText = true;
    const data = this.carry + text;
    let start = 0;
    const d = this.delimiter.length;
    for (let at = data.indexOf(this.delimiter); at !== -1; at = data.indexOf(this.delimiter, start)) {
      this.onLine(data.slice(start, at + d));
      start = at + d;
    }
    this.carry = data.slice(start);
  }

  end(): void {
    if (this.carry || (this.keepEmptyTail && this.sawText)) this.onLine(this.carry);
    this.carry = '';
  }
}
