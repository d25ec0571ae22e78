/**
 * The in-app file picker for Open, Save As and path params: a path field and the folder's listing from the host.
 * The browser mode has no native dialogs, and one picker keeps both shells alike.
 */
import { useEffect, useState } from 'react';
import type { DirEntry, FileKind } from '../../electron/ipc/contract.js';
import { errorText, getApi } from '../api/api.js';
import { closeFileDialog, useDialog } from '../store/dialog-store.js';

/** The files each kind of dialog lists ('' lists every file). */
const FILE_EXTENSIONS: Record<FileKind, string> = { pipeline: '.weft.json', python: '.py', notebook: '.ipynb', typescript: '.ts', dot: '.dot', any: '' };

export function FileDialog() {
  const request = useDialog((s) => s.fileDialog);
  const [dir, setDir] = useState('');
  const [parent, setParent] = useState<string | null>(null);
  const [entries, setEntries] = useState<DirEntry[]>([]);
  const [pathText, setPathText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const list = async (target: string) => {
    try {
      const listing = await getApi().request('listDir', { path: target });
      setDir(listing.path);
      setParent(listing.parent);
      setEntries(listing.entries);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  useEffect(() => {
    if (!request) return;
    setPathText(request.fileName ? `${request.dir.replace(/\/$/, '')}/${request.fileName}` : '');
    void list(request.dir);
  }, [request]);

  if (!request) return null;
  const choose = (path: string) => {
    if (!path.trim()) return;
    closeFileDialog();
    request.onChoose(path.trim());
  };
  const extension = FILE_EXTENSIONS[request.fileKind ?? (request.mode === 'pick' ? 'any' : 'pipeline')];
  const visible = entries.filter((e) => e.isDir || e.name.endsWith(extension));
  const join = (name: string) => `${dir.replace(/\/$/, '')}/${name}`;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={request.title}>
        <h2>{request.title}</h2>
        <div className="file-dir">
          <button type="button" disabled={parent === null} onClick={() => parent && void list(parent)} aria-label="Parent folder">
            ↑
          </button>
          <span className="muted">{dir}</span>
        </div>
        <ul className="file-list" aria-label="Files">
          {visible.map((e) => (
            <li key={e.name}>
              <button type="button" onClick={() => (e.isDir ? void list(join(e.name)) : setPathText(join(e.name)))} onDoubleClick={() => !e.isDir && choose(join(e.name))}>
                {e.isDir ? '📁 ' : ''}
                {e.name}
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            choose(pathText);
          }}
        >
          <input type="text" aria-label="File path" value={pathText} onChange={(e) => setPathText(e.target.value)} autoFocus placeholder="/path/to/file" />
          {error && <div className="param-error">{error}</div>}
          <div className="modal-buttons">
            <button type="button" onClick={closeFileDialog}>
              Cancel
            </button>
            <button type="submit" className="primary">
              {request.mode === 'save' ? 'Save' : request.mode === 'open' ? 'Open' : 'Choose'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
