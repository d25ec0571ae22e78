/**
 * The budget of user code that runs on a thread which must not hang: plan-time code (the `functions` block's top
 * level, a `from_sequence` seq) runs while compiling, on the thread that also serves the app and hears Ctrl-C.
 *
 * Policy: generated code counts one tick at every loop iteration and every function entry (`if (--$budget.n < 0)
 * $budget.check()`: a decrement and a compare, see codegen.ts). About every millisecond, check() compares the heap
 * with its allowance and the clock with the deadline, and stops the code with an error that `except` cannot
 * catch (a loop of `try: ... except: pass` must not outlive its budget). Outside {@link withBudget} check() only
 * rewinds the counter. Worker threads compile their code without ticks (see setBudgetTicks).
 * Needs no Node API: the caller passes the clock and the heap measure.
 */
import { PyException } from './py-exception.js';

/**
 * How often a check runs while a budget is active: about every CHECK_EVERY_MS. The ticks between two checks adapt
 * (doubling while checks come sooner, halving while they come later), because a tick may be a nanosecond (`pass`)
 * or allocate megabytes (`x.append([0] * 10**6)`): a tight loop then pays for one check per some 100,000 ticks,
 * and an allocating one is measured at nearly every tick, before the heap is gone.
 */
const CHECK_EVERY_MS = 1;
const FIRST_TICKS = 1;
const MAX_TICKS = 2 ** 20;
/** Outside a budget the counter is only rewound, rarely. */
const IDLE_TICKS = 2 ** 29;

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
  lastCheck: number;
  ticks: number;
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
    const { limits } = active;
    const now = limits.now();
    active.ticks = now - active.lastCheck < CHECK_EVERY_MS ? Math.min(MAX_TICKS, active.ticks * 2) : Math.max(1, active.ticks >> 1);
    active.lastCheck = now;
    this.n = active.ticks;
    // The heap first: code that allocates fast is also slow, and running out of memory is what it is doing.
    if (limits.heapUsed() > active.heapCeiling) {
      throw new BudgetExceeded('MemoryError', `${limits.what} used more than ${Math.round(limits.heapBytes / 2 ** 20)} MB`);
    }
    if (now > active.deadline) {
      throw new BudgetExceeded('TimeoutError', `${limits.what} took longer than ${limits.timeMs / 1000} s; code that runs while planning must be quick (build big data in the tasks)`);
    }
  }

  run<T>(limits: BudgetLimits, fn: () => T): T {
    const outer = this.#active;
    const now = limits.now();
    this.#active = { limits, deadline: now + limits.timeMs, heapCeiling: limits.heapUsed() + limits.heapBytes, lastCheck: now, ticks: FIRST_TICKS };
    this.n = FIRST_TICKS;
    try {
      return fn();
    } finally {
      this.#active = outer;
      this.n = outer ? outer.ticks : IDLE_TICKS;
    }
  }
}

let isTicking = true;

/**
 * Whether code compiled from now on in this thread ticks the budget. A worker thread turns it off before it
 * compiles anything: its tasks are stopped by terminating the thread, so there the tick (up to a tenth of the
 * time of the tightest loops) would buy nothing. Compiled code is cached per thread, so the choice holds for it.
 */
export function setBudgetTicks(on: boolean): void {
  isTicking = on;
}

export function isBudgetTicking(): boolean {
  return isTicking;
}

/** The one budget counter generated code ticks (through the runtime table). */
export const BUDGET = new Budget();

/** Runs `fn`, stopping any user code it runs once it passes `limits` (with {@link BudgetExceeded}). */
export function withBudget<T>(limits: BudgetLimits, fn: () => T): T {
  return BUDGET.run(limits, fn);
}
