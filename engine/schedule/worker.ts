/** The worker-thread side of the thread executor: decodes the inputs, runs a batch of tasks, encodes the results. */
import { isMainThread, threadId } from 'node:worker_threads';
import { move, workerData } from 'piscina';
import type { TaskSpec } from '../graph/task.js';
import type { TaskFailure } from './executor.js';
import { KernelContext } from '../kernels/kernel-context.js';
import { runTask } from '../kernels/run-task.js';
import { KERNELS } from '../ops/kernels.js';
import { EncodedPartition } from '../values/encoded-partition.js';
import { GarbageBudget } from '../store/garbage-budget.js';
import { decodeValue, encodeValue } from '../values/codec.js';
import { describeFailure } from './task-failure.js';
import { setBudgetTicks } from '../expr/budget.js';

/** What the pool sends a worker: tasks to run in order, each with its inputs' encodings. */
export interface WorkerRequest {
  batch: TaskSpec[];
  deps: Uint8Array[][];
  functions: string;
  /**
   * Where the worker writes the index of the batch's task it is running (batches of several only): if the thread
   * dies of heap exhaustion, this is how the main thread knows which task's node and partition to name.
   */
  running?: Int32Array;
}

/**
 * What a worker answers. Success is one moved buffer (piscina transfers, rather than copies, only a moved value
 * returned at the top level) holding every result of every task, each encoded on its own so that the main thread
 * can keep them apart without decoding. Layout: uint32 task count; per task a float64 duration in ms, a uint32
 * result count and a uint32 byte length per result; then all encodings in order; last the uint32 thread id.
 * A failure is plain data, since Error objects lose their fields in transit.
 */
export type WorkerResponse = Uint8Array | { failure: TaskFailure; threadId: number };

/** What every worker of a pool is started with. */
export interface WorkerSettings {
  /** Bytes of partitions a worker may drop before it collects garbage (see garbage-budget.ts); Infinity: never. */
  garbageBudget: number;
}

// Tasks here are stopped by terminating the thread, not by the plan-time budget: compile user code without its ticks.
// (The main thread imports this module too, for splitResponse; its plan-time code keeps them.)
if (!isMainThread) setBudgetTicks(false);
const ctx = new KernelContext(KERNELS, true);
const garbage = new GarbageBudget((workerData as WorkerSettings | undefined)?.garbageBudget ?? Infinity);

/** A task's inputs: those it streams stay encoded (decoded a chunk at a time as they flow), the rest are decoded. */
function inputsOf(task: TaskSpec, encoded: Uint8Array[]): unknown[] {
  return encoded.map((bytes, j) => (ctx.kernels.streamsInput(task, j) ? new EncodedPartition([bytes]) : decodeValue(bytes)));
}

/** A result's encoding, in segments (a collected partition already is one; see ListEncoder). */
function encodeResult(value: unknown): EncodedPartition {
  return value instanceof EncodedPartition ? value : new EncodedPartition([encodeValue(value)]);
}

export async function runTaskInWorker(request: WorkerRequest): Promise<WorkerResponse> {
  const done: Array<{ durationMs: number; parts: EncodedPartition[] }> = [];
  for (let i = 0; i < request.batch.length; i++) {
    const started = performance.now();
    if (request.running) Atomics.store(request.running, 0, i);
    try {
      const result = runTask(request.batch[i], inputsOf(request.batch[i], request.deps[i]), request.functions, ctx);
      const values = result instanceof Promise ? await result : result;
      done.push({ durationMs: performance.now() - started, parts: values.map(encodeResult) });
    } catch (e) {
      return { failure: { ...describeFailure(e), index: i }, threadId };
    }
  }
  const header = 4 + done.reduce((n, t) => n + 12 + 4 * t.parts.length, 0);
  const body = done.reduce((n, t) => n + t.parts.reduce((m, p) => m + p.byteLength, 0), 0);
  const out = new Uint8Array(header + body + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, done.length, true);
  let head = 4;
  let offset = header;
  for (const task of done) {
    view.setFloat64(head, task.durationMs, true);
    view.setUint32(head + 8, task.parts.length, true);
    head += 12;
    for (const part of task.parts) {
      view.setUint32(head, part.byteLength, true);
      head += 4;
      for (const segment of part.segments) {
        out.set(segment, offset);
        offset += segment.byteLength;
      }
    }
  }
  view.setUint32(offset, threadId, true);
  // The inputs, and the results now copied into `out`, are dead once this returns.
  garbage.release(out.byteLength + request.deps.reduce((n, deps) => n + deps.reduce((m, d) => m + d.byteLength, 0), 0));
  return move(out) as Uint8Array;
}

/** Splits a successful response into each task's encoded results and the worker's thread id. */
export function splitResponse(response: Uint8Array): { tasks: Array<{ payloads: Uint8Array[]; durationMs: number }>; threadId: number } {
  const view = new DataView(response.buffer, response.byteOffset, response.byteLength);
  const count = view.getUint32(0, true);
  const layout: Array<{ durationMs: number; lengths: number[] }> = [];
  let head = 4;
  for (let i = 0; i < count; i++) {
    const durationMs = view.getFloat64(head, true);
    const n = view.getUint32(head + 8, true);
    head += 12;
    const lengths: number[] = [];
    for (let j = 0; j < n; j++, head += 4) lengths.push(view.getUint32(head, true));
    layout.push({ durationMs, lengths });
  }
  let offset = head;
  // Structured clone copies a typed array's whole buffer, not just its view: when the response holds several
  // results, each gets a buffer of its own, or sending one result on to another worker would send them all.
  const several = layout.length > 1 || layout[0]?.lengths.length > 1;
  const tasks = layout.map(({ durationMs, lengths }) => ({
    durationMs,
    payloads: lengths.map((length) => {
      const part = several ? response.slice(offset, offset + length) : response.subarray(offset, offset + length);
      offset += length;
      return part;
    }),
  }));
  return { tasks, threadId: view.getUint32(offset, true) };
}
