/**
 * Bounds on the size of a plan, checked while compiling (the limits themselves are in limits.ts).
 *
 * Policy: a layer that would grow past a bound is refused before it is built, from the sizes its params and inputs
 * imply, which its op states (a typo like `npartitions: 10**9` must not first allocate a billion tasks); every
 * layer's actual tasks and
 * dependency edges are then added to running totals, which are checked after each node. Each refusal names the
 * node, what is too large, and the limit.
 */
import type { NodeSpec } from '../spec/pipeline.js';
import type { TaskSpec } from './task.js';
import { WeftError } from '../errors.js';
import { MAX_PLAN_DEPENDENCIES, MAX_PLAN_TASKS, MAX_SEQUENCE_LENGTH } from '../limits.js';
import { iter } from '../expr/iterate.js';

function tooLarge(node: NodeSpec, what: string, limit: number, unit: string): never {
  throw new WeftError('PLAN_TOO_LARGE', `node '${node.id}' (${node.op}): ${what}; the limit is ${limit.toLocaleString('en-US')} ${unit}`, { nodeId: node.id });
}

/**
 * Refuses a layer that would be too large, from the sizes its op computes from its params and inputs, before the op
 * builds it: called by the op's own build (repartition, groupby, product), which alone knows how its layer grows.
 * `partitions`, when given, is the output partition count a param asked for.
 */
export function checkLayerBeforeBuild(node: NodeSpec, layer: { tasks: number; deps: number; partitions?: number }): void {
  if (layer.partitions !== undefined && layer.partitions > MAX_PLAN_TASKS) {
    tooLarge(node, `npartitions ${layer.partitions} would make ${layer.partitions.toLocaleString('en-US')} partitions`, MAX_PLAN_TASKS, 'tasks');
  }
  if (layer.tasks > MAX_PLAN_TASKS) tooLarge(node, `its layer would have ${layer.tasks.toLocaleString('en-US')} tasks`, MAX_PLAN_TASKS, 'tasks');
  if (layer.deps > MAX_PLAN_DEPENDENCIES) tooLarge(node, `its layer would have ${layer.deps.toLocaleString('en-US')} dependencies between tasks`, MAX_PLAN_DEPENDENCIES, 'dependencies');
}

/** Running totals of a plan being compiled, checked after each node. */
export class PlanSize {
  private tasks = 0;
  private deps = 0;

  add(node: NodeSpec, built: readonly TaskSpec[]): void {
    this.tasks += built.length;
    for (const task of built) this.deps += task.deps.length;
    if (this.tasks > MAX_PLAN_TASKS) tooLarge(node, `the plan has ${this.tasks.toLocaleString('en-US')} tasks up to this node`, MAX_PLAN_TASKS, 'tasks');
    if (this.deps > MAX_PLAN_DEPENDENCIES) tooLarge(node, `the plan has ${this.deps.toLocaleString('en-US')} dependencies between tasks up to this node`, MAX_PLAN_DEPENDENCIES, 'dependencies');
  }
}

/**
 * The elements of a plan-time sequence (`from_sequence`'s seq), refused past MAX_SEQUENCE_LENGTH while they are
 * read (a `range(2**31)` is never materialized). A value that is not iterable throws what `iter` throws.
 */
export function boundedSequence(node: NodeSpec, value: unknown): unknown[] {
  const items: unknown[] = [];
  for (const item of iter(value)) {
    if (items.length === MAX_SEQUENCE_LENGTH) tooLarge(node, `seq has more than ${MAX_SEQUENCE_LENGTH.toLocaleString('en-US')} elements`, MAX_SEQUENCE_LENGTH, 'elements');
    items.push(item);
  }
  return items;
}

/** Refuses a sequence cut into more partitions than a plan may have tasks. */
export function checkPartitionCount(node: NodeSpec, partitions: number): void {
  if (partitions > MAX_PLAN_TASKS) tooLarge(node, `it would make ${partitions.toLocaleString('en-US')} partitions`, MAX_PLAN_TASKS, 'tasks');
}
