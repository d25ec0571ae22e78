/**
 * The scheduling loop shared by every executor (the policy of Dask's `dask/local.py`, in miniature).
 *
 * Order: every task gets a static priority from a depth-first walk from the outputs, dependencies first, in output
 * order (a simple `dask.order`). Among the tasks whose inputs are ready, the lowest priority number runs first, so
 * a reduction finishes one group of partitions before it reads the next and partial results are freed early.
 * Memory: a result is released as soon as every task that needs it has finished, unless it is an output.
 * Batching: tasks are sent to the executor in batches of one until their layer has shown its tasks to be tiny
 * (see task-durations.ts); then ready tasks of that layer go several at a time, which amortizes the round trip to a
 * worker thread over many tiny tasks without ever delaying a big one.
 * Failure: the first failing task stops the run; tasks still running are aborted. Cancelling through the signal
 * aborts everything and rejects with CancelledError.
 * States: waiting (inputs missing) -> ready (in the heap) -> running -> done (result held until released).
 */
import type { Executor } from './executor.js';
import type { RunEvent } from './events.js';
import type { TaskGraph } from '../graph/task-graph.js';
import { producedKeys, type TaskSpec } from '../graph/task.js';
import { producerIndex } from '../graph/optimize.js';
import { CancelledError, WeftError } from '../errors.js';
import { TaskFailedError } from './task-failure.js';
import { MinHeap } from './min-heap.js';
import { TaskDurations } from './task-durations.js';
import { ResultStore } from '../store/result-store.js';
import type { SpilledInput } from '../store/spilled-partition.js';

/** How to run a graph. */
export interface ScheduleOptions<Payload> {
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Where results wait for their consumers (with a memory limit, spilling); the caller closes it. */
  store?: ResultStore<Payload>;
  /** Result keys the store already holds from an earlier run (persisted bags): their tasks do not run again. */
  available?: ReadonlySet<string>;
  /** Results to keep in the store after their last use (persisted bags), for later runs. */
  keep?: (key: string) => boolean;
}

/** The tasks a run must execute: those the outputs need, stopping at results the store already holds. */
export function neededTasks(graph: TaskGraph, available: ReadonlySet<string>): Set<string> {
  const producer = producerIndex(graph.tasks.values());
  const needed = new Set<string>();
  const stack = graph.outputs.flatMap((o) => o.keys.filter((k) => !available.has(k)).map((k) => producer.get(k)!));
  while (stack.length) {
    const key = stack.pop()!;
    if (needed.has(key)) continue;
    needed.add(key);
    for (const dep of graph.tasks.get(key)!.deps) if (!available.has(dep)) stack.push(producer.get(dep)!);
  }
  return needed;
}

/** The results of the output tasks, by key, in the executor's payload form. */
export interface ScheduleResult<Payload> {
  payloads: Map<string, Payload>;
  elapsedMs: number;
  tasksRun: number;
  /** The most task results held at once: what the release policy keeps low. */
  peakResultsHeld: number;
  /** The warnings the tasks gave, each once, in the order the tasks finished (Dask's are per message, too). */
  warnings: string[];
}

/** The priority of every task: its position in a depth-first, dependencies-first walk from the outputs. */
export function taskPriorities(graph: TaskGraph): Map<string, number> {
  const producer = producerIndex(graph.tasks.values());
  const order = new Map<string, number>();
  const visiting = new Set<string>();
  for (const output of graph.outputs) {
    for (const root of output.keys.map((k) => producer.get(k)!)) {
      // An explicit stack: graphs of many thousands of tasks would overflow recursion.
      const stack: Array<[string, number]> = [[root, 0]];
      while (stack.length) {
        const top = stack[stack.length - 1];
        const [key, next] = top;
        if (order.has(key)) {
          stack.pop();
          continue;
        }
        visiting.add(key);
        const deps = graph.tasks.get(key)!.deps;
        if (next < deps.length) {
          top[1]++;
          const dep = producer.get(deps[next])!;
          if (!order.has(dep) && !visiting.has(dep)) stack.push([dep, 0]);
        } else {
          stack.pop();
          visiting.delete(key);
          order.set(key, order.size);
        }
      }
    }
  }
  return order;
}

