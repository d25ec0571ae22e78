/** Lays the canvas out left to right with elkjs' layered algorithm (data flows along edges): one undo step. */
import type { PipelineFile } from '../../electron/ipc/contract.js';
import { edit, useDocument } from '../store/document-store.js';
import { loadElk } from '../layout/load-elk.js';
import { requestFitView } from '../controller/view-requests.js';

export async function layoutPositions(pipeline: PipelineFile, measured: Record<string, { width: number; height: number }>): Promise<Record<string, { x: number; y: number }>> {
  const ids = new Set(pipeline.nodes.map((n) => n.id));
  const elk = await loadElk();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
    },
    children: pipeline.nodes.map((n) => ({ id: n.id, width: measured[n.id]?.width ?? 200, height: measured[n.id]?.height ?? 90 })),
    edges: pipeline.nodes.flatMap((n) => (n.inputs ?? []).filter((i) => ids.has(i)).map((i, k) => ({ id: `${i}->${n.id}:${k}`, sources: [i], targets: [n.id] }))),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}

export async function autoLayout(): Promise<void> {
  const { pipeline, measured } = useDocument.getState();
  const positions = await layoutPositions(pipeline, measured);
  edit('Auto-layout', (doc) => ({ ...doc, layout: { ...doc.layout, ...positions } }));
  // The layout starts at the origin, which a panned view may not show (the canvas draws visible nodes only): the
  // view follows, once the canvas has the new positions (as a newly opened document is fitted, 80 ms on).
  setTimeout(requestFitView, 80);
}
