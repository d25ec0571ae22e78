import { WeftError } from '../../errors.js';
import { reprString } from '../../values/repr.js';

/**
 * Dask's error when building a collection's meta runs the operation on fake rows and that fails
 * (dask/dataframe/utils.py `raise_on_meta_error`, with `udf=True` as query and map_partitions pass it): its words,
 * then the original error's repr. Dask's traceback, which names this machine's files, is left out.
 */
export function metadataInferenceFailed(method: string, cause: WeftError & { pyType?: string; pyMessage?: string }): WeftError {
  // Weft's did-you-mean goes after Dask's words, so the original error reads as Dask's repr of it.
  const [pyMessage, hint] = (cause.pyMessage ?? '').split(/; (?=did you mean )/);
  const original = cause.pyType ? `${cause.pyType}(${reprString(pyMessage)})` : cause.message;
  const message =
    `ValueError: Metadata inference failed in \`${method}\`.\n\n` +
    'You have supplied a custom function and Dask is unable to \ndetermine the type of output that that function returns. \n\n' +
    'To resolve this please provide a meta= keyword.\nThe docstring of the Dask function you ran should have more information.\n\n' +
    `Original error is below:\n------------------------\n${original}` +
    (hint ? `\n(${hint})` : '');
  return new WeftError(cause.code, message, { ...cause.context }, { cause });
}
