import type { NodeSpec, PipelineFile } from './pipeline.js';

const TOP_ORDER = ['weft', 'name', 'description', 'functions', 'nodes', 'layout'];
const NODE_ORDER = ['id', 'op', 'inputs', 'params'];

function ordered<T extends object>(value: T, order: string[]): T {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => rank(a, order) - rank(b, order) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries) as T;
}

function rank(key: string, order: string[]): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * A pipeline as the text of a `*.weft.json` file: two-space indented, top-level and node keys in a fixed order,
 * params and layout sorted by name, so that saving the same pipeline always gives the same bytes.
 */
export function serializePipeline(pipeline: PipelineFile): string {
  const nodes = pipeline.nodes.map((node: NodeSpec) => ordered({ ...node, params: node.params && sortedKeys(node.params) }, NODE_ORDER));
  const doc = ordered({ ...pipeline, nodes, layout: pipeline.layout && sortedKeys(pipeline.layout) }, TOP_ORDER);
  return JSON.stringify(doc, null, 2) + '\n';
}
