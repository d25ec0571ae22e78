/**
 * The element-wise steps of a partition pipeline, as push consumers. User code runs inside try/catch only around the
 * call itself, so an error is attributed to the stage and element that raised it and not to a later one.
 */
import type { Stage } from '../graph/task.js';
import type { ChainState, Consumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';
import { elementError } from './element-error.js';
import { truthy } from '../expr/index.js';
import { PyException } from '../expr/py-exception.js';
import { PyDict, PyTuple, pyTypeName } from '../values/py-types.js';
import { isIterable, iter } from '../expr/iterate.js';
import { fromJson } from '../values/from-json.js';

/** Wraps `next` with `stage`. */
export function stageConsumer(stage: Stage, next: Consumer, ctx: KernelContext, functions: string, state: ChainState): Consumer {
  const { nodeId } = stage;
  switch (stage.kind) {
    case 'map': {
      const f = ctx.callable(functions, stage.func);
      const spread = stage.spread === true;
      return {
        push(x) {
          let y: unknown;
          try {
            y = spread ? f(...(x as PyTuple).items) : f(x);
          } catch (e) {
            throw elementError(e, nodeId, x);
          }
          next.push(y);
        },
        end: () => next.end(),
      };
    }
    case 'filter': {
      const p = ctx.callable(functions, stage.predicate);
      const keep = stage.keep;
      return {
        push(x) {
          let ok: boolean;
          try {
            ok = truthy(p(x));
          } catch (e) {
            throw elementError(e, nodeId, x);
          }
          if (ok === keep) next.push(x);
        },
        end: () => next.end(),
      };
    }
    case 'flatten':
      return {
        push(x) {
          if (Array.isArray(x)) {
            for (let i = 0; i < x.length; i++) next.push(x[i]);
            return;
          }
          let items: Iterable<unknown>;
          try {
            items = iter(x);
          } catch (e) {
            throw elementError(e, nodeId, x);
          }
          for (const item of items) next.push(item);
        },
        end: () => next.end(),
      };
    case 'pluck': {
      const keys = Array.isArray(stage.key) ? stage.key : [stage.key];
      const fallback = fromJson(stage.default);
      const get = (x: unknown, key: unknown) => pluckOne(x, key, stage.hasDefault, fallback);
      return {
        push(x) {
          let y: unknown;
          try {
            y = Array.isArray(stage.key) ? new PyTuple(keys.map((k) => get(x, k))) : get(x, stage.key);
          } catch (e) {
            throw elementError(e, nodeId, x);
          }
          next.push(y);
        },
        end: () => next.end(),
      };
    }
    case 'map_partitions': {
      const f = ctx.callable(functions, stage.func);
      const buffer: unknown[] = [];
      return {
        push: (x) => void buffer.push(x),
        end() {
          let result: unknown;
          try {
            result = f(buffer);
          } catch (e) {
            throw elementError(e, nodeId, null, false);
          }
          // Dask keeps a partition as the function returned it and a bag's value concatenates partitions only when
          // they are non-string iterables; a string or a number stands for itself, so it becomes one element.
          if (typeof result === 'string' || !isIterable(result)) next.push(result);
          else {
            // A generator runs user code while it is iterated: its errors belong to this node too.
            try {
              for (const item of iter(result)) next.push(item);
            } catch (e) {
              throw elementError(e, nodeId, null, false);
            }
          }
          next.end();
        },
      };
    }
    case 'split-field': {
      const f = ctx.callable(functions, stage.func);
      const { sep, index, hasDefault } = stage;
      const fallback = fromJson(stage.default);
      return {
        push(x) {
          let y: unknown;
          if (typeof x === 'string') {
            const start = fieldStart(x, sep, index);
            if (start === -1) {
              if (!hasDefault) throw elementError(new PyException('IndexError', 'list index out of range'), nodeId, x.split(sep));
              y = fallback;
            } else {
              const end = x.indexOf(sep, start);
              y = end === -1 ? x.slice(start) : x.slice(start, end);
            }
          } else {
            let parts: unknown;
            try {
              parts = f(x);
            } catch (e) {
              throw elementError(e, stage.mapNodeId, x);
            }
            try {
              y = pluckOne(parts, index, hasDefault, fallback);
            } catch (e) {
              throw elementError(e, nodeId, parts);
            }
          }
          next.push(y);
        },
        end: () => next.end(),
      };
    }
    case 'take': {
      let left = stage.k;
      if (left <= 0) state.stopped = true;
      return {
        push(x) {
          if (left <= 0) return;
          next.push(x);
          if (--left === 0) state.stopped = true;
        },
        end: () => next.end(),
      };
    }
  }
}

/** Where field `index` of `text` split on `sep` starts, or -1 when there are fewer fields. */
function fieldStart(text: string, sep: string, index: number): number {
  if (index === 0) return 0;
  if (sep.length === 1) {
    // One character code compare per character beats one native indexOf call per field for far-right fields.
    const code = sep.charCodeAt(0);
    let seen = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code && ++seen === index) return i + 1;
    return -1;
  }
  let start = 0;
  for (let i = 0; i < index; i++) {
    const at = text.indexOf(sep, start);
    if (at === -1) return -1;
    start = at + sep.length;
  }
  return start;
}

/** `element[key]` with pluck's rules: lists, tuples and strings by index, dicts by key, the default when missing. */
function pluckOne(x: unknown, key: unknown, hasDefault: boolean, fallback: unknown): unknown {
  if (x instanceof PyDict) {
    const entry = x.entry(key);
    if (entry) return entry[1];
    if (hasDefault) return fallback;
    throw new PyException('KeyError', typeof key === 'string' ? `'${key}'` : String(key));
  }
  const items = Array.isArray(x) ? x : x instanceof PyTuple ? x.items : typeof x === 'string' ? x : null;
  if (items === null) throw new PyException('TypeError', `'${pyTypeName(x)}' object is not subscriptable`);
  if (typeof key !== 'number' || !Number.isInteger(key)) {
    throw new PyException('TypeError', `${pyTypeName(x)} indices must be integers or slices, not ${pyTypeName(key)}`);
  }
  const i = key < 0 ? key + items.length : key;
  if (i < 0 || i >= items.length) {
    if (hasDefault) return fallback;
    throw new PyException('IndexError', `${pyTypeName(x) === 'str' ? 'string' : pyTypeName(x)} index out of range`);
  }
  return items[i];
}
