/** The one modal the app shows at a time: the file picker (open, save as, or a path for a parameter). */
import { create } from 'zustand';

export interface FileDialogRequest {
  mode: 'open' | 'save' | 'pick';
  title: string;
  /** Folder to list first, and for `save`, the proposed file name. */
  dir: string;
  fileName?: string;
  onChoose(path: string): void;
}

export const useDialog = create<{ fileDialog: FileDialogRequest | null }>(() => ({ fileDialog: null }));

/** Shows the in-app picker (the browser mode's, and the fallback where the shell has no dialog). */
export function showInAppFileDialog(request: FileDialogRequest): void {
  useDialog.setState({ fileDialog: request });
}

export function closeFileDialog(): void {
  useDialog.setState({ fileDialog: null });
}
