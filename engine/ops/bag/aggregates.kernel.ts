/** The reducers of the one-line aggregates that are not a user's functions: count, mean and var (std). */
import type { KernelSet } from '../../kernels/kernel-registry.js';
import { listStep } from '../../kernels/reducers.js';
import { elementError } from '../../kernels/element-error.js';
import { PyException } from '../../expr/py-exception.js';
import { PyFloat, PyTuple, makeFloat, pyTypeName } from '../../values/py-types.js';

export const aggregatesKernels: KernelSet = {
  reducers: {
    count: {
      partition() {
        let n = 0;
        return {
          push: () => void n++,
          pushAll: (elements) => void (n += elements.length),
          // Lines straight from a file are counted as read, never made strings (read_text -> count).
          pushAsciiLines: (_chunk, _start, _ends, lines) => void (n += lines),
          end() {},
          result: () => n,
        };
      },
      combine: (_spec, parts) => (parts as number[]).reduce((a, b) => a + b, 0),
    },
    mean: {
      partition: listStep((_spec, elements, _ctx, _functions, nodeId) => {
        let total = 0;
        for (const x of elements) total += numeric(x, nodeId, 'float');
        return new PyTuple([makeFloat(total), elements.length]);
      }),
      combine(_spec, parts) {
        if (parts.length === 0) throw new PyException('ValueError', 'not enough values to unpack (expected 2, got 0)');
        let total = 0;
        let n = 0;
        for (const part of parts as PyTuple[]) {
          total += numberOf(part.items[0]);
          n += part.items[1] as number;
        }
        if (n === 0) throw new PyException('ZeroDivisionError', 'float division by zero');
        return makeFloat(total / n);
      },
    },
    var: {
      partition: listStep((_spec, elements, _ctx, _functions, nodeId) => {
        let squares = 0;
        let total = 0;
        for (const x of elements) {
          const v = numeric(x, nodeId, 'float');
          squares += v * v;
          total += v;
        }
        return new PyTuple([makeFloat(squares), makeFloat(total), elements.length]);
      }),
      combine(spec, parts) {
        if (parts.length === 0) throw new PyException('ValueError', 'not enough values to unpack (expected 3, got 0)');
        let x2 = 0;
        let x = 0;
        let n = 0;
        for (const part of parts as PyTuple[]) {
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
      },
    },
  },
};

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
