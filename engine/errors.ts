/** What kind of failure a {@link WeftError} is; callers branch on it, people read the message. */
export type WeftErrorCode =
  | 'PIPELINE_FORMAT'
  | 'UNKNOWN_OP'
  | 'BAD_PARAM'
  | 'BAD_INPUT'
  | 'CYCLE'
  | 'EXPRESSION'
  | 'FILE_NOT_FOUND'
  | 'TASK_FAILED'
  | 'CANCELLED'
  | 'IO'
  | 'BAD_OPTION' // an option of a run, a session or an executor is out of range (see limits.ts)
  | 'PLAN_TOO_LARGE' // compiling would build more tasks or edges, or a longer sequence, than limits.ts allows
  | 'CLUSTER'; // a run on a Dask cluster failed: scheduler unreachable, a worker raised, the interpreter is missing

/** Where a failure is: the node, the task, the file and line, as far as they are known. */
export interface WeftErrorContext {
  nodeId?: string;
  taskKey?: string;
  partition?: number;
  file?: string;
  line?: number;
  column?: number;
}

/** Every error the engine reports: a code, a message a person can act on, and where it happened. */
export class WeftError extends Error {
  readonly code: WeftErrorCode;
  readonly context: WeftErrorContext;

  constructor(code: WeftErrorCode, message: string, context: WeftErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WeftError';
    this.code = code;
    this.context = context;
  }

  /** A plain object that survives IPC and JSON. */
  toJSON(): { code: WeftErrorCode; message: string } & WeftErrorContext {
    return { code: this.code, message: this.message, ...this.context };
  }
}

/** Raised when a run is stopped on purpose; callers treat it as a cancellation, not a failure. */
export class CancelledError extends WeftError {
  constructor() {
    super('CANCELLED', 'the run was cancelled');
    this.name = 'CancelledError';
  }
}
