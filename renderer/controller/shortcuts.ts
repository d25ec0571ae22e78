/** Keyboard shortcuts. Inside a text field only the ones that cannot mean typing apply (save, run). */
import { copySelection, paste } from '../commands/copy-paste.js';
import { deleteSelection, disconnect } from '../commands/delete-selection.js';
import { redo, undo } from '../commands/undo-redo.js';
import { autoLayout } from '../commands/auto-layout.js';
import { useDocument } from '../store/document-store.js';
import { newDocument, openWithDialog, save, saveAs } from './files.js';
import { cancelRun, runSelected, startRun } from './runs.js';
import { requestFitView } from './view-requests.js';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const handled = () => e.preventDefault();
    if (mod && key === 's') return handled(), e.shiftKey ? saveAs() : save();
    if (mod && key === 'enter') return handled(), e.shiftKey ? runSelected() : void startRun();
    if (mod && key === 'o') return handled(), openWithDialog();
    if (mod && key === 'n') return handled(), newDocument();
    if (isTyping(e.target)) return;
    if (mod && key === 'z') return handled(), e.shiftKey ? redo() : undo();
    if (mod && key === 'y') return handled(), redo();
    if (mod && key === 'c') return handled(), copySelection();
    if (mod && key === 'v') return handled(), paste();
    if (mod && key === 'a') return handled(), useDocument.setState({ selection: useDocument.getState().pipeline.nodes.map((n) => n.id) });
    if (mod && key === 'l') return handled(), void autoLayout();
    if (mod && key === '0') return handled(), requestFitView();
    if (key === 'escape') return void cancelRun();
    if (key === 'delete' || key === 'backspace') {
      handled();
      const { selection, selectedEdge } = useDocument.getState();
      if (selection.length > 0) deleteSelection();
      else if (selectedEdge) {
        disconnect(selectedEdge.target, selectedEdge.port);
        useDocument.setState({ selectedEdge: null });
      }
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
