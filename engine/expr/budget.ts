/**
 * The budget of user code that runs on a thread which must not hang: plan-time code (the `functions` block's top
 * level, a `from_sequence` seq) runs while compiling, on the thread that also serves the app and hears Ctrl-C.
 *
 * Policy: generated code counts one tick at every loop iteration and every function entry (`if (--$budget.n < 0)
 * $budget.check()`: a decrement and a compare, see codegen.ts). Every TICKS_PER_CHECK ticks, check() compares the
 * clock with the deadline and the heap with its allowance, and stops the code with an error that `except` cannot
 * catch (a loop of `try: ... except: pass` must not outlive its budget). Outside {@link withBudget} check() only
 * rewinds the counter, so code in the worker threads (stopped there by terminating the thread) pays the tick alone.
 * Needs no Node API: the caller passes the clock and the heap measure.
 */
import { PyException } from './py-exception.js';

/** Ticks between two checks: about 50 µs of a tight loop, so a check costs nothing measurable. */
const TICKS_PER_CHECK = 10_000;
/** Outside a budget the counter is only rewound, rarely. */
const IDLE_TICKS = 2 ** 30;

/** What a budget allows; `what` says whose code it is in the error (`plan-time code`). */
export interface BudgetLimits {
  timeMs: number;
  /** Heap that the code may add, in bytes, measured by `heapUsed`. */
  heapBytes: number;
  heapUsed: () => number;
  now: () => number;
  what: string;
}

/** The stop of code past its budget: a Python exception by its message, but not one `except` may catch. */
export class BudgetExceeded extends PyException {
  readonly isUncatchable = true;
}

export interface ActiveBudget {
  limits: BudgetLimits;
  deadline: number;
  heapCeiling: number;
}

export class Budget {
  /** Ticks left before the next check; generated code decrements it. */
  n = IDLE_TICKS;
  #active: ActiveBudget | null = null;

  check(): void {
    const active = this.#active;
    if (!active) {
      this.n = IDLE_TICKS;
      return;
    }
    this.n = TICKS_PER_CHECK;
    const { limits } = active;
    if (limits.now() > active.deadline) {
      throw new BudgetExceeded('TimeoutError', `${limits.what} took longer than ${limits.timeMs / 1000} s; code that runs while planning must be quick (build big data in the tasks)`);
    }
    if (limits.heapUsed() > active.heapCeiling) {
      throw new BudgetExceeded('MemoryError', `${limits.what} used more than ${Math.round(limits.heapBytes / 2 ** 20)} MB`);
    }
  }

  run<T>(limits: BudgetLimits, fn: () => T): T {
    const outer = this.#active;
    this.#active = { limits, deadline: limits.now() + limits.timeMs, heapCeiling: limits.heapUsed() + limits.heapBytes };
    this.n = TICKS_PER_CHECK;
    try {
      return fn();
    } finally {
      this.#active = outer;
      this.n = outer ? TICKS_PER_CHECK : IDLE_TICKS;
    }
  }
}

/** The one budget counter generated code ticks (through the runtime table). */
export const BUDGET = new Budget();

/** Runs `fn`, stopping any user code it runs once it passes `limits` (with {@link BudgetExceeded}). */
export function withBudget<T>(limits: BudgetLimits, fn: () => T): T {
  return BUDGET.run(limits, fn);
}
