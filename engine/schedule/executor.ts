import type { TaskSpec } from '../graph/task.js';

/**
 * Runs single tasks for the scheduling loop. Results stay in the executor's own form (`Payload`): plain values for the
 * inline executor, encoded bytes for the thread pool, so a result read by several tasks is encoded only once.
 */
export interface Executor<Payload = unknown> {
  /** `sync` or `threads`: how runs report it. */
  readonly name: string;
  /** How many tasks may run at once. */
  readonly capacity: number;
  /**
   * Runs a task on the results of its dependencies; resolves to one payload per produced key (see
   * `producedKeys`), rejects with a TaskFailedError when user code fails.
   */
  submit(task: TaskSpec, deps: Payload[], functions: string, signal: AbortSignal): Promise<{ payloads: Payload[]; worker: number }>;
  /** The value a payload stands for. */
  toValue(payload: Payload): unknown;
  /** Approximate size of a payload in bytes, for stats. */
  sizeOf(payload: Payload): number;
  close(): Promise<void>;
}

/** Why a task failed, as plain data that can cross from a worker thread. */
export interface TaskFailure {
  code: 'TASK_FAILED' | 'IO' | 'FILE_NOT_FOUND' | 'BAD_PARAM' | 'EXPRESSION';
  message: string;
  nodeId?: string;
  element?: string | null;
  file?: string;
}
