/** A document opened without positions for some nodes (written by hand or by another tool) is laid out by elkjs. */
import { useDocument } from '../store/document-store.js';
import { layoutPositions } from '../commands/auto-layout.js';

export async function ensureLayout(): Promise<void> {
  const { pipeline, measured } = useDocument.getState();
  if (pipeline.nodes.every((n) => pipeline.layout?.[n.id])) return;
  const positions = await layoutPositions(pipeline, measured);
  const current = useDocument.getState();
  if (current.pipeline !== pipeline) return;
  // Placing nodes that had no position changes what a save writes, but is no edit of the user's: no undo step.
  const laidOut = { ...pipeline, layout: { ...positions, ...pipeline.layout } };
  useDocument.setState({ pipeline: laidOut, savedJson: current.savedJson === JSON.stringify(pipeline) ? JSON.stringify(laidOut) : current.savedJson });
}
