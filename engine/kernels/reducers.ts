/**
 * The per-partition and aggregate steps of every reducer, with Dask's semantics (dask/bag/core.py: `reduction`,
 * `empty_safe_apply`, `merge_frequencies`, `chunk_distinct`, `foldby`; toolz `reduceby`, `merge_with`, `topk`).
 * Orders follow first appearance through the partitions in order, as Python dicts do.
 */
import type { ReducerSpec } from '../graph/reducer-spec.js';
import type { Consumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';
import { elementError } from './element-error.js';
import { PyException } from '../expr/py-exception.js';
import { NO_RESULT } from '../values/no-result.js';
import { fromJson } from '../values/from-json.js';
import { PyDict, PyFloat, PyTuple, hashKey, makeFloat, pyTypeName, type HashKey } from '../values/py-types.js';

/** A consumer that reduces one partition; `result()` is its partial result. */
export interface ReduceSink extends Consumer {
  result(): unknown;
}

/** The per-partition step of a reducer, as a sink over the partition's elements. */
export function reduceSink(spec: ReducerSpec, isLast: boolean, ctx: KernelContext, functions: string, nodeId: string): ReduceSink {
  switch (spec.kind) {
    case 'count': {
      let n = 0;
      return {
        push: () => void n++,
        pushAll: (elements) => void (n += elements.length),
        end() {},
        result: () => n,
      };
    }
    case 'frequencies': {
      const counts = new Map<HashKey, [unknown, number]>();
      return {
        push(x) {
          let h: HashKey;
          try {
            h = hashKey(x);
          } catch (e) {
            throw elementError(e, nodeId, x);
          }
          const entry = counts.get(h);
          if (entry) entry[1]++;
          else counts.set(h, [x, 1]);
        },
        end() {},
        result: () => (counts.size === 0 && !isLast ? NO_RESULT : PyDict.fromPairs(counts.values())),
      };
    }
    case 'foldby': {
      const fold = foldbyPartition(spec, ctx, functions, nodeId);
      return { push: fold.push, end() {}, result: fold.result };
    }
    case 'distinct': {
      // Streaming: a partition with few distinct values never holds more than those.
      const firsts = new FirstOccurrences(spec.key === null ? null : ctx.keyFunction(functions, spec.key), nodeId);
      return {
        push: (x) => firsts.push(x),
        end() {},
        result: () => (firsts.items.length === 0 && !isLast ? NO_RESULT : firsts.items),
      };
    }
    default: {
      const elements: unknown[] = [];
      return {
        push: (x) => void elements.push(x),
        end() {},
        result: () => (elements.length === 0 && !isLast ? NO_RESULT : applyPartition(spec, elements, ctx, functions, nodeId)),
      };
    }
  }
}

function applyPartition(spec: ReducerSpec, elements: unknown[], ctx: KernelContext, functions: string, nodeId: string): unknown {
  switch (spec.kind) {
    case 'python':
      return callUser(() => ctx.callable(functions, spec.perpartition)(elements), nodeId);
    case 'topk':
      return topk(spec.k, spec.key, elements, ctx, functions, nodeId);
    case 'mean': {
      let total = 0;
      for (const x of elements) total += numeric(x, nodeId, 'float');
      return new PyTuple([makeFloat(total), elements.length]);
    }
    case 'var': {
      let squares = 0;
      let total = 0;
      for (const x of elements) {
        const v = numeric(x, nodeId, 'float');
        squares += v * v;
        total += v;
      }
      return new PyTuple([makeFloat(squares), makeFloat(total), elements.length]);
    }
    default:
      throw new Error(`reducer ${spec.kind} has no list step`);
  }
}

/** The aggregate step: combines partial results; the last one gives the node's value. */
export function aggregate(spec: ReducerSpec, parts: unknown[], isLast: boolean, ctx: KernelContext, functions: string, nodeId: string): unknown {
  if (spec.kind === 'foldby') return foldbyAggregate(spec, parts as PyDict[], isLast, ctx, functions, nodeId);
  const present = parts.filter((p) => p !== NO_RESULT);
  if (present.length === 0 && !isLast) return NO_RESULT;
  switch (spec.kind) {
    case 'count':
      return (present as number[]).reduce((a, b) => a + b, 0);
    case 'python':
      return callUser(() => ctx.callable(functions, spec.aggregate)(present), nodeId);
    case 'frequencies': {
      const merged = new Map<HashKey, [unknown, number]>();
      for (const part of present as PyDict[]) {
        for (const [k, v] of part.items()) {
          const h = hashKey(k);
          const entry = merged.get(h);
          if (entry) entry[1] += v as number;
          else merged.set(h, [k, v as number]);
        }
      }
      if (!isLast) return PyDict.fromPairs(merged.values());
      const pairs = [...merged.values()];
      // Python's sorted(..., reverse=True) is stable, and so is Array.prototype.sort.
      if (spec.sort) pairs.sort((a, b) => b[1] - a[1]);
      return pairs.map((p) => new PyTuple(p));
    }
    case 'distinct':
      return unique((present as unknown[][]).flat(), spec.key === null ? null : ctx.keyFunction(functions, spec.key), nodeId);
    case 'topk':
      return topk(spec.k, spec.key, (present as unknown[][]).flat(), ctx, functions, nodeId);
    case 'mean': {
      if (present.length === 0) throw new PyException('ValueError', 'not enough values to unpack (expected 2, got 0)');
      let total = 0;
      let n = 0;
      for (const part of present as PyTuple[]) {
        total += numberOf(part.items[0]);
        n += part.items[1] as number;
      }
      if (n === 0) throw new PyException('ZeroDivisionError', 'float division by zero');
      return makeFloat(total / n);
    }
    case 'var': {
      if (present.length === 0) throw new PyException('ValueError', 'not enough values to unpack (expected 3, got 0)');
      let x2 = 0;
      let x = 0;
      let n = 0;
      for (const part of present as PyTuple[]) {
        x2 += numberOf(part.items[0]);
        x += numberOf(part.items[1]);
        n += part.items[2] as number;
      }
      if (n === 0 || n - spec.ddof === 0) throw new PyException('ZeroDivisionError', 'float division by zero');
      const mean = x / n;
      const result = ((x2 / n - mean * mean) * n) / (n - spec.ddof);
      if (!spec.sqrt) return makeFloat(result);
      if (result < 0) throw new PyException('ValueError', 'math domain error');
      return makeFloat(Math.sqrt(result));
    }
  }
}

function numberOf(v: unknown): number {
  return v instanceof PyFloat ? v.value : (v as number);
}

/** The number behind an int, float or bool, or Python's TypeError for `total += x`. */
function numeric(x: unknown, nodeId: string, accumulator: string): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return x.value;
  throw elementError(new PyException('TypeError', `unsupported operand type(s) for +=: '${accumulator}' and '${pyTypeName(x)}'`), nodeId, x);
}

