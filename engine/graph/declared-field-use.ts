/**
 * The field uses the operations declare (OpDefinition.fieldUse), gathered by stage and reducer kind for the passes
 * that project what elements are made of (split-projection.ts, group-size-projection.ts). A kind that no operation
 * declares anything for is taken to read its elements whole.
 */
import type { ReducerFieldUse, SinkFieldUse, StageFieldUse } from './field-usage.js';
import type { ReducerSpec } from './reducer-spec.js';
import type { Sink, Stage } from './task.js';
import { OPERATIONS } from '../ops/registry.js';

export interface FieldUses {
  stages: ReadonlyMap<string, StageFieldUse<Stage>>;
  reducers: ReadonlyMap<string, ReducerFieldUse<ReducerSpec>>;
  sinks: ReadonlyMap<string, SinkFieldUse<Sink>>;
}

let gathered: FieldUses | undefined;

/** Every declared field use, by kind; gathered on first use, once the operations' modules have all loaded. */
export function declaredFieldUses(): FieldUses {
  if (gathered) return gathered;
  const stages = new Map<string, StageFieldUse<Stage>>();
  const reducers = new Map<string, ReducerFieldUse<ReducerSpec>>();
  const sinks = new Map<string, SinkFieldUse<Sink>>();
  for (const def of OPERATIONS.values()) {
    for (const [kind, use] of Object.entries(def.fieldUse?.stages ?? {})) stages.set(kind, use as StageFieldUse<Stage>);
    for (const [kind, use] of Object.entries(def.fieldUse?.reducers ?? {})) reducers.set(kind, use as ReducerFieldUse<ReducerSpec>);
    for (const [kind, use] of Object.entries(def.fieldUse?.sinks ?? {})) sinks.set(kind, use as SinkFieldUse<Sink>);
  }
  return (gathered = { stages, reducers, sinks });
}
