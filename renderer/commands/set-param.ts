/**
 * Sets or clears a parameter of a node. Typing in one field is one undo step (merged by node and param) until the
 * field loses focus.
 */
import { edit } from '../store/document-store.js';

export function setParam(nodeId: string, name: string, value: unknown | undefined): void {
  edit(
    `Set ${nodeId}.${name}`,
    (pipeline) => ({
      ...pipeline,
      nodes: pipeline.nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const params = { ...n.params };
        if (value === undefined) delete params[name];
        else params[name] = value;
        const { params: _old, ...rest } = n;
        return Object.keys(params).length > 0 ? { ...rest, params } : rest;
      }),
    }),
    `param:${nodeId}:${name}`,
  );
}

/** Sets the document's Python `functions` (the defs callable params may name). */
export function setFunctions(source: string): void {
  edit('Edit functions', (pipeline) => {
    const { functions: _old, ...rest } = pipeline;
    return source.trim() === '' ? rest : { ...rest, functions: source };
  }, 'functions');
}
