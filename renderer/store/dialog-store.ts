/** The app's modals: the file picker (open, save as, export, import, or a path for a parameter) and the cluster run's. */
import { create } from 'zustand';
import type { FileKind } from '../../electron/ipc/contract.js';

export interface FileDialogRequest {
  mode: 'open' | 'save' | 'pick';
  title: string;
  /** Folder to list first, and for `save`, the proposed file name. */
  dir: string;
  fileName?: string;
  /** What files it lists (and the system dialog filters): by default pipelines, or anything for `pick`. */
  fileKind?: FileKind;
  onChoose(path: string): void;
}

/** The cluster a run on Dask goes to, kept for the next run of this window. */
export interface ClusterSettings {
  address: string;
  python: string;
}

export const useDialog = create<{ fileDialog: FileDialogRequest | null; isClusterDialogOpen: boolean; cluster: ClusterSettings }>(() => ({
  fileDialog: null,
  isClusterDialogOpen: false,
  // Debian's interpreter, where python3-dask and python3-distributed install.
  cluster: { address: '', python: '/usr/bin/python3' },
}));

/** Shows the in-app picker (the browser mode's, and the fallback where the shell has no dialog). */
export function showInAppFileDialog(request: FileDialogRequest): void {
  useDialog.setState({ fileDialog: request });
}

export function closeFileDialog(): void {
  useDialog.setState({ fileDialog: null });
}
