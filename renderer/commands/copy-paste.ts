/**
 * Copy and paste of the selected nodes with the connections among them. Pasted nodes get fresh ids and sit a little
 * below and right of the originals; connections to nodes outside the copy are dropped. Paste is one undo step.
 */
import type { NodeSpec } from '../../electron/ipc/contract.js';
import { edit, notify, useDocument } from '../store/document-store.js';
import { uniqueId } from './add-node.js';

interface Clip {
  nodes: NodeSpec[];
  layout: Record<string, { x: number; y: number }>;
}

let clipboard: Clip | null = null;

export function copySelection(): void {
  const { pipeline, selection } = useDocument.getState();
  const ids = new Set(selection);
  const nodes = pipeline.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return;
  const layout: Clip['layout'] = {};
  for (const n of nodes) layout[n.id] = pipeline.layout?.[n.id] ?? { x: 0, y: 0 };
  clipboard = structuredClone({ nodes, layout });
  notify(`Copied ${nodes.length} node${nodes.length === 1 ? '' : 's'}`);
}

export function paste(): void {
  const clip = clipboard;
  if (!clip) return;
  const newIds: string[] = [];
  edit(`Paste ${clip.nodes.length} node${clip.nodes.length === 1 ? '' : 's'}`, (pipeline) => {
    const rename = new Map<string, string>();
    const taken = new Set<string>();
    for (const n of clip.nodes) {
      const id = uniqueId(pipeline, n.id.replace(/_\d+$/, ''), taken);
      taken.add(id);
      rename.set(n.id, id);
    }
    const layout = { ...pipeline.layout };
    const nodes = clip.nodes.map((n) => {
      const id = rename.get(n.id)!;
      newIds.push(id);
      const p = clip.layout[n.id];
      layout[id] = { x: p.x + 40, y: p.y + 40 };
      const inputs = (n.inputs ?? []).filter((i) => rename.has(i)).map((i) => rename.get(i)!);
      const { inputs: _old, ...rest } = structuredClone(n);
      return inputs.length > 0 ? { ...rest, id, inputs } : { ...rest, id };
    });
    return { ...pipeline, nodes: [...pipeline.nodes, ...nodes], layout };
  });
  useDocument.setState({ selection: newIds });
}
