import type { OpDefinition } from '../op-definition.js';
import { inputOf } from '../layer-builders.js';
import { seriesMapMeta, type MapArg } from '../../dataframe/kernels/map.js';
import { fromJson } from '../../values/from-json.js';
import { PyDict } from '../../values/py-types.js';
import { WeftError } from '../../errors.js';
import { partitionStepLayer } from './partition-step.js';

/** `s.map(arg)` on each partition: `arg` is Python source of a callable, or a dict's JSON. */
export interface SeriesMapStage {
  kind: 'series-map';
  nodeId: string;
  arg: string | Record<string, unknown>;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'series-map': SeriesMapStage;
  }
}

/** The mapping a `series.map` param stands for: a dict given as JSON, or a callable compiled by `compile`. */
export function mapArgOf(arg: string | Record<string, unknown>, compile: (source: string) => (value: unknown) => unknown): MapArg {
  return typeof arg === 'string' ? compile(arg) : (fromJson(arg) as PyDict);
}

/** `s.map(arg)`: each value through a function, or looked up in a dict (a missing key gives NaN). */
export const seriesMap: OpDefinition = {
  collection: 'series',
  name: 'map',
  group: 'transform',
  doc: 'Map each value: through a Python function (lambda x: x * 2, a def\'s name, a builtin), or through a dict such as {"tcp": 1, "udp": 2}, where a value that is not a key becomes NaN.',
  inputs: ['series'],
  output: 'series',
  params: [{ name: 'arg', type: 'json', stringIsSource: true, required: true, doc: 'Python source of a function, as a string, or a dict.' }],
  python: { call: 'method', positional: ['arg'] },
  build(ctx) {
    const input = inputOf(ctx, 'series');
    const nodeId = ctx.node.id;
    const arg = ctx.params.arg as string | Record<string, unknown>;
    if (typeof arg !== 'string' && (arg === null || typeof arg !== 'object' || Array.isArray(arg))) {
      throw new WeftError('BAD_PARAM', `node '${nodeId}' (series.map): arg must be Python source of a function or a dict`, { nodeId });
    }
    const compile = (source: string) => ctx.evaluate(source) as (value: unknown) => unknown;
    return partitionStepLayer(ctx, input, { kind: 'series-map', nodeId, arg }, () => seriesMapMeta(input.meta, mapArgOf(arg, compile)));
  },
};
