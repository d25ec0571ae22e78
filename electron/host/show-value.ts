/** Turns engine values into what the result panel draws: Python's repr, the JSON form, and the top-level type. */
import { frameToJson, pyRepr, sliceRows, toJsonText, type Frame, type Series } from '../../engine/index.js';
import type { NodeResult, PortKind, ShownValue } from '../ipc/contract.js';

/** The most characters of a repr sent to the renderer; a preview longer than this is cut, and says so. */
const MAX_REPR = 2000;

export function showValue(value: unknown): ShownValue {
  let repr = pyRepr(value);
  if (repr.length > MAX_REPR) repr = repr.slice(0, MAX_REPR) + ' ... (cut)';
  const json: unknown = JSON.parse(toJsonText(value));
  const first = repr[0];
  const pyType = first === '(' && Array.isArray(json) ? 'tuple' : first === '[' ? 'list' : first === '{' && json !== null && typeof json === 'object' && !Array.isArray(json) ? 'dict' : 'other';
  const fields = fieldsOf(value);
  return fields ? { repr, json, pyType, fields } : { repr, json, pyType };
}

/** The most fields a record shows; the rest are in its repr. */
const MAX_FIELDS = 50;
const MAX_FIELD_REPR = 200;

/**
 * The fields of a tuple or a dict, each as Python's repr. Python's tuple and dict classes are not exported through
 * engine/index.ts, so they are recognized by shape: a tuple holds its `items` array, a dict has `items()` and `keys()`.
 */
function fieldsOf(value: unknown): Array<{ name: string; repr: string }> | undefined {
  const cut = (text: string) => (text.length > MAX_FIELD_REPR ? text.slice(0, MAX_FIELD_REPR) + '…' : text);
  const shaped = value as { items?: unknown; keys?: unknown } | null;
  if (typeof shaped !== 'object' || shaped === null) return undefined;
  if (Array.isArray(shaped.items)) return (shaped.items as unknown[]).slice(0, MAX_FIELDS).map((item, i) => ({ name: String(i), repr: cut(pyRepr(item)) }));
  if (typeof shaped.items === 'function' && typeof shaped.keys === 'function') {
    const entries = [...(shaped.items as () => Iterable<[unknown, unknown]>).call(shaped)].slice(0, MAX_FIELDS);
    return entries.map(([k, v]) => ({ name: typeof k === 'string' ? k : pyRepr(k), repr: cut(pyRepr(v)) }));
  }
  return undefined;
}

/**
 * The elements of a `take` result. The engine gives a Python tuple (a class not exported through engine/index.ts);
 * its JSON form is the list of elements, which is all the preview needs besides each element's own repr.
 */
export function previewOf(takeResult: unknown, collection: PortKind, npartitions: number, limit: number): NodeResult {
  const items = (takeResult as { items?: unknown[] }).items;
  const elements = Array.isArray(items) ? items : Array.isArray(takeResult) ? takeResult : [];
  return { kind: 'preview', collection, elements: elements.map(showValue), npartitions, limit };
}

/** Whether a value is a DataFrame or Series partition (the engine's columnar frames are plain data with a `kind`). */
export function isFrameValue(value: unknown): value is Frame | Series {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return (kind === 'frame' || kind === 'series') && typeof (value as { length?: unknown }).length === 'number';
}

/**
 * A DataFrame or Series as the result panel's table: at most `limit` rows, as `weft run --json` prints them. Whether
 * the rows are the whole frame is the caller's to say (`isWhole`): a `head` of `limit` rows may be all of it or not.
 */
export function tableOf(value: Frame | Series, collection: PortKind, facts: { npartitions: number; divisionsKnown: boolean; limit: number; isWhole: boolean }): NodeResult {
  const shown = value.length > facts.limit ? sliceRows(value, 0, facts.limit) : value;
  const rowCount = facts.isWhole || value.length < facts.limit ? value.length : null;
  const indexNames = value.index.kind === 'range' ? [value.index.name] : [...value.index.names];
  const common = { kind: 'table' as const, collection, indexNames, rowCount, npartitions: facts.npartitions, divisionsKnown: facts.divisionsKnown, limit: facts.limit };
  if (shown.kind === 'series') {
    const json = frameToJson(shown);
    return { ...common, columns: [{ name: json.name ?? '', dtype: json.dtype }], index: jsonValues(json.index), rows: jsonValues(json.data).map((v) => [v]) };
  }
  const json = frameToJson(shown);
  return { ...common, columns: json.columns.map((name, i) => ({ name, dtype: json.dtypes[i] })), index: jsonValues(json.index), rows: jsonValues(json.data) as unknown[][] };
}

/** Plain JSON of values holding the engine's float boxes (3.0 stays a float in its text, NaN becomes null). */
function jsonValues(values: unknown[]): unknown[] {
  return JSON.parse(toJsonText(values)) as unknown[];
}
