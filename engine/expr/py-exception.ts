import { UnhashableError } from '../values/py-types.js';

/**
 * A Python exception raised while running user code. `message` is the last line of the traceback Python would print
 * (`IndexError: list index out of range`), so the engine can show it unchanged.
 */
export class PyException extends Error {
  override readonly name = 'PyException';
  /** The exception's constructor arguments, for `repr(e)`; by default the message alone. */
  readonly pyArgs: readonly unknown[];
  constructor(
    readonly pyType: string,
    readonly pyMessage: string,
    args?: readonly unknown[],
  ) {
    super(pyMessage === '' ? pyType : `${pyType}: ${pyMessage}`);
    this.pyArgs = args ?? (pyMessage === '' ? [] : [pyMessage]);
  }
}

/** Python's built-in exception hierarchy, child → parent, for `except` clauses; everything derives from Exception. */
const PARENT: ReadonlyMap<string, string> = new Map([
  ['IndexError', 'LookupError'],
  ['KeyError', 'LookupError'],
  ['ZeroDivisionError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'],
  ['JSONDecodeError', 'ValueError'],
  ['UnicodeError', 'ValueError'],
  ['UnboundLocalError', 'NameError'],
  ['RecursionError', 'RuntimeError'],
  ['NotImplementedError', 'RuntimeError'],
]);

/** True when an exception of type `pyType` is caught by `except <handler>:`. */
export function isSubclassOf(pyType: string, handler: string): boolean {
  if (handler === 'BaseException' || handler === 'Exception') return true;
  for (let t: string | undefined = pyType; t; t = PARENT.get(t)) if (t === handler) return true;
  return false;
}

/** The names of the exception classes user code may catch and raise. */
export const EXCEPTION_NAMES: readonly string[] = [
  'BaseException',
  'Exception',
  'ArithmeticError',
  'LookupError',
  'AssertionError',
  'AttributeError',
  'IndexError',
  'KeyError',
  'NameError',
  'OverflowError',
  'RecursionError',
  'RuntimeError',
  'NotImplementedError',
  'StopIteration',
  'TypeError',
  'UnboundLocalError',
  'UnicodeError',
  'ValueError',
  'ZeroDivisionError',
  'MemoryError',
  'JSONDecodeError',
];

/**
 * Turns anything thrown while running compiled code into a PyException. Runtime helpers raise PyException directly;
 * the JS errors that can still surface are the model's UnhashableError, stack overflow and out-of-memory on huge
 * strings. Anything else is a bug in Weft, reported as SystemError so that it still names the element that hit it.
 */
export function toPyException(error: unknown): PyException {
  if (error instanceof PyException) return error;
  return catchable(error) ?? new PyException('SystemError', `internal error in Weft: ${String((error as Error)?.message ?? error)}`);
}

/**
 * The PyException that an `except` clause in user code may catch, or null for an internal error that must not be
 * swallowed by `except Exception:`.
 */
export function catchable(error: unknown): PyException | null {
  // A stop for a spent budget (budget.ts) must get through every `except`, or a loop could catch it forever.
  if (error instanceof PyException) return (error as { isUncatchable?: boolean }).isUncatchable ? null : error;
  if (error instanceof UnhashableError) return new PyException('TypeError', error.message);
  if (error instanceof RangeError) {
    if (/call stack/i.test(error.message)) return new PyException('RecursionError', 'maximum recursion depth exceeded');
    // V8's size limits (strings, arrays, Map and Set entries, buffers): Python's MemoryError. See size-limit.ts.
    if (/invalid (string|array|typed array) length|maximum (bigint )?size exceeded|allocation failed/i.test(error.message)) {
      return new PyException('MemoryError', `a value grew past what one value may hold (${error.message})`);
    }
  }
  return null;
}

/** KeyError for a missing key: its message is the key's repr (`KeyError: 'x'`), its argument the key itself. */
export function raiseKeyError(key: unknown, repr: (v: unknown) => string): never {
  throw new PyException('KeyError', repr(key), [key]);
}

/** Throws a PyException; typed `never` so call sites read as control flow. */
export function raise(pyType: string, pyMessage: string): never {
  throw new PyException(pyType, pyMessage);
}
