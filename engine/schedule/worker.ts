/** The worker-thread side of the thread executor: decodes the inputs, runs a batch of tasks, encodes the results. */
import { isMainThread, threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import type { TaskFailure } from './executor.js';
import { KernelContext } from '../kernels/kernel-context.js';
import { runTask, type RunnableTask } from '../kernels/run-task.js';
import { KERNELS } from '../ops/kernels.js';
import { EncodedPartition } from '../values/encoded-partition.js';
import { closeSpillReader, isSpilledInput, setReadGarbageBudget, SpilledPartition, type SpilledInput } from '../store/spilled-partition.js';
import { GarbageBudget } from '../store/garbage-budget.js';
import { decodeValue, encodeValueSegments } from '../values/codec.js';
import { concatSegments } from '../values/segments.js';
import { describeFailure } from './task-failure.js';
import { setBudgetTicks } from '../expr/budget.js';

/** What the pool sends a worker: tasks to run in order, each with its inputs' encodings. */
export interface WorkerRequest {
  /** Only what running needs of each task: the keys, layers and deps that the main thread keeps stay out of the message. */
  batch: RunnableTask[];
  /** Each task's inputs: their encodings, or where a spilled one is for the task to read in place. */
  deps: Array<Array<Uint8Array | SpilledInput>>;
  functions: string;
  /**
   * Where the worker writes the index of the batch's task it is running (batches of several only): if the thread
   * dies of heap exhaustion, this is how the main thread knows which task's node and partition to name.
   */
  running?: Int32Array;
}

/**
 * What a worker answers. Success: each task's duration and results, each result encoded on its own in a
 * SharedArrayBuffer of its own, so that it crosses threads without a copy both ways — to the main thread, which keeps
 * it encoded, and on to the workers of the tasks that read it, where a frame's typed arrays view it in place (the
 * encoding aligns them: codec.ts). One buffer per result, so that dropping or spilling a result frees its memory. A
 * task's warnings (rare and short) travel as strings beside its payloads. A failure is plain data, since Error
 * objects lose their fields in transit.
 */
export type WorkerResponse = WorkerSuccess | { failure: TaskFailure; threadId: number };

export interface WorkerSuccess {
  tasks: Array<{ durationMs: number; payloads: Uint8Array[]; warnings?: string[] }>;
  threadId: number;
}

/** What every worker of a pool is started with. */
export interface WorkerSettings {
  /** Bytes of partitions a worker may drop before it collects garbage (see garbage-budget.ts); Infinity: never. */
  garbageBudget: number;
  /** The module worker-entry.cjs loads, relative to it: this one, or its bundle when the CLI runs from its own. */
  workerModule: string;
}

// Tasks here are stopped by terminating the thread, not by the plan-time budget: compile user code without its ticks.
// (Only on a worker thread: a main thread that imports this module keeps its plan-time budget.)
if (!isMainThread) setBudgetTicks(false);
const ctx = new KernelContext(KERNELS, true);
const garbage = new GarbageBudget((workerData as WorkerSettings | undefined)?.garbageBudget ?? Infinity);
setReadGarbageBudget(garbage);

/** A task's inputs: those it streams stay encoded (decoded a chunk at a time as they flow), the rest are decoded. */
function inputsOf(task: RunnableTask, encoded: Array<Uint8Array | SpilledInput>): unknown[] {
  return encoded.map((bytes, j) => {
    if (isSpilledInput(bytes)) return new SpilledPartition(bytes);
    return ctx.kernels.streamsInput(task, j) ? new EncodedPartition([bytes]) : decodeValue(bytes);
  });
}

/** A result's encoding, in segments (a collected partition already is one; see ListEncoder): copied once, after. */
function encodeResult(value: unknown): EncodedPartition {
  return value instanceof EncodedPartition ? value : new EncodedPartition(encodeValueSegments(value));
}

export async function runTaskInWorker(request: WorkerRequest): Promise<WorkerResponse> {
  const done: Array<{ durationMs: number; parts: EncodedPartition[]; warnings: string[] }> = [];
  for (let i = 0; i < request.batch.length; i++) {
    const started = performance.now();
    if (request.running) Atomics.store(request.running, 0, i);
    // A failed task's warnings go with it.
    ctx.takeWarnings();
    try {
      const result = runTask(request.batch[i], inputsOf(request.batch[i], request.deps[i]), request.functions, ctx);
      const values = result instanceof Promise ? await result : result;
      done.push({ durationMs: performance.now() - started, parts: values.map(encodeResult), warnings: ctx.takeWarnings() });
    } catch (e) {
      closeSpillReader();
      return { failure: { ...describeFailure(e), index: i }, threadId };
    }
  }
  closeSpillReader();
  const tasks = done.map((task) => ({
    durationMs: task.durationMs,
    payloads: task.parts.map((part) => concatSegments(part.segments, true)),
    ...(task.warnings.length ? { warnings: task.warnings } : {}),
  }));
  // The inputs, and the results now copied into shared memory, are dead once this returns.
  garbage.release(tasks.reduce((n, t) => n + t.payloads.reduce((m, p) => m + p.byteLength, 0), 0) + request.deps.reduce((n, deps) => n + deps.reduce((m, d) => m + (isSpilledInput(d) ? 0 : d.byteLength), 0), 0));
  return { tasks, threadId };
}

