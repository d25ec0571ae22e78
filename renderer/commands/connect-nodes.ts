/**
 * Connects an output to an input port: one undo step. A connection that cannot work is refused with the reason:
 * kinds that do not match (a single value into a bag port), a node into itself, or a cycle.
 */
import type { OperationInfo, PipelineFile } from '../../electron/ipc/contract.js';
import { edit, notify, useDocument } from '../store/document-store.js';
import { isVariadic, kindArticle, portKindOf } from '../port-kinds.js';

/** The id of a target port's handle: `in-<index>`. */
export function portIndex(handle: string | null | undefined): number {
  const match = /^in-(\d+)$/.exec(handle ?? '');
  return match ? Number(match[1]) : 0;
}

/** Why `source` cannot feed port `port` of `target`, or null when it can. */
export function connectionProblem(pipeline: PipelineFile, ops: Map<string, OperationInfo>, source: string, target: string, port: number): string | null {
  if (source === target) return `${source} cannot feed itself`;
  const sourceNode = pipeline.nodes.find((n) => n.id === source);
  const targetNode = pipeline.nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return 'both ends must be nodes of this pipeline';
  const out = ops.get(sourceNode.op)?.output;
  const inputs = ops.get(targetNode.op)?.inputs ?? [];
  const collections = useDocument.getState().collections;
  const made = ops.get(targetNode.op)?.output;
  if (inputs.length === 0) return `${target} (${targetNode.op}) takes no input: it creates ${made ? kindArticle(collections, made) : 'a collection'}`;
  const wanted = isVariadic(inputs[0]) ? portKindOf(inputs[0]) : portKindOf(inputs[Math.min(port, inputs.length - 1)]);
  const canMake = ops.get(sourceNode.op)?.outputKinds ?? (out ? [out] : []);
  if (out && wanted && !canMake.includes(wanted)) {
    return `${target} (${targetNode.op}) needs ${kindArticle(collections, wanted)} here, but ${source} (${sourceNode.op}) gives ${kindArticle(collections, out)}`;
  }
  if (reaches(pipeline, target, source)) return `connecting ${source} to ${target} would make a cycle: ${target} already feeds ${source}`;
  if ((targetNode.inputs ?? []).includes(source) && isVariadic(inputs[0])) return `${source} already feeds ${target}`;
  return null;
}

/** Whether `from` feeds `to`, directly or through other nodes. */
function reaches(pipeline: PipelineFile, from: string, to: string): boolean {
  const consumers = new Map<string, string[]>();
  for (const n of pipeline.nodes) for (const i of n.inputs ?? []) consumers.set(i, [...(consumers.get(i) ?? []), n.id]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(consumers.get(id) ?? []));
  }
  return false;
}

/** Connects, or shows why not; returns whether it connected. */
export function connectNodes(source: string, target: string, port: number): boolean {
  const { pipeline, ops } = useDocument.getState();
  const problem = connectionProblem(pipeline, ops, source, target, port);
  if (problem) {
    notify(`Connection refused: ${problem}`);
    return false;
  }
  edit(`Connect ${source} to ${target}`, (doc) => ({
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== target) return n;
      const variadic = isVariadic(ops.get(n.op)?.inputs[0]);
      const inputs = [...(n.inputs ?? [])];
      // A fixed port holds one input: connecting to a filled port replaces it; ports fill in order.
      if (variadic) inputs.push(source);
      else inputs[Math.min(port, inputs.length)] = source;
      return { ...n, inputs };
    }),
  }));
  return true;
}