function callUser(fn: () => unknown, nodeId: string): unknown {
  try {
    return fn();
  } catch (e) {
    throw elementError(e, nodeId, null, false);
  }
}

/** toolz `unique`: the first occurrence of each element (of each key, when given), in order. */
class FirstOccurrences {
  readonly items: unknown[] = [];
  private readonly seen = new Set<HashKey>();

  constructor(
    private readonly key: ((x: unknown) => unknown) | null,
    private readonly nodeId: string,
  ) {}

  push(x: unknown): void {
    let h: HashKey;
    try {
      h = hashKey(this.key ? this.key(x) : x);
    } catch (e) {
      throw elementError(e, this.nodeId, x);
    }
    if (!this.seen.has(h)) {
      this.seen.add(h);
      this.items.push(x);
    }
  }
}

function unique(elements: unknown[], key: ((x: unknown) => unknown) | null, nodeId: string): unknown[] {
  const firsts = new FirstOccurrences(key, nodeId);
  for (const x of elements) firsts.push(x);
  return firsts.items;
}

/** toolz `topk` is `heapq.nlargest`, which equals `sorted(seq, key=key, reverse=True)[:k]`; Python's own sort rules apply. */
function topk(k: number, key: string | null, elements: unknown[], ctx: KernelContext, functions: string, nodeId: string): unknown[] {
  const keyFn = key === null ? 'None' : `key_fn_`;
  const sorter = ctx.callable(functions, `lambda seq_, k_, key_fn_: sorted(seq_, key=${keyFn}, reverse=True)[:k_]`);
  return callUser(() => sorter(elements, k, key === null ? null : ctx.keyFunction(functions, key)), nodeId) as unknown[];
}

/** toolz `reduceby` over one partition: the first element starts a group's total unless `initial` is given. */
function foldbyPartition(spec: Extract<ReducerSpec, { kind: 'foldby' }>, ctx: KernelContext, functions: string, nodeId: string) {
  const key = ctx.keyFunction(functions, spec.key);
  const binop = ctx.callable(functions, spec.binop);
  const hasInitial = spec.initial !== null;
  const initial = hasInitial ? fromJson(spec.initial!.value) : undefined;
  const groups = new Map<HashKey, [unknown, unknown]>();
  return {
    push(x: unknown) {
      try {
        const k = key(x);
        const h = hashKey(k);
        const entry = groups.get(h);
        if (entry) entry[1] = binop(entry[1], x);
        else groups.set(h, [k, hasInitial ? binop(initial, x) : x]);
      } catch (e) {
        throw elementError(e, nodeId, x);
      }
    },
    result: () => PyDict.fromPairs(groups.values()),
  };
}

/** Dask's foldby aggregate: merge_with(reduce(combine)), or reduceby with combine_initial; the last gives pairs. */
function foldbyAggregate(spec: Extract<ReducerSpec, { kind: 'foldby' }>, parts: PyDict[], isLast: boolean, ctx: KernelContext, functions: string, nodeId: string): unknown {
  const combine = ctx.callable(functions, spec.combine ?? spec.binop);
  const merged = new Map<HashKey, [unknown, unknown]>();
  const hasCombineInitial = spec.combineInitial !== null;
  const combineInitial = hasCombineInitial ? fromJson(spec.combineInitial!.value) : undefined;
  for (const part of parts) {
    for (const [k, v] of part.items()) {
      const h = hashKey(k);
      const entry = merged.get(h);
      try {
        if (entry) entry[1] = combine(entry[1], v);
        else merged.set(h, [k, hasCombineInitial ? combine(combineInitial, v) : v]);
      } catch (e) {
        throw elementError(e, nodeId, new PyTuple([k, v]));
      }
    }
  }
  return isLast ? [...merged.values()].map((p) => new PyTuple(p)) : PyDict.fromPairs(merged.values());
}