/** Runs every task of `graph` on `executor` and returns the outputs' payloads. */
export async function schedule<Payload>(graph: TaskGraph, executor: Executor<Payload>, options: ScheduleOptions<Payload> = {}): Promise<ScheduleResult<Payload>> {
  const emit = options.onEvent ?? (() => {});
  const started = performance.now();
  const priority = taskPriorities(graph);
  const outputKeys = new Set(graph.outputs.flatMap((o) => o.keys));
  // Dependencies name result keys; a task waits for as many distinct results as it reads.
  const missing = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const remainingUses = new Map<string, number>();
  const ready = new MinHeap<string>((a, b) => priority.get(a)! - priority.get(b)!);
  const available = options.available ?? new Set<string>();
  const keep = options.keep ?? (() => false);
  const needed = neededTasks(graph, available);
  for (const key of needed) {
    const task = graph.tasks.get(key)!;
    const deps = new Set(task.deps);
    let waitingFor = 0;
    for (const dep of deps) {
      remainingUses.set(dep, (remainingUses.get(dep) ?? 0) + 1);
      if (available.has(dep)) continue;
      waitingFor++;
      let list = dependents.get(dep);
      if (!list) dependents.set(dep, (list = []));
      list.push(task.key);
    }
    missing.set(task.key, waitingFor);
    if (waitingFor === 0) ready.push(task.key);
  }

  const results = options.store ?? new ResultStore<Payload>(executor, { spillDir: '' });
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  if (options.signal?.aborted) abort.abort();
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  emit({ kind: 'run-start', tasks: needed.size, layers: graph.layers, scheduler: executor.name, workers: executor.capacity });

  const durations = new TaskDurations();
  let running = 0;
  let done = 0;
  let peakResultsHeld = 0;
  let failure: unknown = null;
  const total = needed.size;
  const warnings = new Set<string>();

  try {
    await new Promise<void>((resolve) => {
      const finishIfIdle = () => {
        if (running === 0 && (failure || abort.signal.aborted || done === total)) resolve();
      };
      const onAbort = () => finishIfIdle();
      abort.signal.addEventListener('abort', onAbort, { once: true });

      const fail = (error: unknown, task: TaskSpec) => {
        if (failure || abort.signal.aborted) return;
        failure = toRunError(error, task);
        emit({ kind: 'task-fail', key: task.key, layer: task.layer, worker: -1, message: (failure as Error).message });
        abort.abort();
      };

      const start = (batch: TaskSpec[]) => {
        let deps: Array<Array<Payload | SpilledInput>>;
        try {
          // Reading a spilled input back can fail (the spill database deleted under the run): that fails the run. An
          // input the task reads in place is not read here; it stays on disk until the task is done (finish).
          deps = batch.map((task) =>
            task.deps.map((d, j) => (executor.readsSpilled?.(task, j) && results.spilledInput(d)) || results.get(d, remainingUses.get(d) === 1 && !outputKeys.has(d) && !keep(d))),
          );
        } catch (e) {
          return fail(e, batch[0]);
        }
        running++;
        const t0 = performance.now() - started;
        for (const task of batch) emit({ kind: 'task-start', key: task.key, layer: task.layer });
        executor.submit(batch, deps, graph.functions, abort.signal).then(
          ({ tasks, worker }) => {
            running--;
            done += batch.length;
            const end = performance.now() - started;
            // Inside a batch the tasks ran one after the other: spread the batch's span by their own durations.
            let at = t0;
            batch.forEach((task, i) => {
              durations.record(task.layer, tasks[i].durationMs);
              const taskEnd = i === batch.length - 1 ? end : Math.min(end, at + tasks[i].durationMs);
              emit({ kind: 'task-finish', key: task.key, layer: task.layer, worker, startMs: at, endMs: taskEnd });
              at = taskEnd;
            });
            if (failure || abort.signal.aborted) return finishIfIdle();
            for (const task of tasks) for (const warning of task.warnings ?? []) warnings.add(warning);
            try {
              batch.forEach((task, i) => finish(task, tasks[i].payloads));
            } catch (e) {
              fail(e, batch[0]);
              return finishIfIdle();
            }
            pump();
          },
          (error) => {
            running--;
            const index = error instanceof TaskFailedError ? (error.failure.index ?? 0) : 0;
            fail(error, batch[Math.min(index, batch.length - 1)]);
            finishIfIdle();
          },
        );
      };

      const finish = (task: TaskSpec, payloads: Payload[]) => {
        const produced = producedKeys(task);
        produced.forEach((key, i) => results.put(key, payloads[i]));
        if (results.size > peakResultsHeld) peakResultsHeld = results.size;
        for (const dep of task.deps.length > 1 ? new Set(task.deps) : task.deps) {
          const left = remainingUses.get(dep)! - 1;
          remainingUses.set(dep, left);
          if (left === 0 && !outputKeys.has(dep) && !keep(dep)) results.release(dep);
        }
        for (const key of produced) {
          for (const next of dependents.get(key) ?? []) {
            const left = missing.get(next)! - 1;
            missing.set(next, left);
            if (left === 0) ready.push(next);
          }
        }
      };

      const pump = () => {
        // Over the memory threshold, nothing new starts until running tasks finish (and results spill or go).
        while (running < executor.capacity && ready.size > 0 && !failure && !abort.signal.aborted && !(running > 0 && results.isPaused())) {
          const first = graph.tasks.get(ready.pop()!)!;
          const batch = [first];
          const size = durations.batchSize(first.layer, Math.ceil(ready.size / executor.capacity));
          while (batch.length < size && ready.size > 0) {
            const next = graph.tasks.get(ready.peek()!)!;
            if (next.layer !== first.layer) break;
            batch.push(graph.tasks.get(ready.pop()!)!);
          }
          start(batch);
        }
        finishIfIdle();
      };
      pump();
    });
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  const elapsedMs = performance.now() - started;
  if ((failure || abort.signal.aborted) && !options.store) results.close();
  if (failure) {
    emit({ kind: 'run-end', status: 'failed', elapsedMs });
    throw failure;
  }
  if (abort.signal.aborted) {
    emit({ kind: 'run-end', status: 'cancelled', elapsedMs });
    throw new CancelledError();
  }
  emit({ kind: 'run-end', status: 'done', elapsedMs });
  const payloads = new Map<string, Payload>();
  for (const key of outputKeys) payloads.set(key, results.get(key));
  if (!options.store) results.close();
  return { payloads, elapsedMs, tasksRun: done, peakResultsHeld, warnings: [...warnings] };
}

/** A task's failure as the error the run reports: which node, which partition, which element, what Python said. */
function toRunError(error: unknown, task: TaskSpec): unknown {
  if (error instanceof TaskFailedError) {
    const f = error.failure;
    const nodeId = f.nodeId ?? task.nodeIds[task.nodeIds.length - 1];
    const element = f.element ? `\n  element: ${f.element}` : '';
    const where = f.code === 'TASK_FAILED' ? `node '${nodeId}', partition ${task.partition}: ` : '';
    return new WeftError(f.code, `${where}${f.message}${element}`, { nodeId, taskKey: task.key, partition: task.partition, file: f.file });
  }
  if ((error as Error)?.name === 'AbortError' || error instanceof CancelledError) return new CancelledError();
  // A failure of the run's machinery (spilling, reading back) happened while running this task: say so.
  if (error instanceof WeftError && !error.context.taskKey) {
    return new WeftError(error.code, error.message, { ...error.context, taskKey: task.key, partition: task.partition }, { cause: error });
  }
  return error;
}
