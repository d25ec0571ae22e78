/**
 * The element-wise steps of a partition pipeline, as push consumers. User code runs inside try/catch only around the
 * call itself, so an error is attributed to the stage and element that raised it and not to a later one.
 */
import type { Stage } from '../graph/task.js';
import type { ChainState, Consumer } from './consumer.js';
import type { KernelContext } from './kernel-context.js';
import { ElementError, elementError, previewElement } from './element-error.js';
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
            if (next.pushAll) next.pushAll(x);
            else for (let i = 0; i < x.length; i++) next.push(x[i]);
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
      const field = fieldExtractor(sep, index);
      return {
        push(x) {
          let y: unknown;
          if (typeof x === 'string') {
            const found = field(x);
            if (found === null) {
              if (!hasDefault) throw elementError(new PyException('IndexError', 'list index out of range'), nodeId, stage.reportsLine ? x : x.split(sep));
              y = fallback;
            } else {
              y = found;
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
    case 'split-sparse': {
      const f = ctx.callable(functions, stage.func);
      const { sep, fields } = stage;
      // Only a negative field needs the list's true length; otherwise it ends at the last field read.
      const needsLength = fields.some((field) => field < 0);
      const lastField = Math.max(...fields, -1);
      let separators: Int32Array = new Int32Array(64);
      return {
        push(x) {
          if (typeof x !== 'string') {
            let y: unknown;
            try {
              y = f(x);
            } catch (e) {
              throw elementError(e, nodeId, x);
            }
            return next.push(y);
          }
          // Where the separators are, in a reused buffer: then each wanted field is one slice.
          let count = 0;
          // Field k ends at separator k: past that one, the rest of the line does not matter.
          const stopAt = needsLength ? Infinity : lastField + 1;
          for (let at = x.indexOf(sep); at !== -1 && count < stopAt; at = x.indexOf(sep, at + sep.length)) {
            if (count === separators.length) separators = grow(separators);
            separators[count++] = at;
          }
          const complete = count < stopAt;
          const n = complete ? count + 1 : Infinity;
          const list: unknown[] = [];
          for (const field of fields) {
            const i = field < 0 ? field + n : field;
            // Too few fields: hand on the full list, so that the consumer raises Python's IndexError itself.
            if (i < 0 || i >= n) return next.push(x.split(sep));
            const end = i < count ? separators[i] : x.length;
            list[i] = x.slice(i === 0 ? 0 : separators[i - 1] + sep.length, end);
          }
          if (needsLength) list.length = n;
          try {
            next.push(list);
          } catch (e) {
            // Show the element as the user's code saw it, not as a list with holes.
            if (e instanceof ElementError && e.element === previewElement(list)) throw new ElementError(e.nodeId, e.pyMessage, previewElement(x.split(sep)));
            throw e;
          }
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

function grow(buffer: Int32Array): Int32Array {
  const grown = new Int32Array(buffer.length * 2);
  grown.set(buffer);
  return grown;
}

/**
 * A function giving field `index` of a text split on `sep`, or null when there are fewer fields. Near the start of
 * the line a few indexOf calls are fastest; further along, for a one-character separator, a regular expression does
 * the scan: V8 compiles it to native code, twice as fast as a loop over the characters of a line (a slice of a
 * larger chunk) and faster than one indexOf call per field.
 */
const REGEX_FROM_FIELD = 8;

function fieldExtractor(sep: string, index: number): (text: string) => string | null {
  if (sep.length === 1 && index > REGEX_FROM_FIELD) {
    const s = sep.replace(/[\\\]^-]/g, '\\$&');
    const pattern = new RegExp(`^(?:[^${s}]*[${s}]){${index}}([^${s}]*)`);
    return (text) => pattern.exec(text)?.[1] ?? null;
  }
  return (text) => {
    let start = 0;
    for (let i = 0; i < index; i++) {
      const at = text.indexOf(sep, start);
      if (at === -1) return null;
      start = at + sep.length;
    }
    const end = text.indexOf(sep, start);
    return end === -1 ? text.slice(start) : text.slice(start, end);
  };
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
