/**
 * Moves nodes. While a drag goes on, positions change without history; when it ends, the whole drag is one undo step
 * back to where the nodes were when it began.
 */
import type { PipelineFile } from '../../electron/ipc/contract.js';
import { useDocument } from '../store/document-store.js';
import { roundPosition } from './add-node.js';

let dragStart: PipelineFile | null = null;

export function moveLive(positions: Record<string, { x: number; y: number }>): void {
  const state = useDocument.getState();
  dragStart ??= state.pipeline;
  const layout = { ...state.pipeline.layout };
  for (const [id, p] of Object.entries(positions)) layout[id] = roundPosition(p);
  useDocument.setState({ pipeline: { ...state.pipeline, layout } });
}

export function endMove(): void {
  const start = dragStart;
  dragStart = null;
  if (!start) return;
  const state = useDocument.getState();
  if (JSON.stringify(start.layout) === JSON.stringify(state.pipeline.layout)) return;
  useDocument.setState({ past: [...state.past, { pipeline: start, label: 'Move' }], future: [], lastMergeKey: null });
}
