import fsSync, { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { WeftError } from '../../errors.js';
import { promisify } from 'node:util';
import { type CsvBlock, blockByteRange, cutSample } from './block-plan.js';

/**
 * The bytes of a `read_csv` block from disk: a compressed or whole file is read and gunzipped entire; a plain block
 * is found as fsspec's `read_block` finds it (its ends moved past the next `\n`), reading only what it needs.
 */

const gunzip = promisify(zlib.gunzip);
const PROBE = 65536;

async function newlineAtOrAfter(file: fs.FileHandle, position: number, size: number): Promise<number> {
  const chunk = Buffer.alloc(PROBE);
  for (let at = position; at < size; at += PROBE) {
    const { bytesRead } = await file.read(chunk, 0, Math.min(PROBE, size - at), at);
    const i = chunk.subarray(0, bytesRead).indexOf(10);
    if (i !== -1) return at + i;
    if (bytesRead === 0) break;
  }
  return -1;
}

/** The most a deflate stream expands: 1032 to 1 (zlib's technical details). */
const MAX_DEFLATE_RATIO = 1032;

/**
 * The output chunk size for inflating a whole gzip file: its trailer's ISIZE (the last member's length mod 2^32),
 * so that the file usually inflates in one pass into one buffer. At zlib's default 16 KB the 75 MB KDD file came
 * out in 4,600 chunks, each a round trip to the thread pool, then copied together: 300-470 ms against 60-90 ms.
 * A trailer that lies (several members, or damage) only means more chunks, never a wrong result; the bound keeps a
 * damaged one from asking for more memory than the file could inflate to.
 */
function inflatedSizeHint(raw: Uint8Array): number {
  const MIN = 64 * 1024;
  if (raw.length < 18) return MIN;
  const isize = new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getUint32(raw.length - 4, true);
  return Math.max(MIN, Math.min(isize + 1, raw.length * MAX_DEFLATE_RATIO, 2 ** 31 - 1));
}

/** A file read as gzip that is not (zlib's "incorrect header check"), as Python's gzip module says it. */
function notGzip(path: string, e: unknown): WeftError {
  return new WeftError('IO', `BadGzipFile: ${path} is not a gzip file, or is damaged (${(e as Error).message})`, { file: path });
}

/** Reads a block's bytes (decompressed). */
export async function readBlockBytes(block: CsvBlock): Promise<Uint8Array> {
  if (block.length === null) {
    const raw = await fs.readFile(block.path);
    if (block.compression !== 'gzip') return raw;
    try {
      return await gunzip(raw, { chunkSize: inflatedSizeHint(raw) });
    } catch (e) {
      throw notGzip(block.path, e);
    }
  }
  const file = await fs.open(block.path, 'r');
  try {
    const { size } = await file.stat();
    const ends: number[] = [];
    for (const position of [block.offset, block.offset + block.length]) ends.push(position >= size ? -1 : await newlineAtOrAfter(file, position, size));
    const [atStart, atEnd] = ends;
    const { start, end } = blockByteRange(block, size, (position) => (position === block.offset ? atStart : atEnd));
    const bytes = Buffer.alloc(end - start);
    let done = 0;
    while (done < bytes.length) {
      const { bytesRead } = await file.read(bytes, done, bytes.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await file.close();
  }
}

/** Dask's sample of the first file (decompressed): its first `sample` bytes and on through the next `\n`. */
export async function readSample(path: string, compression: 'gzip' | null, sample: number): Promise<Uint8Array> {
  if (compression === 'gzip') return gzipSample(path, sample);
  const file = await fs.open(path, 'r');
  try {
    const { size } = await file.stat();
    let want = Math.min(size, sample + PROBE);
    for (;;) {
      const bytes = Buffer.alloc(want);
      const { bytesRead } = await file.read(bytes, 0, want, 0);
      const cut = cutSample(bytes.subarray(0, bytesRead), sample, bytesRead >= size);
      if (cut !== null) return cut;
      want = Math.min(size, want * 2);
    }
  } finally {
    await file.close();
  }
}

/** The sample of a gzip file, decompressing only as far as it reaches. */
async function gzipSample(path: string, sample: number): Promise<Uint8Array> {
  const source = createReadStream(path);
  const inflate = zlib.createGunzip();
  source.pipe(inflate);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      // Enough once a newline follows the sample's first `sample` bytes.
      if (length > sample && chunk.indexOf(10, Math.max(0, chunk.length - (length - sample))) !== -1) {
        return cutSample(Buffer.concat(chunks), sample, false)!;
      }
    }
    return cutSample(Buffer.concat(chunks), sample, true)!;
  } finally {
    source.destroy();
    inflate.destroy();
  }
}

/**
 * {@link readSample} without waiting: what planning reads (Dask infers the meta from the sample while it builds the
 * graph, before anything runs). A gzip file is inflated from a growing prefix until the sample is complete.
 */
export function readSampleSync(path: string, compression: 'gzip' | null, sample: number): Uint8Array {
  const size = fsSync.statSync(path).size;
  let want = Math.min(size, compression === 'gzip' ? Math.max(PROBE, sample >> 2) : sample + PROBE);
  const fd = fsSync.openSync(path, 'r');
  try {
    for (;;) {
      const raw = Buffer.alloc(want);
      const bytesRead = fsSync.readSync(fd, raw, 0, want, 0);
      const isWhole = bytesRead >= size;
      let bytes: Uint8Array;
      try {
        bytes = compression === 'gzip' ? zlib.gunzipSync(raw.subarray(0, bytesRead), { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : raw.subarray(0, bytesRead);
      } catch (e) {
        throw notGzip(path, e);
      }
      const cut = cutSample(bytes, sample, isWhole);
      if (cut !== null) return cut;
      if (isWhole) return bytes;
      want = Math.min(size, want * 2);
    }
  } finally {
    fsSync.closeSync(fd);
  }
}
