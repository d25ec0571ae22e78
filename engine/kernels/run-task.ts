/**
 * Runs one task: the same code on the inline scheduler and in the worker threads. A chain streams its source through
 * its stages into its sink; aggregates, gathers and takes combine the results of the tasks they depend on.
 */
import type { Source, TaskSpec } from '../graph/task.js';
import type { ChainState, Consumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';
import { stageConsumer } from './stages.js';
import { sinkConsumer } from './sinks.js';
import { aggregate } from './reducers.js';
import { readTextLines } from '../io/read-text-lines.js';
import { CancelledError } from '../errors.js';
import { elementError } from './element-error.js';
import { PyException } from '../expr/py-exception.js';
import { decodeListChunks, decodeValue } from '../values/codec.js';
import { EncodedPartition } from '../values/encoded-partition.js';
import { PyTuple, hashKey, type HashKey } from '../values/py-types.js';

/**
 * Runs `task` given the results of its dependencies (in `task.deps` order); gives one result per produced key.
 * Only tasks that read files wait for anything, so the others return synchronously: a promise per tiny task would
 * cost more than the task.
 */
export function runTask(task: TaskSpec, deps: unknown[], functions: string, ctx: KernelContext, signal?: AbortSignal): unknown[] | Promise<unknown[]> {
  const result = runWork(task, deps, functions, ctx, signal);
  const wrap = (value: unknown) => (task.produces ? (value as unknown[]) : [value]);
  return result instanceof Promise ? result.then(wrap) : wrap(result);
}

function runWork(task: TaskSpec, deps: unknown[], functions: string, ctx: KernelContext, signal?: AbortSignal): unknown {
  const work = task.work;
  switch (work.kind) {
    case 'chain': {
      const state: ChainState = { stopped: false };
      const sink = sinkConsumer(work.sink, ctx, functions, state);
      let head: Consumer = sink;
      for (let i = work.stages.length - 1; i >= 0; i--) head = stageConsumer(work.stages[i], head, ctx, functions, state);
      const finish = () => {
        if (signal?.aborted) throw new CancelledError();
        head.end();
        return sink.result();
      };
      const fed = feed(work.source, deps, head, state, signal);
      return fed ? fed.then(finish) : finish();
    }
    case 'aggregate':
      return aggregate(work.reducer, deps, work.isLast, ctx, functions, work.nodeId);
    case 'take-final':
      return new PyTuple((deps as unknown[][]).flat().slice(0, work.k));
    case 'gather':
      return deps;
  }
}

/** Pushes the source's elements; returns a promise only for sources that read files. */
function feed(source: Source, deps: unknown[], head: Consumer, state: ChainState, signal: AbortSignal | undefined): Promise<void> | undefined {
  const push = (x: unknown) => head.push(x);
  // Reading files awaits I/O between chunks, which is where an abort can be noticed on the inline scheduler.
  const stopped = () => state.stopped || signal?.aborted === true;
  switch (source.kind) {
    case 'text-file': {
      const onLine = source.includePath ? (line: string) => head.push(new PyTuple([line, source.path])) : push;
      return readTextLines(source, onLine, stopped);
    }
    case 'text-files':
      return (async () => {
        for (const file of source.files) {
          const onLine = source.includePath ? (line: string) => head.push(new PyTuple([line, file.path])) : push;
          await readTextLines({ ...file, nodeId: source.nodeId, start: 0, end: null, encoding: source.encoding, linedelimiter: source.linedelimiter }, onLine, stopped);
          if (state.stopped) return;
        }
      })();
    case 'literal':
      pushAll(decodeValue(source.items) as unknown[], head, state);
      return;
    case 'input':
      pushPartition(deps[source.index], head, state);
      return;
    case 'concat':
      for (const index of source.inputs) {
        pushPartition(deps[index], head, state);
        if (state.stopped) return;
      }
      return;
    case 'groups':
      pushAll(gatherGroups(deps as PyTuple[][], source.sizesOnly === true), head, state);
      return;
    case 'zip': {
      const parts = source.inputs.map((i) => deps[i] as unknown[]);
      const n = parts[0].length;
      if (parts.some((p) => p.length !== n)) {
        throw elementError(new PyException('ValueError', "map called with multiple bags that aren't identically partitioned. Please ensure that all bag arguments have the same partition lengths"), source.nodeId, null, false);
      }
      for (let i = 0; i < n && !state.stopped; i++) head.push(new PyTuple(parts.map((p) => p[i])));
      return;
    }
    case 'product': {
      const left = deps[source.left] as unknown[];
      const right = deps[source.right] as unknown[];
      for (const a of left) {
        for (const b of right) {
          head.push(new PyTuple([a, b]));
          if (state.stopped) return;
        }
      }
      return;
    }
  }
}

/** Pushes a partition's elements, decoding an encoded one a chunk at a time. */
function pushPartition(partition: unknown, head: Consumer, state: ChainState): void {
  if (!(partition instanceof EncodedPartition)) return pushAll(partition as unknown[], head, state);
  for (const chunk of decodeListChunks(partition.bytes())) {
    if (head.pushAll) head.pushAll(chunk);
    else pushAll(chunk, head, state);
    if (state.stopped) return;
  }
}

/**
 * Which inputs of `task` it reads only by streaming their elements through its pipeline: those may stay encoded
 * until then (see pushPartition).
 */
export function streamsInput(task: TaskSpec, index: number): boolean {
  if (task.work.kind !== 'chain') return false;
  const source = task.work.source;
  return (source.kind === 'input' && source.index === index) || (source.kind === 'concat' && source.inputs.includes(index));
}

function pushAll(items: unknown[], head: Consumer, state: ChainState): void {
  for (let i = 0; i < items.length; i++) {
    head.push(items[i]);
    if (state.stopped) return;
  }
}

/**
 * An output partition of a groupby: its bucket of every split, merged group by group in input order. With
 * `sizesOnly` the buckets hold counts, and each group is handed on as a list of that length without elements (a JS
 * array with only a length costs nothing).
 */
function gatherGroups(buckets: PyTuple[][], sizesOnly: boolean): PyTuple[] {
  const groups = new Map<HashKey, [unknown, unknown]>();
  for (const bucket of buckets) {
    for (const pair of bucket) {
      const [k, part] = pair.items;
      const h = hashKey(k);
      const group = groups.get(h);
      if (!group) groups.set(h, [k, sizesOnly ? part : (part as unknown[]).slice()]);
      else if (sizesOnly) (group[1] as number) += part as number;
      // One push per element: spreading a large bucket into push() would overflow the call stack.
      else for (const x of part as unknown[]) (group[1] as unknown[]).push(x);
    }
  }
  return [...groups.values()].map(([k, part]) => {
    if (!sizesOnly) return new PyTuple([k, part]);
    const sized: unknown[] = [];
    sized.length = part as number;
    return new PyTuple([k, sized]);
  });
}

