/** The worker-thread side of the thread executor: decodes the inputs, runs a batch of tasks, encodes the results. */
import { threadId } from 'node:worker_threads';
import { move } from 'piscina';
import type { TaskSpec } from '../graph/task.js';
import type { TaskFailure } from './executor.js';
import { KernelContext } from '../kernels/kernel-context.js';
import { runTask } from '../kernels/run-task.js';
import { decodeValue, encodeValue } from '../values/codec.js';
import { describeFailure } from './task-failure.js';

/** What the pool sends a worker: tasks to run in order, each with its inputs' encodings. */
export interface WorkerRequest {
  batch: TaskSpec[];
  deps: Uint8Array[][];
  functions: string;
}

/**
 * What a worker answers. Success is one moved buffer (piscina transfers, rather than copies, only a moved value
 * returned at the top level) holding every result of every task, each encoded on its own so that the main thread
 * can keep them apart without decoding. Layout: uint32 task count; per task a float64 duration in ms, a uint32
 * result count and a uint32 byte length per result; then all encodings in order; last the uint32 thread id.
 * A failure is plain data, since Error objects lose their fields in transit.
 */
export type WorkerResponse = Uint8Array | { failure: TaskFailure; threadId: number };

const ctx = new KernelContext();

export async function runTaskInWorker(request: WorkerRequest): Promise<WorkerResponse> {
  const done: Array<{ durationMs: number; parts: Uint8Array[] }> = [];
  for (let i = 0; i < request.batch.length; i++) {
    const started = performance.now();
    try {
      const result = runTask(request.batch[i], request.deps[i].map(decodeValue), request.functions, ctx);
      const values = result instanceof Promise ? await result : result;
      done.push({ durationMs: performance.now() - started, parts: values.map(encodeValue) });
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
      out.set(part, offset);
      offset += part.byteLength;
    }
  }
  view.setUint32(offset, threadId, true);
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
