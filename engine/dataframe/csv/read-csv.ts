import { WeftError } from '../../errors.js';
import type { DType, Frame, FrameMeta, Label } from '../frame.js';
import type { CsvBlock } from './block-plan.js';
import { coerceDtypes } from './coerce-dtypes.js';
import { type CsvOptions, type ReadCsvParams, csvOptions, effectiveHeader, forcedDtype } from './csv-options.js';
import { readTable } from './table-reader.js';

/**
 * `dd.read_csv` between the plan and the partitions: the meta from Dask's sample, and each block's frame.
 *
 * Policy (dask/dataframe/io/csv.py `read_pandas`, `CSVFunctionWrapper`, `pandas_read_text`):
 * - The meta is `pd.read_csv(sample, nrows=sample_rows)`: the dtypes of the first 10 data rows of the sample, not
 *   of the whole sample. A block whose own inference disagrees fails later in `coerceDtypes`.
 * - Dask's header bytes are the sample's line at the header row plus `\n` (none with `names` or `header=None`).
 * - The first block of each file is read with the keywords as given. Any other block drops `header` (unless it is
 *   None), and without `names` gets the header bytes prepended — unless it already starts with them (stripped of
 *   trailing whitespace), as Dask checks.
 * - Every partition's index is a RangeIndex from 0 (an empty one's is pandas' empty object Index).
 */

/** The sample's verdict: the collection's meta and Dask's header line for the blocks. */
export interface CsvMeta {
  kind: 'csv-meta';
  meta: FrameMeta;
  /**
   * The bytes Dask prepends to blocks after a file's first, one char per byte (latin-1, so the meta stays JSON);
   * empty when there is no header row.
   */
  header: string;
}

/** How many data rows of the sample Dask's meta comes from (`sample_rows`). */
export const SAMPLE_ROWS = 10;

