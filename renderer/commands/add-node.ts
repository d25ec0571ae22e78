/** Adds an operation to the canvas at a position: one undo step. New ids are the op's short name, made unique. */
import type { NodeSpec, PipelineFile } from '../../electron/ipc/contract.js';
import { edit, useDocument } from '../store/document-store.js';

export function uniqueId(pipeline: PipelineFile, base: string, taken: Set<string> = new Set()): string {
  const used = new Set([...pipeline.nodes.map((n) => n.id), ...taken]);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A new node's name from its op's: groupby.agg's node is groupby_agg, a name rename accepts and Python can use. */
function nodeIdBase(opName: string): string {
  return opName.replace(/[^\w-]/g, '_');
}

/**
 * The params a new node starts with: the required ones the user must fill, blank, so the inspector asks for them. A
 * JSON param is left out instead: '' would be Python's empty string (groupby('') said "KeyError: ''"), while a
 * missing one is reported as missing, with its doc, under its field.
 */
function initialParams(op: string): Record<string, unknown> | undefined {
  const def = useDocument.getState().ops.get(op);
  const params: Record<string, unknown> = {};
  for (const p of def?.params ?? []) {
    if (!p.required || p.type === 'json') continue;
    params[p.name] = p.type === 'int' || p.type === 'number' ? 1 : p.type === 'bool' ? false : '';
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

export function addNode(op: string, position: { x: number; y: number }): string {
  let id = '';
  edit(`Add ${op}`, (pipeline) => {
    id = uniqueId(pipeline, nodeIdBase(useDocument.getState().ops.get(op)?.name ?? op));
    const params = initialParams(op);
    const node: NodeSpec = params ? { id, op, params } : { id, op };
    return { ...pipeline, nodes: [...pipeline.nodes, node], layout: { ...pipeline.layout, [id]: roundPosition(position) } };
  });
  useDocument.setState({ selection: [id] });
  return id;
}

export function roundPosition(p: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
