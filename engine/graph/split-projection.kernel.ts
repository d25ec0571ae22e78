/**
 * The kernels of the stages split projection makes (split-projection.ts): one field cut out of each line, or lists
 * with only the fields their consumers read. Either gives the results, and raises the errors, of the split map and
 * the consumers it replaces.
 */
import type { KernelSet } from '../kernels/kernel-registry.js';
import { ElementError, elementError, previewElement } from '../kernels/element-error.js';
import { PyException } from '../expr/py-exception.js';
import { fromJson } from '../values/from-json.js';
import { pluckOne } from '../ops/bag/pluck.kernel.js';

export const splitProjectionKernels: KernelSet = {
  stages: {
    'split-field': {
      consumer(stage, next, ctx, functions) {
        const { nodeId, sep, index, hasDefault } = stage;
        const f = ctx.callable(functions, stage.func);
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
      },
    },
    'split-sparse': {
      consumer(stage, next, ctx, functions) {
        const { nodeId, sep, fields } = stage;
        const f = ctx.callable(functions, stage.func);
        // Only a negative field needs the list's true length; otherwise it ends at the last field read.
        const needsLength = fields.some((field) => field < 0);
        const lastField = Math.max(...fields, -1);
        const sepCode = sep.length === 1 ? sep.charCodeAt(0) : -1;
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
            if (sepCode !== -1) {
              // One character (a CSV's comma): a scan of the line's codes, several times faster than an indexOf call per field.
              for (let at = 0, length = x.length; at < length && count < stopAt; at++) {
                if (x.charCodeAt(at) !== sepCode) continue;
                if (count === separators.length) separators = grow(separators);
                separators[count++] = at;
              }
            } else {
              for (let at = x.indexOf(sep); at !== -1 && count < stopAt; at = x.indexOf(sep, at + sep.length)) {
                if (count === separators.length) separators = grow(separators);
                separators[count++] = at;
              }
            }
            const complete = count < stopAt;
            const n = complete ? count + 1 : Infinity;
            // With a negative field the list has its true length, allocated at once rather than grown by assignment.
            const list: unknown[] = needsLength ? new Array(n) : [];
            for (const field of fields) {
              const i = field < 0 ? field + n : field;
              // Too few fields: hand on the full list, so that the consumer raises Python's IndexError itself.
              if (i < 0 || i >= n) return next.push(x.split(sep));
              const end = i < count ? separators[i] : x.length;
              list[i] = x.slice(i === 0 ? 0 : separators[i - 1] + sep.length, end);
            }
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
      },
    },
  },
};

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
