/** The code pane's state: whether it is shown, the document's Python as last exported, and why it is not current. */
import { create } from 'zustand';
import type { ExportedCode } from '../../electron/ipc/contract.js';

export interface CodeState {
  isOpen: boolean;
  code: ExportedCode | null;
  /** Why the code shown is not the document's (it has problems); the code shown is then the last valid one. */
  staleReason: string | null;
}

export const useCode = create<CodeState>(() => ({ isOpen: false, code: null, staleReason: null }));
