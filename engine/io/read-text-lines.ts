/**
 * Streams the lines of a text file, or of a block of one, to a callback, the way Dask's `read_text` yields them:
 * every line keeps its terminator; with no line delimiter given, Python's universal newlines apply (`\r\n` and `\r`
 * become `\n`); a block of a plain file starts after the first newline at or after its offset (unless it is the
 * first) and runs through the first newline at or after its end (fsspec's `read_block`), so every line belongs to
 * exactly one block. Reading stops early when `shouldStop()` turns true (a `take` has what it needs).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { TextDecoder } from 'node:util';
import { Readable } from 'node:stream';
import type { Source } from '../graph/task.js';
import { WeftError } from '../errors.js';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js';

/** A file, or a block of one, to read as lines: a read_text source without its bookkeeping. */
export type TextReadRequest = Omit<Extract<Source, { kind: 'text-file' }>, 'kind' | 'includePath'>;

const READ_CHUNK = 1 << 20;

/** Reads the lines of one file (or block) and hands each to `onLine`. */
export async function readTextLines(request: TextReadRequest, onLine: (line: string) => void, shouldStop: () => boolean): Promise<void> {
  const { path } = request;
  const decoder = chunkDecoder(request.encoding, path);
  const splitter = makeSplitter(request, onLine);
  const stream = await openStream(request);
  try {
    for await (const chunk of stream) {
      splitter.write(decode(decoder, chunk as Buffer, path));
      if (shouldStop()) return;
    }
    splitter.write(decode(decoder, undefined, path));
    splitter.end();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      throw new WeftError('IO', `${path} is not a valid gzip file: ${(e as Error).message}`, { file: path });
    }
    throw ioError(e, path);
  } finally {
    stream.destroy();
  }
}

interface ChunkDecoder {
  encoding: string;
  write(chunk: Buffer): string;
  end(): string;
}

/** UTF-8 (the common case) decodes natively; other encodings through a streaming TextDecoder. */
function chunkDecoder(encoding: string, path: string): ChunkDecoder {
  if (/^utf-?8$/i.test(encoding)) {
    const utf8 = new Utf8ChunkDecoder();
    return { encoding: 'utf-8', write: (c) => utf8.write(c), end: () => utf8.end() };
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new WeftError('BAD_PARAM', `unknown text encoding '${encoding}' for ${path}`, { file: path });
  }
  return { encoding: decoder.encoding, write: (c) => decoder.decode(c, { stream: true }), end: () => decoder.decode() };
}

function decode(decoder: ChunkDecoder, chunk: Buffer | undefined, path: string): string {
  try {
    return chunk ? decoder.write(chunk) : decoder.end();
  } catch {
    throw new WeftError('IO', `UnicodeDecodeError: ${path} is not valid ${decoder.encoding} text`, { file: path });
  }
}

function ioError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new WeftError('FILE_NOT_FOUND', `file not found: ${path}`, { file: path });
  if (code === 'EACCES' || code === 'EISDIR') return new WeftError('IO', `cannot read ${path}: ${code}`, { file: path });
  return e;
}

async function openStream(request: TextReadRequest): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  const { path } = request;
  if (request.compression === 'gzip') {
    const file = fs.createReadStream(path, { highWaterMark: READ_CHUNK });
    const gunzip = zlib.createGunzip({ chunkSize: 1024 * 1024 });
    file.on('error', (e) => gunzip.destroy(ioError(e, path) as Error));
    return file.pipe(gunzip);
  }
  if (request.start === 0 && request.end === null) return fs.createReadStream(path, { highWaterMark: READ_CHUNK });
  const fd = await fs.promises.open(path, 'r').catch((e) => {
    throw ioError(e, path);
  });
  try {
    const start = request.start === 0 ? 0 : await afterNextNewline(fd, request.start);
    const end = request.end === null ? Infinity : await afterNextNewline(fd, request.end);
    // A line longer than the block swallowed it whole: the block is an empty partition, as in Dask.
    if (start >= end) return Readable.from([]);
    return fs.createReadStream(path, { start, end: end === Infinity ? undefined : end - 1, highWaterMark: READ_CHUNK });
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
