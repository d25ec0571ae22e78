import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';

/** `element[key]` (a tuple of them for a list key); `default` (JSON) when missing and `hasDefault`. */
export interface PluckStage {
  kind: 'pluck';
  nodeId: string;
  key: unknown;
  hasDefault: boolean;
  default: unknown;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    pluck: PluckStage;
  }
}

/** `Bag.pluck(key, default=no_default)`: `element[key]` for every element. */
export const pluck: OpDefinition = {
  collection: 'bag',
  name: 'pluck',
  group: 'transform',
  doc: 'Select an item from every element: element[key]. A list key selects several and yields tuples.',
  inputs: ['bag'],
  output: 'bag',
  params: [
    { name: 'key', type: 'json', required: true, doc: 'An index (int), a dict key (str), or a list of them.' },
    { name: 'default', type: 'json', required: false, doc: 'Value for elements that lack the key; without it a missing key fails.' },
  ],
  python: { call: 'method', positional: ['key', 'default'] },
  fieldUse: { stages: { pluck: { fieldsRead: (stage) => (Number.isInteger(stage.key) ? new Set([stage.key as number]) : null) } } },
  build: (ctx) =>
    elementwiseLayer(ctx, [{ kind: 'pluck', nodeId: ctx.node.id, key: ctx.params.key, hasDefault: 'default' in (ctx.node.params ?? {}), default: ctx.params.default ?? null }]),
};
