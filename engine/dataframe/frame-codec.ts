import { decodeValue, encodeValue } from '../values/codec.js';
import { estimateSize } from '../values/estimate-size.js';
import { concatSegments } from '../values/segments.js';
import type { Column, DType, Frame, Index, Label, Series } from './frame.js';

/**
 * The bytes of a Frame or Series: what the spill store keeps and what a worker hands back.
 *
 * Layout: the magic `WFR1`, a uint32 header length, the header, zero padding to a multiple of 8, then each column's
 * buffers in order (index levels first, then columns; an object column's codes), each padded to a multiple of 8 so
 * that decoding can view a Float64Array in place. The header is a Python value in the engine's value codec
 * (engine/values/codec.ts): kind, length, names, the index, and per column its dtype, buffer byte length and, for
 * object columns, the dictionary, then a MultiIndex of columns' tuples when the frame has one — so dictionaries keep their Python types (tuples, integral floats, None, NaN).
 *
 * Encoding comes out as segments (the header, then views of the typed arrays themselves, never copies), so a caller
 * writing to SQLite or a file concatenates once. Decoding views the input bytes when they are 8-aligned and copies
 * only when they are not (a Buffer from SQLite may sit at any offset).
 */

const MAGIC = [0x57, 0x46, 0x52, 0x31]; // "WFR1"
const ALIGN = 8;

type ColumnHeader = [DType, number] | ['object', number, unknown[]];

/**
 * Whether a value is a DataFrame or Series partition (frame.ts): plain objects never stand for Python values, so a
 * plain object of kind 'frame' or 'series' is one. How the value codec recognises partitions inside results.
 */
export function isFrameValue(value: unknown): value is Frame | Series {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'frame' || kind === 'series';
}

/** The encoding of a frame or series as segments whose concatenation is {@link encodeFrame}'s result. */
export function encodeFrameSegments(value: Frame | Series): Uint8Array[] {
  const columns: Column[] = [];
  const indexHeader = indexToHeader(value.index, columns);
  const body = value.kind === 'frame' ? value.columns : [value.column];
  columns.push(...body);
  const header = encodeValue([
    value.kind,
    value.length,
    value.kind === 'frame' ? value.names.slice() : value.name,
    indexHeader,
    columns.map(columnHeader),
    // a MultiIndex of columns (groupby.agg with lists of functions) travels as its tuples
    ...(value.kind === 'frame' && value.columnTuples ? [value.columnTuples.map((t) => t.slice())] : []),
  ]);
  const prefix = new Uint8Array(padded(8 + header.byteLength));
  prefix.set(MAGIC, 0);
  new DataView(prefix.buffer).setUint32(4, header.byteLength, true);
  prefix.set(header, 8);
  const segments: Uint8Array[] = [prefix];
  for (const column of columns) {
    const data = columnBytes(column);
    segments.push(data);
    const pad = padded(data.byteLength) - data.byteLength;
    if (pad) segments.push(new Uint8Array(pad));
  }
  return segments;
}

/** A frame or series as one buffer (its `buffer` can be transferred). */
export function encodeFrame(value: Frame | Series): Uint8Array {
  return concatSegments(encodeFrameSegments(value));
}

/** Whether bytes start as {@link encodeFrame}'s output does (a spilled frame rather than an encoded Python value). */
export function isEncodedFrame(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && MAGIC.every((b, i) => bytes[i] === b);
}

/** Decodes what {@link encodeFrame} wrote. Typed arrays view `bytes` (no copy) when it is 8-aligned. */
export function decodeFrame(bytes: Uint8Array): Frame | Series {
  if (!isEncodedFrame(bytes)) throw new Error('corrupt frame encoding: no WFR1 header');
  // A copy (new Uint8Array copies; a Buffer's slice would not), so that the typed arrays can view it in place.
  if (bytes.byteOffset % ALIGN !== 0) bytes = new Uint8Array(bytes);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const [kind, length, names, indexHeader, columnHeaders, columnTuples] = decodeValue(bytes.subarray(8, 8 + headerLength)) as [
    'frame' | 'series',
    number,
    Label[] | Label | null,
    IndexHeader,
    ColumnHeader[],
    Label[][] | undefined,
  ];
  let at = padded(8 + headerLength);
  const columns = columnHeaders.map((h) => {
    const column = columnFromBytes(h, bytes.buffer, bytes.byteOffset + at);
    at += padded(h[1]);
    return column;
  });
  const index = indexFromHeader(indexHeader, columns);
  if (kind === 'frame') return columnTuples ? { kind, names: names as Label[], columns, index, length, columnTuples } : { kind, names: names as Label[], columns, index, length };
  return { kind, name: names as Label | null, column: columns[0], index, length };
}

/**
 * The distinct ArrayBuffers behind a frame's typed arrays, for a `postMessage` transfer list. Transferring detaches
 * them: the sender must not use the frame (or anything else viewing the same buffers) afterwards.
 */
export function frameTransferList(value: Frame | Series): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const columns = value.kind === 'frame' ? value.columns : [value.column];
  const levels = value.index.kind === 'labels' ? value.index.levels : [];
  for (const column of [...levels, ...columns]) {
    const view = column.dtype === 'object' ? column.codes : column.values;
    if (view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  }
  return [...buffers];
}

/**
 * Roughly how many bytes a frame takes, for the spill policy's memory accounting (as estimate-size.ts does for
 * Python values): its typed arrays, plus its dictionaries and labels as the value codec would write them.
 */
export function estimateFrameSize(value: Frame | Series): number {
  const columns = value.kind === 'frame' ? value.columns : [value.column];
  const levels = value.index.kind === 'labels' ? value.index.levels : [];
  let n = 64 + estimateSize(value.kind === 'frame' ? value.names : value.name);
  for (const column of [...levels, ...columns]) {
    n += columnBytes(column).byteLength;
    if (column.dtype === 'object') n += estimateSize(column.dictionary);
  }
  return n;
}

type IndexHeader = ['range', number, number, Label | null] | ['labels', number, Array<Label | null>];

function indexToHeader(index: Index, columns: Column[]): IndexHeader {
  if (index.kind === 'range') return ['range', index.start, index.step, index.name];
  columns.push(...index.levels);
  return ['labels', index.levels.length, index.names.slice()];
}

function indexFromHeader(header: IndexHeader, columns: Column[]): Index {
  if (header[0] === 'range') return { kind: 'range', start: header[1], step: header[2], name: header[3] };
  return { kind: 'labels', levels: columns.splice(0, header[1]), names: header[2] };
}

function columnHeader(column: Column): ColumnHeader {
  const byteLength = columnBytes(column).byteLength;
  return column.dtype === 'object' ? ['object', byteLength, column.dictionary] : [column.dtype, byteLength];
}

function columnBytes(column: Column): Uint8Array {
  const view = column.dtype === 'object' ? column.codes : column.values;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function columnFromBytes(header: ColumnHeader, buffer: ArrayBufferLike, offset: number): Column {
  const byteLength = header[1];
  switch (header[0]) {
    case 'int64':
    case 'float64':
      return { dtype: header[0], values: new Float64Array(buffer, offset, byteLength / 8) };
    case 'bool':
      return { dtype: 'bool', values: new Uint8Array(buffer, offset, byteLength) };
    case 'object':
      return { dtype: 'object', codes: new Int32Array(buffer, offset, byteLength / 4), dictionary: (header as ['object', number, unknown[]])[2] };
  }
}

function padded(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
