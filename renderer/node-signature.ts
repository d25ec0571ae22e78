/**
 * What a node's result depends on: its op, params and inputs, and the same of everything upstream, and the
 * pipeline's functions. A result or state shown on the canvas is the run's only while the node's signature is
 * still the one that run computed; after an edit upstream the node is idle again, not showing a stale value.
 * (The host's own cache is keyed by task keys, which also cover the data files; this only decides what to show.)
 */
import type { PipelineFile } from '../electron/ipc/contract.js';

const cache = new WeakMap<PipelineFile, Record<string, string>>();

export function nodeSignatures(pipeline: PipelineFile): Record<string, string> {
  const known = cache.get(pipeline);
  if (known) return known;
  const byId = new Map(pipeline.nodes.map((n) => [n.id, n]));
  const signatures: Record<string, string> = {};
  const visiting = new Set<string>();
  const sign = (id: string): string => {
    if (signatures[id] !== undefined) return signatures[id];
    const node = byId.get(id);
    // A missing input or a cycle cannot have run; its signature just has to differ from any that did.
    if (!node || visiting.has(id)) return `?${id}`;
    visiting.add(id);
    const inputs = (node.inputs ?? []).map(sign);
    visiting.delete(id);
    signatures[id] = JSON.stringify([node.op, node.params ?? {}, inputs, pipeline.functions ?? '']);
    return signatures[id];
  };
  for (const node of pipeline.nodes) sign(node.id);
  cache.set(pipeline, signatures);
  return signatures;
}
