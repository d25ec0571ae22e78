/** Deletes the selected nodes and the connections they take part in, or one connection: one undo step. */
import type { PipelineFile } from '../../electron/ipc/contract.js';
import { edit, useDocument } from '../store/document-store.js';

export function removeNodes(pipeline: PipelineFile, ids: Set<string>): PipelineFile {
  const layout = { ...pipeline.layout };
  for (const id of ids) delete layout[id];
  return {
    ...pipeline,
    nodes: pipeline.nodes
      .filter((n) => !ids.has(n.id))
      .map((n) => {
        if (!n.inputs?.some((i) => ids.has(i))) return n;
        const inputs = n.inputs.filter((i) => !ids.has(i));
        const { inputs: _dropped, ...rest } = n;
        return inputs.length > 0 ? { ...rest, inputs } : rest;
      }),
    layout,
  };
}

export function deleteSelection(): void {
  const ids = new Set(useDocument.getState().selection);
  if (ids.size === 0) return;
  edit(ids.size === 1 ? `Delete ${[...ids][0]}` : `Delete ${ids.size} nodes`, (pipeline) => removeNodes(pipeline, ids));
  useDocument.setState({ selection: [] });
}

/** Removes one connection: the input `port` of `target`. */
export function disconnect(target: string, port: number): void {
  edit(`Disconnect ${target}`, (pipeline) => ({
    ...pipeline,
    nodes: pipeline.nodes.map((n) => {
      if (n.id !== target || !n.inputs) return n;
      const inputs = n.inputs.filter((_, i) => i !== port);
      const { inputs: _dropped, ...rest } = n;
      return inputs.length > 0 ? { ...rest, inputs } : rest;
    }),
  }));
}
