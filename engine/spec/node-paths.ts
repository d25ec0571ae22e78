import type { NodeSpec } from './pipeline.js';
import { OPERATIONS } from '../ops/registry.js';

/**
 * The file paths a node reads or writes, as its file gives them: the values of its `paths` params (read_text's
 * urlpath, to_textfiles' path). What `--data-dir` moves when an export runs elsewhere.
 */
export function nodePaths(node: Pick<NodeSpec, 'op' | 'params'>): string[] {
  const def = OPERATIONS.get(node.op);
  if (!def) return [];
  return def.params
    .filter((p) => p.type === 'paths')
    .flatMap((p) => {
      const value = node.params?.[p.name];
      return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    });
}
