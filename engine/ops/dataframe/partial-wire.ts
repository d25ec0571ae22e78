/**
 * The partials of dask.dataframe's tree reductions as values the engine can move: a partial leaves its task as a
 * result, crosses to another thread or spills, so it must be something the value codec (engine/values/codec.ts)
 * writes — frames, series, numpy scalars, lists and numbers. The kernels of dataframe/aggregate/ keep their own
 * shapes (moments as typed arrays, group partials with exact int64 sums, percentile parts); `portable` wraps a
 * kernel so that what its chunk and combine hand on is in wire form and what combine and aggregate read is decoded.
 *
 * Policy:
 * - frames, series and lists of them cross as they are; a numpy scalar's integral float comes back from the codec
 *   boxed (PyFloat) and is unboxed again;
 * - moments are a frame of three float64 columns (n, total, m2), one row per reduced column;
 * - a group partial is a frame of its key columns and intermediates; an exact int64 intermediate (BigInt) travels
 *   as two float64 columns, its high and low 32 bits, so sums past 2**53 stay exact;
 * - a percentile part is `[series of its percentiles, n]`.
 *
 * `composite` runs several reductions over the same tree as one (Dask's `mean` is a sum and a count, `describe`
 * six reductions): a component Dask reduces in one aggregate (`split_every=False`) while the tree has levels only
 * gathers its chunks' partials on the way up, so it computes what its own one-aggregate tree computes.
 */
import type { Column, Frame, Label, Series } from '../../dataframe/frame.js';
import { PyFloat } from '../../values/py-types.js';
import { makeFrame, makeSeries } from '../../dataframe/aggregate/columns.js';
import type { Moments } from '../../dataframe/aggregate/moments.js';
import type { GroupPartial, PartialValues } from '../../dataframe/aggregate/groupby-agg.js';
import type { PercentilePart } from '../../dataframe/aggregate/percentiles.js';
import type { Scalar } from '../../dataframe/aggregate/scalar.js';
import { scalar } from '../../dataframe/aggregate/scalar.js';
import type { TreeReduction } from '../../dataframe/aggregate/tree.js';

/** How one kind of partial becomes a movable value and back. */
export interface PartialWire<P> {
  toWire(partial: P): unknown;
  fromWire(wire: unknown): P;
}

/** A kernel whose partials travel in wire form. */
export function portable<I, P, O>(kernel: TreeReduction<I, P, O>, wire: PartialWire<P>): TreeReduction<I, unknown, O> {
  return {
    chunk: (input) => wire.toWire(kernel.chunk(input)),
    combine: (parts) => wire.toWire(kernel.combine(parts.map(wire.fromWire))),
    aggregate: (parts) => kernel.aggregate(parts.map(wire.fromWire)),
  };
}

/** Frames and series: the codec moves them as they are. */
export const frameWire: PartialWire<never> = { toWire: (p) => p, fromWire: (w) => w as never };

/** A numpy scalar; a number dtype's value unboxed after the codec. */
export const scalarWire: PartialWire<Scalar> = {
  toWire: (s) => s,
  fromWire: (w) => {
    const s = w as Scalar;
    return s.dtype !== 'object' && s.value instanceof PyFloat ? scalar(s.dtype, s.value.value) : s;
  },
};

const RANGE = { kind: 'range', start: 0, step: 1, name: null } as const;

function floats(column: Column): Float64Array {
  if (column.dtype === 'object') throw new Error('a wire column holds numbers');
  return column.values instanceof Float64Array ? column.values : Float64Array.from(column.values);
}

/** Moments as a frame of n, total and m2. */
export const momentsWire: PartialWire<Moments> = {
  toWire: (m) => makeFrame(['n', 'total', 'm2'], [m.n, m.total, m.m2].map((values) => ({ dtype: 'float64', values })), RANGE, m.n.length),
  fromWire: (w) => {
    const f = w as Frame;
    return { n: floats(f.columns[0]), total: floats(f.columns[1]), m2: floats(f.columns[2]) };
  },
};

const LOW = 0x100000000n;

