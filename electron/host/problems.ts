/**
 * Everything wrong with a document, placed on its nodes, params and expression columns: the engine's validation,
 * then (when that passes) planning, which finds what only the file system can tell, such as a missing input file.
 */
import { planPipeline, validatePipeline, WeftError, type PipelineFile } from '../../engine/index.js';
import type { Problem } from '../ipc/contract.js';

/** The samples' data file, which the app can download when it is missing. */
export const SAMPLE_DATA_FILE = 'kddcup.data_10_percent.gz';

export function problemOf(error: WeftError): Problem {
  const context = error.context as WeftError['context'] & { param?: string };
  const problem: Problem = { code: error.code, message: error.message };
  if (context.nodeId !== undefined) problem.nodeId = context.nodeId;
  if (context.param !== undefined) problem.param = context.param;
  if (error.code === 'EXPRESSION' && context.line !== undefined) {
    problem.line = context.line;
    problem.column = context.column;
  }
  if (error.code === 'FILE_NOT_FOUND' && (context.file?.includes(SAMPLE_DATA_FILE) || error.message.includes(SAMPLE_DATA_FILE))) {
    problem.isMissingSampleData = true;
  }
  return problem;
}

export function findProblems(pipeline: PipelineFile, baseDir: string): Problem[] {
  const validation = validatePipeline(pipeline);
  if (!validation.pipeline) return validation.errors.map(problemOf);
  try {
    planPipeline(validation.pipeline, { baseDir });
    return [];
  } catch (e) {
    if (e instanceof WeftError) return [problemOf(e)];
    throw e;
  }
}
