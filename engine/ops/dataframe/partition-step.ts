/**
 * The shape most DataFrame ops share: a pure kernel applied to each partition as it streams by (one pushed Frame or
 * Series in, one out), and its schema computed from the input's at build time, where a schema error (a missing
 * column) is raised naming the node, as Dask raises it when the graph is built.
 */
import type { BuildContext, BuiltLayer, Collection } from '../op-definition.js';
import type { StageKernel } from '../../kernels/kernel-registry.js';
import type { KernelContext } from '../../kernels/kernel-context.js';
import type { Frame, FrameMeta, Series, SeriesMeta } from '../../dataframe/frame.js';
import type { Stage } from '../../graph/task.js';
import { partitionwiseLayer } from '../layer-builders.js';
import { nodeOutputKind } from '../../spec/node-output.js';
import { nodeError } from './read-csv.js';
import { WeftError } from '../../errors.js';
import { PandasError } from '../../dataframe/pandas-error.js';
import { pyRepr } from '../../values/repr.js';
import { PyException } from '../../expr/py-exception.js';
import { elementError } from '../../kernels/element-error.js';

/** A schema error found while building: pandas' (a WeftError) or Python's (user code run on Dask's fake data). */
export function buildError(e: unknown, nodeId: string, op: string): never {
  if (e instanceof PyException) throw new WeftError('BAD_PARAM', `node '${nodeId}' (${op}): ${e.message}`, { nodeId }, { cause: e });
  nodeError(e, nodeId, op);
}

/** An error of a partition's kernel: pandas' names the node; user code's is reported as that node's failure. */
export function partitionError(e: unknown, nodeId: string, op: string): never {
  if (e instanceof PyException) throw elementError(e, nodeId, null, false);
  nodeError(e, nodeId, op);
}

/** A DataFrame or Series input of a node. */
export type FrameInput = Extract<Collection, { kind: 'dataframe' | 'series' }>;

/** A schema that is known only once data exists (see {@link FrameMeta.unknown}). */
export function unknownMeta(kind: 'frame' | 'series'): FrameMeta | SeriesMeta {
  const index = { dtypes: ['int64' as const], names: [null], range: true };
  return kind === 'series' ? { kind, name: null, dtype: 'object', index, unknown: true } : { kind, columns: [], index, unknown: true };
}

/** The collection a partition-wise op makes from `input`, given the output's meta (a frame's or a series'). */
export function partitionwiseCollection(ctx: BuildContext, input: FrameInput, meta: FrameMeta | SeriesMeta): Collection {
  const base = { nodeId: ctx.node.id, name: ctx.name, npartitions: input.npartitions, divisions: input.divisions };
  return meta.kind === 'series' ? { kind: 'series', ...base, meta } : { kind: 'dataframe', ...base, meta };
}

/**
 * Dask's ValueError when `map_partitions` runs the op on its empty meta and pandas fails (`df.dropna(subset=['x'])`
 * of a frame without x): the original error's repr under Dask's explanation. Dask then prints the traceback, which
 * Weft has not.
 */
export function metaInferenceError(funcName: string, error: PandasError): PandasError {
  // A KeyError's message is already the repr of its argument, as str() of a KeyError gives it.
  const original = `${error.pyType}(${error.pyType === 'KeyError' ? error.pyMessage : pyRepr(error.pyMessage)})`;
  return new PandasError(
    'BAD_PARAM',
    'ValueError',
    `Metadata inference failed in \`${funcName}\`.\n\nYou have supplied a custom function and Dask is unable to \ndetermine the type of output that that function returns. \n\n` +
      `To resolve this please provide a meta= keyword.\nThe docstring of the Dask function you ran should have more information.\n\nOriginal error is below:\n------------------------\n${original}`,
  );
}

/**
 * The layer of a partition-wise op: `metaOf` runs now (its errors naming the node), `stage` per partition. With
 * `inferredIn`, Dask computes the meta by running the op on an empty frame inside that function (`map_partitions`),
 * so pandas' errors come wrapped as {@link metaInferenceError}.
 */
export function partitionStepLayer(ctx: BuildContext, input: FrameInput, stage: Stage, metaOf: () => FrameMeta | SeriesMeta, inferredIn?: string): BuiltLayer {
  let meta: FrameMeta | SeriesMeta;
  try {
    meta = input.meta.unknown ? unknownMeta(nodeOutputKind(ctx.node) === 'series' ? 'series' : 'frame') : metaOf();
  } catch (e) {
    buildError(inferredIn !== undefined && e instanceof PandasError ? metaInferenceError(inferredIn, e) : e, ctx.node.id, ctx.node.op);
  }
  return partitionwiseLayer(ctx, input, [stage], partitionwiseCollection(ctx, input, meta));
}

/** A stage kernel applying `apply` to each partition; its errors name the node and op. */
export function partitionStepKernel<S extends { nodeId: string }>(op: string, apply: (value: Frame | Series, stage: S, ctx: KernelContext, functions: string) => Frame | Series): StageKernel<S> {
  return {
    consumer(stage, next, ctx, functions) {
      return {
        push(value) {
          let out: Frame | Series;
          try {
            out = apply(value as Frame | Series, stage, ctx, functions);
          } catch (e) {
            partitionError(e, stage.nodeId, op);
          }
          next.push(out);
        },
        end: () => next.end(),
      };
    },
  };
}
