import type { OpDefinition } from '../op-definition.js';
import { elementwiseLayer } from '../layer-builders.js';
import { subscriptsOfParam } from '../../graph/field-usage.js';

/** Keeps the elements whose `predicate` is `keep` (true for filter, false for remove). */
export interface FilterStage {
  kind: 'filter';
  nodeId: string;
  predicate: string;
  keep: boolean;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    filter: FilterStage;
  }
}

/** `Bag.filter(predicate)`: keep the elements for which `predicate` is true. */
export const filter: OpDefinition = {
  collection: 'bag',
  name: 'filter',
  group: 'transform',
  doc: "Keep the elements for which the predicate is true. Example: lambda x: 'normal.' in x",
  inputs: ['bag'],
  output: 'bag',
  params: [{ name: 'predicate', type: 'callable', required: true, doc: 'A function of one element returning a truth value.' }],
  python: { call: 'method', positional: ['predicate'] },
  // remove's stage is this one too.
  fieldUse: { stages: { filter: { fieldsRead: (stage) => subscriptsOfParam(stage.predicate, 0), passesListsOn: true } } },
  build: (ctx) => elementwiseLayer(ctx, [{ kind: 'filter', nodeId: ctx.node.id, predicate: ctx.params.predicate as string, keep: true }]),
};
