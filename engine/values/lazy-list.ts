/**
 * A list whose items stay encoded (codec.ts) until something needs them: how a groupby hands on a group too large to
 * be worth decoding whole (groupby.kernel.ts), so that `len(g)`, `set(g)`, `sum(g)`, a `for` loop or a generator
 * over it hold one chunk of items at a time, not the group.
 *
 * Policy: to every piece of code it is a JavaScript array (a Proxy of one, so `Array.isArray` holds and every
 * check, method and error of the runtime treats it as the list it is). Three things are answered without
 * decoding it: its `length`; iteration, which decodes a chunk at a time and yields items that are primitives
 * (str, int, bool, None, a non-integral float), and which the builtins that would otherwise index a list use for it
 * (sum, min, max, list: builtins.ts, iterate.ts); and its encoding (codec.ts copies its pieces as they are).
 * Anything else — an index, a slice, a method, a mutation, repr, comparison, `in` — first materializes it:
 * decodes every item into the array behind the Proxy, once, after
 * which the Proxy only forwards. Iteration materializes too when a chunk holds an object (a tuple, a list, a
 * float like 1.0), because Python hands out the same object on every pass and a mutation of it would show the
 * next time: decoding afresh would not. An iteration that meets a mutation of the list goes on over the
 * materialized array from where it was, as Python's list iterator does.
 */
import { decodeListChunks } from './codec.js';

/**
 * A piece of a lazy list: the encoding of a list, or how to read it (from the spill database: see
 * store/spilled-partition.ts), each time it is needed.
 */
export type LazyPiece = Uint8Array | (() => Uint8Array);

/** What a lazy list is made of: its pieces' lists concatenated in order. */
interface LazyState {
  readonly length: number;
  pieces: readonly LazyPiece[] | null;
  readonly target: unknown[];
}

const STATE = Symbol('weft.lazyList');

/** A list of `length` items, the concatenation of the encoded lists `pieces` (kept until materialized). */
export function lazyList(length: number, pieces: readonly LazyPiece[]): unknown[] {
  const target: unknown[] = [];
  // Holes until materialized: the Proxy's invariants are those of an array of that length.
  target.length = length;
  const state: LazyState = { length, pieces, target };
  return new Proxy(target, {
    get(t, key) {
      if (state.pieces !== null) {
        if (key === 'length') return state.length;
        if (key === Symbol.iterator) return () => stream(state);
        if (key === STATE) return state;
        materialize(state);
      }
      return Reflect.get(t, key);
    },
    set(t, key, value) {
      materialize(state);
      return Reflect.set(t, key, value);
    },
    has(t, key) {
      materialize(state);
      return Reflect.has(t, key);
    },
    deleteProperty(t, key) {
      materialize(state);
      return Reflect.deleteProperty(t, key);
    },
    defineProperty(t, key, descriptor) {
      materialize(state);
      return Reflect.defineProperty(t, key, descriptor);
    },
    getOwnPropertyDescriptor(t, key) {
      materialize(state);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    ownKeys(t) {
      materialize(state);
      return Reflect.ownKeys(t);
    },
  });
}

/** The pieces of a lazy list not yet materialized (codec.ts writes them as they are), else null. */
export function lazyPieces(value: unknown[]): readonly LazyPiece[] | null {
  return (value as { [STATE]?: LazyState })[STATE]?.pieces ?? null;
}

/** Whether `value` is a lazy list not yet materialized. */
export function isLazyList(value: unknown): boolean {
  return Array.isArray(value) && lazyPieces(value) !== null;
}

/** Decodes every item into the array behind the Proxy; from then on the Proxy only forwards. */
function materialize(state: LazyState): void {
  const pieces = state.pieces;
  if (pieces === null) return;
  const items = state.target;
  let at = 0;
  for (const piece of pieces) {
    for (const chunk of decodeListChunks(pieceBytes(piece))) for (let i = 0; i < chunk.length; i++) items[at++] = chunk[i];
  }
  state.pieces = null;
}

/** A piece's encoding, read if it is not in memory. */
export function pieceBytes(piece: LazyPiece): Uint8Array {
  return typeof piece === 'function' ? piece() : piece;
}

function isPrimitive(x: unknown): boolean {
  return x === null || typeof x !== 'object';
}

/** Python's list iterator over a lazy list: chunks decoded as it goes, the materialized array once there is one. */
function* stream(state: LazyState): Generator<unknown> {
  let i = 0;
  const pieces = state.pieces;
  if (pieces !== null) {
    for (const piece of pieces) {
      for (const chunk of decodeListChunks(pieceBytes(piece))) {
        if (state.pieces !== null && !chunk.every(isPrimitive)) materialize(state);
        if (state.pieces === null) return yield* itemsFrom(state.target, i);
        for (let j = 0; j < chunk.length; j++) {
          yield chunk[j];
          i++;
          // The loop's body may have mutated the list: its next item is the materialized array's.
          if (state.pieces === null) return yield* itemsFrom(state.target, i);
        }
      }
    }
    return;
  }
  yield* itemsFrom(state.target, 0);
}

/** A list's items from index `i`, read as they are reached (the list may still change). */
function* itemsFrom(items: unknown[], i: number): Generator<unknown> {
  while (i < items.length) yield items[i++];
}
