import fs from 'node:fs';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { PipelineFile } from '../spec/pipeline.js';
import { validatePipeline } from '../spec/validate.js';
import { WeftError } from '../errors.js';
import { describeFileError } from '../io/file-error.js';

/** A pipeline file that failed validation: every problem, each with its node. */
export class PipelineInvalidError extends WeftError {
  constructor(
    readonly file: string,
    readonly errors: WeftError[],
  ) {
    super(errors[0]?.code ?? 'PIPELINE_FORMAT', `${file}: ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n` + errors.map((e) => `  - ${e.message}`).join('\n'), {
      file,
      nodeId: errors[0]?.context.nodeId,
    });
  }
}

/**
 * Where in a JSON text a parse error points, as a 1-based line and column. JSON.parse does not always say, so the
 * text is scanned again with jsonc-parser, which reports the offset of the first error.
 */
function jsonErrorPosition(text: string): { line: number; column: number } | null {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0) return null;
  const before = text.slice(0, errors[0].offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Parses pipeline text; a JSON syntax error names the line and column. */
export function parsePipelineText(text: string, file = '<pipeline>'): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const pos = jsonErrorPosition(text);
    const where = pos ? `line ${pos.line}, column ${pos.column}: ` : '';
    // V8 quotes the text around the error (`Unexpected token 'U', "U;..." is not valid JSON`), which for a binary file
    // is noise: the line and column say where, the rest of the message says what.
    const what = (e as Error).message.replace(/, (\.\.\.)?".*is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new WeftError('PIPELINE_FORMAT', `${file}: not valid JSON: ${where}${what}`, { file, ...pos });
  }
}

/** Reads, parses and validates a `*.weft.json` file, throwing {@link PipelineInvalidError} with every problem. */
export function loadPipelineFile(file: string): PipelineFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new WeftError('FILE_NOT_FOUND', `cannot read pipeline file ${file}: ${describeFileError(e, { ENOENT: 'there is no such file' })}`, { file });
  }
  const validation = validatePipeline(parsePipelineText(text, file));
  if (!validation.pipeline) throw new PipelineInvalidError(file, validation.errors);
  return validation.pipeline;
}
