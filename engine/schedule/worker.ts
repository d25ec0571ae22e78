/** The worker-thread side of the thread executor: decodes the inputs, runs the task, encodes the result. */
import { threadId } from 'node:worker_threads';
import { move } from 'piscina';
import type { TaskSpec } from '../graph/task.js';
import type { TaskFailure } from './executor.js';
import { KernelContext } from '../kernels/kernel-context.js';
import { runTask } from '../kernels/run-task.js';
import { decodeValue, encodeValue } from '../values/codec.js';
import { describeFailure } from './task-failure.js';

/** What the pool sends a worker. */
export interface WorkerRequest {
  task: TaskSpec;
  deps: Uint8Array[];
  functions: string;
}

/**
 * What a worker answers. Success is one moved buffer (piscina transfers, rather than copies, only a moved value
 * returned at the top level) holding every produced result, each encoded on its own so the main thread can keep
 * them apart without decoding: a uint32 count, a uint32 byte length per result, the encodings, and last the worker's
 * uint32 thread id. A failure is plain data, since Error objects lose their fields in transit.
 */
export type WorkerResponse = Uint8Array | { failure: TaskFailure; threadId: number };

const ctx = new KernelContext();

export async function runTaskInWorker(request: WorkerRequest): Promise<WorkerResponse> {
  try {
    const values = await runTask(request.task, request.deps.map(decodeValue), request.functions, ctx);
    const parts = values.map(encodeValue);
    const header = 4 + 4 * parts.length;
    const out = new Uint8Array(header + parts.reduce((n, p) => n + p.byteLength, 0) + 4);
    const view = new DataView(out.buffer);
    view.setUint32(0, parts.length, true);
    let offset = header;
    parts.forEach((part, i) => {
      view.setUint32(4 + 4 * i, part.byteLength, true);
      out.set(part, offset);
      offset += part.byteLength;
    });
    view.setUint32(offset, threadId, true);
    return move(out) as Uint8Array;
  } catch (e) {
    return { failure: describeFailure(e), threadId };
  }
}

/** Splits a successful response into the encoded results (views, not copies) and the id of the worker thread. */
export function splitResponse(response: Uint8Array): { parts: Uint8Array[]; threadId: number } {
  const view = new DataView(response.buffer, response.byteOffset, response.byteLength);
  const count = view.getUint32(0, true);
  let offset = 4 + 4 * count;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(4 + 4 * i, true);
    parts.push(response.subarray(offset, offset + length));
    offset += length;
  }
  return { parts, threadId: view.getUint32(offset, true) };
}
