import { WeftError } from '../../errors.js';
import { blockOffsets } from '../../io/block-offsets.js';
import { parseBytes } from '../../io/parse-bytes.js';

/**
 * Dask's partition plan for `dd.read_csv`, from file names and sizes alone (dask/dataframe/io/csv.py `read_pandas`,
 * dask/bytes/core.py `read_bytes`, fsspec's `read_block`).
 *
 * Policy:
 * - The compression is inferred from the first file's name only and applies to every file; a compressed file is
 *   never split (Dask sets `blocksize=None` with a warning), so each is one partition.
 * - `blocksize='default'` is Dask's `AUTO_BLOCKSIZE`: total memory // cpu count / 10, at most 64e6.
 * - With a blocksize, a plain file is cut at byte offsets, the block size stretched so the spare bytes spread over the
 *   blocks (`blockOffsets`); an empty file gives no partition. Without one, every file is one partition.
 * - A block starts just after the first `\n` at or after its offset (offset 0 starts at 0) and runs through the first
 *   `\n` at or after its end, or to the end of the file.
 * - Partitions are numbered across files in order; the first block of each file parses that file's header row, the
 *   others get the first file's header row prepended (see read-csv.ts).
 */

/** One file to read, as the caller found it (a glob already expanded in order). */
export interface CsvFile {
  path: string;
  size: number;
}

/** One partition of `read_csv`: a byte range of a file, before its ends move to line boundaries. */
export interface CsvBlock {
  kind: 'csv-block';
  path: string;
  compression: 'gzip' | null;
  offset: number;
  /** Bytes from `offset`; null reads the whole (decompressed) file. */
  length: number | null;
  /** The first block of its file: pandas reads that file's own header row from it. */
  isFirst: boolean;
  isLast: boolean;
}

/** Dask's `auto_blocksize`. */
export function autoBlocksize(totalMemory: number, cpuCount: number): number {
  return Math.min(Math.trunc(Math.floor(totalMemory / cpuCount) / 10), 64e6);
}

/** The compressions fsspec infers from a name; Weft reads gzip only. */
const COMPRESSIONS: ReadonlyMap<string, string> = new Map([['gz', 'gzip'], ['bz2', 'bz2'], ['xz', 'xz'], ['lz4', 'lz4'], ['zip', 'zip']]);

/** fsspec's `infer_compression`: the lower-cased extension of the name. */
export function inferCompression(path: string): string | null {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  // os.path.splitext: a leading dot does not start an extension.
  if (dot <= 0 || base.slice(0, dot).replace(/\./g, '') === '') return null;
  return COMPRESSIONS.get(base.slice(dot + 1).toLowerCase()) ?? null;
}

/** What the planner needs beyond the files: the blocksize keyword and the host's memory and cores (for 'default'). */
export interface PlanContext {
  blocksize: number | string | null | 'default' | undefined;
  totalMemory: number;
  cpuCount: number;
  where?: string;
}

/** The partitions `dd.read_csv` makes of these files, in Dask's order. */
export function planCsvBlocks(files: CsvFile[], context: PlanContext): CsvBlock[] {
  const where = context.where ?? 'read_csv';
  if (files.length === 0) throw new WeftError('FILE_NOT_FOUND', `${where}: the urlpath resolved to no files`);
  const inferred = inferCompression(files[0].path);
  if (inferred !== null && inferred !== 'gzip') {
    throw new WeftError('BAD_PARAM', `${where}: ${files[0].path} is ${inferred}-compressed (by its name), which Weft cannot read; it reads plain and gzip files`, { file: files[0].path });
  }
  const compression = inferred as 'gzip' | null;
  let blocksize: number | null;
  const given = context.blocksize === undefined ? 'default' : context.blocksize;
  if (given === 'default') blocksize = autoBlocksize(context.totalMemory, context.cpuCount);
  else if (given === null) blocksize = null;
  else {
    try {
      blocksize = typeof given === 'string' ? parseBytes(given) : given;
    } catch (e) {
      throw new WeftError('BAD_PARAM', `${where}: blocksize: ${(e as Error).message}`);
    }
    if (!Number.isInteger(blocksize)) throw new WeftError('BAD_PARAM', `${where}: blocksize must be an integer`);
  }
  // Dask fails on a zero blocksize (a ZeroDivisionError in read_bytes); say so plainly.
  if (blocksize !== null && blocksize <= 0) throw new WeftError('BAD_PARAM', `${where}: blocksize must be a positive number of bytes or None`);
  if (compression !== null) blocksize = null;
  const blocks: CsvBlock[] = [];
  for (const file of files) {
    const ranges = blocksize === null ? [{ offset: 0, length: null }] : blockOffsets(file.size, blocksize);
    ranges.forEach((range, i) => {
      blocks.push({ kind: 'csv-block', path: file.path, compression, offset: range.offset, length: range.length, isFirst: i === 0, isLast: i === ranges.length - 1 });
    });
  }
  return blocks;
}

/**
 * The bytes of a block once its ends move to line boundaries (fsspec's `read_block` with `delimiter=b'\n'`), given
 * `newlineAtOrAfter(position)`: the index of the first `\n` at or after a position, or -1.
 */
export function blockByteRange(block: CsvBlock, size: number, newlineAtOrAfter: (position: number) => number): { start: number; end: number } {
  if (block.length === null) return { start: 0, end: size };
  const after = (position: number) => {
    const at = newlineAtOrAfter(position);
    return at === -1 ? size : at + 1;
  };
  const start = block.offset === 0 ? 0 : after(block.offset);
  const end = after(block.offset + block.length);
  return { start, end: Math.max(start, end) };
}

/**
 * Dask's sample of the first file: its first `sample` bytes and then through the next `\n`, or the whole file.
 * Returns null when `bytes` (a prefix of the decompressed file, `isWholeFile` if it is all of it) is too short to say.
 */
export function cutSample(bytes: Uint8Array, sample: number, isWholeFile: boolean): Uint8Array | null {
  if (bytes.length <= sample) return isWholeFile ? bytes : null;
  const newline = bytes.indexOf(10, sample);
  if (newline !== -1) return bytes.subarray(0, newline + 1);
  return isWholeFile ? bytes : null;
}
