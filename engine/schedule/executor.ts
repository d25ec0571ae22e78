import type { TaskSpec } from '../graph/task.js';
import type { SpilledInput } from '../store/spilled-partition.js';

/**
 * Runs tasks for the scheduling loop, a batch at a time (a batch of one for any task that is not known to be tiny:
 * see the batching policy in scheduler.ts). Results stay in the executor's own form (`Payload`): plain values for
 * the inline executor, encoded bytes for the thread pool, so a result read by several tasks is encoded only once.
 */
export interface Executor<Payload = unknown> {
  /** `sync` or `threads`: how runs report it. */
  readonly name: string;
  /** How many batches may run at once. */
  readonly capacity: number;
  /**
   * Runs a batch of ready tasks, in order, on the results of their dependencies (`deps[i]` for `batch[i]`, in
   * `deps` order); resolves to one payload per produced key of each task, and rejects with a TaskFailedError (whose
   * failure says which task) when user code fails, or with CancelledError when the signal aborts it.
   */
  submit(batch: TaskSpec[], deps: Array<Array<Payload | SpilledInput>>, functions: string, signal: AbortSignal): Promise<BatchResult<Payload>>;
  /**
   * Whether input `index` of `task`, when spilled, goes to the task as a {@link SpilledInput} for it to read in place
   * rather than read back by the caller. Absent: never (the task gets every input as a payload).
   */
  readsSpilled?(task: TaskSpec, index: number): boolean;
  /** The value a payload stands for. */
  toValue(payload: Payload): unknown;
  /** Bytes a payload takes in memory, as far as the executor can tell (the spill policy counts them). */
  sizeOf(payload: Payload): number;
  /** A payload as bytes to spill to disk, and back. */
  toBytes(payload: Payload): Uint8Array;
  fromBytes(bytes: Uint8Array): Payload;
  close(): Promise<void>;
}

/** What a batch gave: per task, its payloads, how long it ran and the warnings it gave (if any); which worker ran it. */
export interface BatchResult<Payload> {
  worker: number;
  tasks: Array<{ payloads: Payload[]; durationMs: number; warnings?: string[] }>;
}

/** Why a task failed, as plain data that can cross from a worker thread. */
export interface TaskFailure {
  code: 'TASK_FAILED' | 'IO' | 'FILE_NOT_FOUND' | 'BAD_PARAM' | 'EXPRESSION';
  message: string;
  nodeId?: string;
  element?: string | null;
  file?: string;
  /** Which task of the batch failed. */
  index?: number;
}
