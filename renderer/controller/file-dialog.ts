/** Asks for a file: the system's dialog in the Electron shell, the app's own picker in the browser mode. */
import { getApi } from '../api/api.js';
import { showInAppFileDialog, type FileDialogRequest } from '../store/dialog-store.js';
import { useDocument } from '../store/document-store.js';

export function chooseFile(request: FileDialogRequest): void {
  if (useDocument.getState().info?.transport !== 'electron') {
    showInAppFileDialog(request);
    return;
  }
  const defaultPath = request.fileName ? `${request.dir.replace(/\/$/, '')}/${request.fileName}` : request.dir;
  getApi()
    .request('showFileDialog', { mode: request.mode, title: request.title, defaultPath, fileKind: request.fileKind })
    .then(({ path }) => path && request.onChoose(path))
    .catch(() => showInAppFileDialog(request));
}
