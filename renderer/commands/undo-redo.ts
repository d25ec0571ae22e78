/** Undo and redo: they move whole document snapshots between the two stacks and are not themselves recorded. */
import { useDocument } from '../store/document-store.js';

export function undo(): void {
  const { past, future, pipeline } = useDocument.getState();
  const previous = past.at(-1);
  if (!previous) return;
  useDocument.setState({ pipeline: previous.pipeline, past: past.slice(0, -1), future: [...future, { pipeline, label: previous.label }], lastMergeKey: null, selection: keepExisting(previous.pipeline) });
}

export function redo(): void {
  const { past, future, pipeline } = useDocument.getState();
  const next = future.at(-1);
  if (!next) return;
  useDocument.setState({ pipeline: next.pipeline, past: [...past, { pipeline, label: next.label }], future: future.slice(0, -1), lastMergeKey: null, selection: keepExisting(next.pipeline) });
}

function keepExisting(pipeline: { nodes: Array<{ id: string }> }): string[] {
  const ids = new Set(pipeline.nodes.map((n) => n.id));
  return useDocument.getState().selection.filter((id) => ids.has(id));
}
