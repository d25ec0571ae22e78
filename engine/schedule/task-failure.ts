import type { TaskFailure } from './executor.js';
import { ElementError } from '../kernels/element-error.js';
import { WeftError } from '../errors.js';
import { PyException } from '../expr/py-exception.js';

/** Describes whatever a task threw as plain data (the form that crosses threads). */
export function describeFailure(error: unknown): TaskFailure {
  if (error instanceof ElementError) return { code: 'TASK_FAILED', message: error.pyMessage, nodeId: error.nodeId, element: error.element };
  if (error instanceof WeftError) {
    const code = error.code === 'IO' || error.code === 'FILE_NOT_FOUND' || error.code === 'BAD_PARAM' || error.code === 'EXPRESSION' ? error.code : 'TASK_FAILED';
    return { code, message: error.message, nodeId: error.context.nodeId, file: error.context.file };
  }
  if (error instanceof PyException) return { code: 'TASK_FAILED', message: error.message };
  const e = error as Error;
  return { code: 'TASK_FAILED', message: `internal error: ${e?.stack ?? String(error)}` };
}

/** Marks a rejected promise as carrying a task failure. */
export class TaskFailedError extends Error {
  constructor(readonly failure: TaskFailure) {
    super(failure.message);
  }
}