function splitLines(bytes: Uint8Array, maxSplit: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  while (parts.length < maxSplit) {
    const at = bytes.indexOf(10, from);
    if (at === -1) break;
    parts.push(bytes.subarray(from, at));
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/**
 * An error raised while `dd.read_csv` builds the collection, worded as Dask's backend dispatch rewords it (the
 * pandas backend wraps whatever `read_pandas` raises).
 */
export function readCsvConstructionError(e: WeftError): WeftError {
  return new WeftError(e.code, `An error occurred while calling the read_csv method registered to the pandas backend.  Original Message: ${e.message}`, e.context, { cause: e });
}

/** Dask's `_meta` (and header line) from the sample of the first file (see `cutSample`). */
export function inferMeta(sample: Uint8Array, params: ReadCsvParams, where = 'read_csv'): CsvMeta {
  const options = csvOptions(params, where);
  try {
    return sampleMeta(sample, params, options, where);
  } catch (e) {
    throw e instanceof WeftError ? readCsvConstructionError(e) : e;
  }
}

function sampleMeta(sample: Uint8Array, params: ReadCsvParams, options: CsvOptions, where: string): CsvMeta {
  // Dask's reading of `header`: 'infer' when absent without names, None when absent with them.
  const daskHeader = params.header === undefined ? (options.names === null ? 'infer' : null) : options.header;
  const need = daskHeader === null ? 1 : 2;
  const parts = splitLines(sample, need);
  const nparts = parts.length - (parts[parts.length - 1].length === 0 ? 1 : 0);
  if (nparts < need && sample.length >= options.sample) {
    throw new WeftError('BAD_INPUT', 'Sample is not large enough to include at least one row of data. Please increase the number of bytes in `sample` in the call to `read_csv`/`read_table`');
  }
  let header = '';
  if (daskHeader !== null) {
    const firstRow = typeof daskHeader === 'number' ? daskHeader : 0;
    if (firstRow >= parts.length) throw new WeftError('BAD_INPUT', `${where}: the sample has no row ${firstRow} to take the header from (Dask: IndexError: list index out of range)`);
    header = latin1(parts[firstRow]) + '\n';
  }
  let table;
  try {
    table = readTable(sample, { options, header: effectiveHeader(options.header, options.names), nrows: SAMPLE_ROWS });
  } catch (e) {
    if (e instanceof WeftError && e.message.includes('EOF')) {
      throw new WeftError('BAD_INPUT', 'EOF encountered while reading header. \nPass argument `sample_rows` and make sure the value of `sample` is large enough to accommodate that many rows of data', {}, { cause: e });
    }
    throw e;
  }
  const meta: FrameMeta = {
    kind: 'frame',
    columns: table.names.map((name, i) => ({ name, dtype: table.columns[i].dtype })),
    index: { dtypes: ['int64'], names: [null], range: true },
  };
  return { kind: 'csv-meta', meta, header };
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Python's `bytes.rstrip()`: drops trailing ASCII whitespace. */
function rstrip(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 32 || (bytes[end - 1] >= 9 && bytes[end - 1] <= 13))) end--;
  return bytes.subarray(0, end);
}

/** The `header` pandas gets for a block: as given for a file's first block, dropped (unless None) for the others. */
function blockHeader(options: CsvOptions, isFirst: boolean): number | null {
  if (isFirst) return effectiveHeader(options.header, options.names);
  if (options.header === null) return null;
  return effectiveHeader('infer', options.names);
}

/**
 * What `afterRead` must parse beside the projection: pandas reads every column, but one outside the projection can
 * fail only by a forced dtype (its inferred dtype is never compared with the meta, and the tokenizer counts its fields
 * whether or not it is parsed). So the projection and the forced columns are parsed, the rest only tokenized: the
 * same frames and errors, where parsing all 42 KDD columns for a `len` took 3-4 times as long as one.
 */
function columnsThatCanFail(columns: Label[] | null, csvMeta: CsvMeta, options: CsvOptions): Label[] | null {
  if (columns === null) return null;
  const wanted = new Set(columns.map(String));
  return csvMeta.meta.columns.map((c) => c.name).filter((name) => wanted.has(String(name)) || forcedDtype(options.dtype, name) !== null);
}

/**
 * One partition of `dd.read_csv`: `bytes` are the block's bytes (already cut at line boundaries, decompressed),
 * `columns` an optional projection of the meta's columns (Dask's `project_columns`). With `afterRead` (Dask does
 * so whenever the user passed any pandas keyword) pandas reads every column, so a forced dtype fails wherever it
 * fails (see `columnsThatCanFail`), and the projection is taken after the read; the dtypes are checked for the
 * projected columns only.
 */
export function readBlock(bytes: Uint8Array, block: CsvBlock, csvMeta: CsvMeta, params: ReadCsvParams, columns: Label[] | null = null, afterRead = false): Frame {
  const options = csvOptions(params);
  let input = bytes;
  const writeHeader = !block.isFirst && options.names === null;
  const header = bytesOf(csvMeta.header);
  if (writeHeader && !startsWith(bytes, rstrip(header))) {
    input = new Uint8Array(header.length + bytes.length);
    input.set(header);
    input.set(bytes, header.length);
  }
  const dtypes = new Map<string, DType>(csvMeta.meta.columns.map((c) => [String(c.name), c.dtype]));
  try {
    const table = readTable(input, { options, header: blockHeader(options, block.isFirst), columns: afterRead ? columnsThatCanFail(columns, csvMeta, options) : columns, expected: dtypes });
    if (afterRead && columns) {
      const wanted = new Set(columns.map(String));
      const keep = table.names.map((_, i) => i).filter((i) => wanted.has(String(table.names[i])));
      table.names = keep.map((i) => table.names[i]);
      table.columns = keep.map((i) => table.columns[i]);
    }
    coerceDtypes(table.names, table.columns, dtypes);
    // pandas gives an empty read an empty object Index rather than a RangeIndex.
    const index: Frame['index'] =
      table.length === 0 ? { kind: 'labels', levels: [{ dtype: 'object', codes: new Int32Array(0), dictionary: [] }], names: [null] } : { kind: 'range', start: 0, step: 1, name: null };
    return { kind: 'frame', names: table.names, columns: table.columns, index, length: table.length };
  } catch (e) {
    if (e instanceof WeftError && e.context.file === undefined) {
      throw new WeftError(e.code, e.message, { ...e.context, file: block.path }, { cause: e.cause });
    }
    throw e;
  }
}
