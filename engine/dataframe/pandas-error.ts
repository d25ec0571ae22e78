import { WeftError, type WeftErrorCode } from '../errors.js';

/**
 * An error a DataFrame kernel raises where pandas raises: `pyType` is pandas' exception class and the message reads
 * as the last line of pandas' traceback (`KeyError: "['x'] not found in axis"`), so Dask's failure and Weft's
 * match. Schema errors (a missing column, an unknown dtype) are BAD_PARAM, found by the meta functions before
 * running; errors that depend on the values (a NaN cast to int) are TASK_FAILED.
 */
export class PandasError extends WeftError {
  readonly pyType: string;
  readonly pyMessage: string;

  constructor(code: WeftErrorCode, pyType: string, pyMessage: string) {
    super(code, `${pyType}: ${pyMessage}`);
    this.name = 'PandasError';
    this.pyType = pyType;
    this.pyMessage = pyMessage;
  }
}

/** The repr of a column label or a list of labels, as pandas prints them in messages. */
export function pyReprLabel(label: unknown): string {
  if (Array.isArray(label)) return `[${label.map(pyReprLabel).join(', ')}]`;
  if (typeof label === 'string') return label.includes("'") && !label.includes('"') ? `"${label}"` : `'${label.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(label);
}
