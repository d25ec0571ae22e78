/**
 * Runs one task: the same code on the inline scheduler and in the worker threads. The task's work names its kernel
 * by kind (kernels/kernel-registry.ts): a chain streams its source through its stages into its sink; aggregates,
 * gathers and takes combine the results of the tasks they depend on.
 */
import type { TaskSpec } from '../graph/task.js';
import type { KernelContext } from './kernel-context.js';

/** What running a task needs of it: its work and the keys it produces (the rest is the scheduler's). */
export type RunnableTask = Pick<TaskSpec, 'work' | 'produces'>;

/**
 * Runs `task` given the results of its dependencies (in `task.deps` order); gives one result per produced key.
 * Only tasks that read files wait for anything, so the others return synchronously: a promise per tiny task would
 * cost more than the task.
 */
export function runTask(task: RunnableTask, deps: unknown[], functions: string, ctx: KernelContext, signal?: AbortSignal): unknown[] | Promise<unknown[]> {
  const result = ctx.kernels.work(task.work.kind).run(task.work, deps, functions, ctx, signal);
  const wrap = (value: unknown) => (task.produces ? (value as unknown[]) : [value]);
  return result instanceof Promise ? result.then(wrap) : wrap(result);
}
