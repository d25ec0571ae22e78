import type { NodeSpec } from './pipeline.js';
import type { PortKind } from './port-kind.js';
import { OPERATIONS } from '../ops/registry.js';

/** The kind of collection a node makes, from its op and (for ops whose output depends on them) its params. */
export function nodeOutputKind(node: Pick<NodeSpec, 'op' | 'params'> | undefined): PortKind | undefined {
  const def = node && OPERATIONS.get(node.op);
  if (!def) return undefined;
  if (!def.outputFor) return def.output;
  const params = Object.fromEntries(def.params.map((p) => [p.name, node.params?.[p.name] !== undefined ? node.params[p.name] : (p.default ?? null)]));
  return def.outputFor(params);
}
