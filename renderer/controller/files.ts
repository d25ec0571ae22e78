/** New, Open, Open sample, Save and Save As; every way of leaving a document with unsaved changes asks first. */
import { errorText, getApi } from '../api/api.js';
import { EMPTY_PIPELINE, isDirty, loadDocument, notify, useDocument } from '../store/document-store.js';
import { chooseFile } from './file-dialog.js';
import { ensureLayout } from './ensure-layout.js';

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Whether the current document may be replaced: it has no unsaved changes, or the user says to discard them. */
export function mayDiscard(): boolean {
  const state = useDocument.getState();
  return !isDirty(state) || window.confirm(`"${state.pipeline.name ?? 'Untitled'}" has unsaved changes. Discard them?`);
}

export function newDocument(): void {
  if (!mayDiscard()) return;
  loadDocument({ ...EMPTY_PIPELINE, layout: {} }, null, useDocument.getState().info?.defaultDir ?? '/');
}

export async function openPath(path: string): Promise<void> {
  try {
    const doc = await getApi().request('openFile', { path });
    loadDocument(doc.pipeline, doc.path, doc.baseDir, { problems: doc.problems });
    await ensureLayout();
    rememberRecent(doc.path!);
  } catch (e) {
    notify(`Cannot open ${path}: ${errorText(e)}`);
  }
}

export function openWithDialog(): void {
  if (!mayDiscard()) return;
  const state = useDocument.getState();
  chooseFile({ mode: 'open', title: 'Open pipeline', dir: state.path ? dirname(state.path) : state.baseDir, onChoose: (p) => void openPath(p) });
}

export async function openSample(file: string): Promise<void> {
  if (!mayDiscard()) return;
  try {
    const doc = await getApi().request('openSample', { file });
    loadDocument(doc.pipeline, doc.path, doc.baseDir, { problems: doc.problems, sampleFile: file });
    await ensureLayout();
  } catch (e) {
    notify(`Cannot open the sample ${file}: ${errorText(e)}`);
  }
}

export async function saveTo(path: string): Promise<boolean> {
  const { pipeline } = useDocument.getState();
  const target = path.endsWith('.weft.json') ? path : `${path.replace(/\.json$/, '')}.weft.json`;
  try {
    const saved = await getApi().request('saveFile', { path: target, pipeline });
    useDocument.setState({ path: saved.path, baseDir: dirname(saved.path), savedJson: JSON.stringify(pipeline) });
    rememberRecent(saved.path);
    notify(`Saved ${saved.path}`);
    return true;
  } catch (e) {
    notify(`Cannot save ${target}: ${errorText(e)}`);
    return false;
  }
}

export function save(): void {
  const { path } = useDocument.getState();
  if (path) void saveTo(path);
  else saveAs();
}

export function saveAs(): void {
  const state = useDocument.getState();
  const name = (state.pipeline.name ?? 'untitled').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'untitled';
  chooseFile({
    mode: 'save',
    title: 'Save pipeline as',
    dir: state.path ? dirname(state.path) : (state.info?.defaultDir ?? state.baseDir),
    fileName: state.path ? state.path.slice(state.path.lastIndexOf('/') + 1) : `${name}.weft.json`,
    onChoose: (p) => void saveTo(p),
  });
}

function rememberRecent(path: string): void {
  const info = useDocument.getState().info;
  if (!info) return;
  useDocument.setState({ info: { ...info, recentFiles: [path, ...info.recentFiles.filter((f) => f !== path)].slice(0, 10) } });
}
