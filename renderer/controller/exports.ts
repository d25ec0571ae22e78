/** The Export menu: the document as a Python script, a notebook, a TypeScript program or Graphviz dot, saved where the user chooses. */
import type { ExportFormat } from '../../electron/ipc/contract.js';
import { errorText, getApi } from '../api/api.js';
import { notify, useDocument } from '../store/document-store.js';
import { chooseFile } from './file-dialog.js';

const FORMATS: Record<ExportFormat, { title: string; extension: string }> = {
  python: { title: 'Export Python script', extension: '.py' },
  notebook: { title: 'Export notebook', extension: '.ipynb' },
  typescript: { title: 'Export TypeScript program', extension: '.ts' },
  dot: { title: 'Export Graphviz dot', extension: '.dot' },
};

/** The name exports take by default: the document's file name, else its pipeline's name as a file name. */
export function exportBaseName(): string {
  const { path, pipeline } = useDocument.getState();
  if (path) return path.slice(path.lastIndexOf('/') + 1).replace(/\.weft\.json$|\.json$/, '');
  return (pipeline.name ?? 'untitled').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'untitled';
}

export function exportAs(to: ExportFormat): void {
  const state = useDocument.getState();
  const { title, extension } = FORMATS[to];
  if (state.pipeline.nodes.length === 0) {
    notify('Nothing to export: the canvas is empty.');
    return;
  }
  const dir = state.path ? state.path.slice(0, Math.max(1, state.path.lastIndexOf('/'))) : state.baseDir;
  chooseFile({
    mode: 'save',
    title,
    dir,
    fileName: `${exportBaseName()}${extension}`,
    fileKind: to,
    onChoose: (chosen) => void exportTo(chosen.endsWith(extension) ? chosen : `${chosen}${extension}`, to),
  });
}

async function exportTo(path: string, to: ExportFormat): Promise<void> {
  const { pipeline, baseDir } = useDocument.getState();
  try {
    const written = await getApi().request('exportFile', { path, pipeline, baseDir, to });
    notify(`Exported ${written.path}${written.note ? ` (${written.note})` : ''}`);
  } catch (e) {
    notify(`Cannot export ${path}: ${errorText(e)}`);
  }
}
