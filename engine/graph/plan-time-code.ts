/**
 * Running user Python while planning (the `functions` block's top level, a `from_sequence` seq), which happens on
 * the caller's thread: the CLI's, or the one that serves the app.
 *
 * Policy: the code runs within a time and heap budget (expr/budget.ts, limits in limits.ts). Code that ran out of
 * its budget is remembered by its text, so the app, which plans again on every edit, does not stall for a whole
 * budget each time: the same functions block and expression fail at once, with the same error, until either changes.
 */
import { compileModule, evaluateExpression } from '../expr/index.js';
import { BudgetExceeded, withBudget } from '../expr/budget.js';
import { PLAN_HEAP_BUDGET_BYTES, PLAN_TIME_BUDGET_MS } from '../limits.js';

/** How the caller measures its heap; without it only the time budget applies. */
export interface HeapMeasure {
  used: () => number;
  /** Bytes the code may add at most (PLAN_HEAP_BUDGET_BYTES caps it). */
  allowance: number;
}

/** Sources that ran out of their budget, oldest first; a few are enough to stop an editing session's replays. */
const SPENT = new Map<string, BudgetExceeded>();
const SPENT_ENTRIES = 64;

/** Evaluates `source` against the functions block, within the plan-time budget; throws what the code raised. */
export function evaluateAtPlanTime(functions: string, source: string, heap: HeapMeasure | undefined): unknown {
  const key = JSON.stringify([functions, source]);
  const spent = SPENT.get(key);
  if (spent) throw spent;
  const limits = {
    timeMs: PLAN_TIME_BUDGET_MS,
    heapBytes: heap ? Math.min(PLAN_HEAP_BUDGET_BYTES, heap.allowance) : Infinity,
    heapUsed: heap ? heap.used : () => 0,
    now: () => performance.now(),
    what: "plan-time Python (the functions block's top level and this node's expressions)",
  };
  try {
    return withBudget(limits, () => evaluateExpression(source, compileModule(functions)));
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      SPENT.set(key, e);
      if (SPENT.size > SPENT_ENTRIES) SPENT.delete(SPENT.keys().next().value as string);
    }
    throw e;
  }
}
