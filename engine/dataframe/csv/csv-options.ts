import { WeftError } from '../../errors.js';
import type { DType, Label } from '../frame.js';

/**
 * The pandas keywords of `dd.read_csv(urlpath, sep=, header=, names=, usecols=, dtype=, blocksize=)` that reach
 * `pd.read_csv`, checked and normalised once so the planner, the meta inference and the block reader agree.
 */

/** The keywords as a pipeline gives them (JSON values), before checking. */
export interface ReadCsvParams {
  sep?: string;
  /** `'infer'` (the default), `0`, a row number, or `null` (no header row). */
  header?: 'infer' | number | null;
  names?: Label[] | null;
  usecols?: Label[] | null;
  /** One dtype for every column, or column (name or position) → dtype. */
  dtype?: string | Record<string, string> | null;
  blocksize?: number | string | null | 'default';
  /** Bytes of the first file that Dask samples for the header and the dtypes (Dask's default 256000). */
  sample?: number;
}

/** A forced dtype as pandas reads it: `str` and `object` both parse to object. */
export type ForcedDType = DType;

/** The checked keywords. `header` is what Dask passes on: a row number, or null for no header row. */
export interface CsvOptions {
  sep: number;
  /** The `header` keyword as given: `'infer'` when absent. */
  header: 'infer' | number | null;
  names: Label[] | null;
  usecols: Label[] | null;
  dtype: ForcedDType | Map<string, ForcedDType> | null;
  sample: number;
}

const DTYPE_NAMES: ReadonlyMap<string, ForcedDType> = new Map([
  ['int64', 'int64'], ['int', 'int64'], ['i8', 'int64'], ['<i8', 'int64'],
  ['float64', 'float64'], ['float', 'float64'], ['f8', 'float64'], ['<f8', 'float64'],
  ['bool', 'bool'], ['?', 'bool'],
  ['object', 'object'], ['O', 'object'], ['str', 'object'],
]);

function dtypeOf(name: unknown, where: string): ForcedDType {
  const dtype = typeof name === 'string' ? DTYPE_NAMES.get(name) : undefined;
  if (dtype !== undefined) return dtype;
  if (name === 'category') throw new WeftError('BAD_PARAM', `${where}: dtype 'category' is not supported by Weft's read_csv yet; read the column as 'object' (or 'str') instead`);
  throw new WeftError('BAD_PARAM', `${where}: dtype ${JSON.stringify(name)} is not one Weft reads: use 'int64', 'float64', 'bool', 'object' or 'str'`);
}

/** Checks the pandas keywords; `where` names the node in messages. */
export function csvOptions(params: ReadCsvParams, where = 'read_csv'): CsvOptions {
  const sep = params.sep ?? ',';
  if (typeof sep !== 'string' || [...sep].length !== 1 || sep.charCodeAt(0) > 127 || sep === '"' || sep === '\n' || sep === '\r') {
    throw new WeftError('BAD_PARAM', `${where}: sep must be one ASCII character other than a quote or a newline (pandas reads a longer sep as a regular expression with its Python engine, which Weft does not have); got ${JSON.stringify(sep)}`);
  }
  const header = params.header === undefined ? 'infer' : params.header;
  if (header !== 'infer' && header !== null && !(Number.isInteger(header) && (header as number) >= 0)) {
    throw new WeftError('BAD_PARAM', `${where}: header must be 'infer', a row number (0 for the first row) or None; got ${JSON.stringify(header)}`);
  }
  const names = params.names ?? null;
  if (names !== null) {
    if (!Array.isArray(names)) throw new WeftError('BAD_PARAM', `${where}: names must be a list of column names`);
    if (new Set(names).size !== names.length) throw new WeftError('BAD_PARAM', `${where}: Duplicate names are not allowed.`);
  }
  const usecols = params.usecols ?? null;
  if (usecols !== null) {
    if (!Array.isArray(usecols) || usecols.length === 0) throw new WeftError('BAD_PARAM', `${where}: usecols must be a non-empty list of column names or of positions`);
    const allInts = usecols.every((u) => typeof u === 'number');
    const allStrings = usecols.every((u) => typeof u === 'string');
    if (!allInts && !allStrings) throw new WeftError('BAD_PARAM', `${where}: 'usecols' must either be list-like of all strings, all unicode, all integers or a callable.`);
  }
  let dtype: CsvOptions['dtype'] = null;
  if (typeof params.dtype === 'string') dtype = dtypeOf(params.dtype, where);
  else if (params.dtype !== null && params.dtype !== undefined) {
    if (typeof params.dtype !== 'object' || Array.isArray(params.dtype)) throw new WeftError('BAD_PARAM', `${where}: dtype must be a dtype name or an object of column → dtype name`);
    dtype = new Map();
    for (const [key, value] of Object.entries(params.dtype)) dtype.set(key, dtypeOf(value, `${where}: dtype of column ${JSON.stringify(key)}`));
  }
  const sample = params.sample ?? 256000;
  if (!Number.isInteger(sample) || sample <= 0) throw new WeftError('BAD_PARAM', `${where}: sample must be a positive number of bytes`);
  return { sep: sep.charCodeAt(0), header: header as CsvOptions['header'], names, usecols, dtype, sample };
}

/**
 * The `header` pandas applies to a read: Dask passes the keyword as given; pandas' default is row 0 without
 * `names` and no header row with them.
 */
export function effectiveHeader(header: CsvOptions['header'], names: Label[] | null): number | null {
  if (header === 'infer') return names === null ? 0 : null;
  return header;
}

/** The keywords Dask hands on to pandas (its `CSVFunctionWrapper.kwargs`): any of them given disables `usecols` projection. */
const PANDAS_KEYWORDS = ['sep', 'header', 'names', 'usecols', 'dtype'];

/** Whether Dask projects the columns after the read (any pandas keyword given) rather than through `usecols`. */
export function projectsAfterRead(params: object): boolean {
  return PANDAS_KEYWORDS.some((k) => (params as Record<string, unknown>)[k] !== undefined);
}

/** The forced dtype of column `name`, as pandas looks it up in a dict keyed by labels. */
export function forcedDtype(dtype: CsvOptions['dtype'], name: Label): ForcedDType | null {
  if (dtype === null) return null;
  if (typeof dtype === 'string') return dtype;
  // JSON keys are strings, and a str key never matches pandas' int labels (header=None's 0, 1, ...), as in Python.
  return typeof name === 'string' ? (dtype.get(name) ?? null) : null;
}