/** The columns a group partial's keys travel in, one per key (what split_out hashes). */
export function groupKeyWireNames(nkeys: number): Label[] {
  return Array.from({ length: nkeys }, (_, i) => `key:${i}`);
}

/** A group partial as a frame: its keys, then per intermediate a column or an int64's two halves. */
export function groupPartialWire(by: readonly Label[]): PartialWire<GroupPartial> {
  return {
    toWire(p) {
      const names: Label[] = groupKeyWireNames(p.keys.length);
      const columns: Column[] = p.keys.slice();
      for (const [id, v] of Object.entries(p.values)) {
        if (v.kind === 'column') {
          names.push(`column:${id}`);
          columns.push(v.column);
        } else {
          names.push(`high:${id}`, `low:${id}`);
          columns.push({ dtype: 'float64', values: Float64Array.from(v.values, (x) => Number(x >> 32n)) });
          columns.push({ dtype: 'float64', values: Float64Array.from(v.values, (x) => Number(BigInt.asUintN(32, x))) });
        }
      }
      return makeFrame(names, columns, RANGE, p.length);
    },
    fromWire(w) {
      const f = w as Frame;
      const values: Record<string, PartialValues> = {};
      const keys: Column[] = [];
      f.names.forEach((label, i) => {
        const name = String(label);
        const at = name.indexOf(':');
        const role = name.slice(0, at);
        const id = name.slice(at + 1);
        if (role === 'key') keys.push(f.columns[i]);
        else if (role === 'column') values[id] = { kind: 'column', column: f.columns[i] };
        else if (role === 'high') {
          const high = floats(f.columns[i]);
          const low = floats(f.columns[i + 1]);
          values[id] = { kind: 'int64', values: BigInt64Array.from(high, (h, r) => BigInt.asIntN(64, BigInt(h) * LOW + BigInt(low[r]))) };
        }
      });
      return { kind: 'group-partial', keyNames: by.slice(), keys, length: f.length, values };
    },
  };
}

function partToWire(p: PercentilePart): unknown {
  return [makeSeries(null, { dtype: 'float64', values: p.values }, RANGE), p.n];
}

function partFromWire(w: unknown): PercentilePart {
  const [series, n] = w as [Series, number];
  return { values: floats(series.column), n };
}

/** A series quantile's partial: a list of percentile parts. */
export const percentilesWire: PartialWire<PercentilePart[]> = {
  toWire: (parts) => parts.map(partToWire),
  fromWire: (w) => (w as unknown[]).map(partFromWire),
};

/** A frame quantile's partial: per column, a list of percentile parts. */
export const columnPercentilesWire: PartialWire<PercentilePart[][]> = {
  toWire: (columns) => columns.map((parts) => parts.map(partToWire)),
  fromWire: (w) => (w as unknown[][]).map((parts) => parts.map(partFromWire)),
};

/** A kernel reading something derived from each partition (the numeric columns of a frame, say). */
export function onInput<I, J, P, O>(kernel: TreeReduction<J, P, O>, select: (input: I) => J): TreeReduction<I, P, O> {
  return { chunk: (input) => kernel.chunk(select(input)), combine: kernel.combine, aggregate: kernel.aggregate };
}

/** One reduction of a composite: a portable kernel, and whether Dask gives it one aggregate over all chunks. */
export interface Component {
  kernel: TreeReduction<unknown, unknown, unknown>;
  oneAggregate: boolean;
}

/** Several reductions over one tree, their results finished together (see the policy above). */
export function composite<I, O>(components: readonly Component[], finish: (results: unknown[]) => O): TreeReduction<I, unknown[], O> {
  const gathered = (parts: unknown[][], j: number) => parts.flatMap((p) => p[j] as unknown[]);
  return {
    chunk: (input) => components.map((c) => (c.oneAggregate ? [c.kernel.chunk(input)] : c.kernel.chunk(input))),
    combine: (parts) => components.map((c, j) => (c.oneAggregate ? gathered(parts, j) : c.kernel.combine(parts.map((p) => p[j])))),
    aggregate: (parts) => finish(components.map((c, j) => c.kernel.aggregate(c.oneAggregate ? gathered(parts, j) : parts.map((p) => p[j])))),
  };
}
