/**
 * Import Python script: a script of the export's shape becomes a new, unsaved document. When some lines cannot be
 * read, nothing is opened and the current document stays as it was; the run bar lists every such line.
 */
import { errorText, getApi } from '../api/api.js';
import { loadDocument, notify, useDocument } from '../store/document-store.js';
import { chooseFile } from './file-dialog.js';
import { ensureLayout } from './ensure-layout.js';
import { mayDiscard } from './files.js';
import { requestFitView } from './view-requests.js';

export function importPythonScript(): void {
  const state = useDocument.getState();
  const dir = state.path ? state.path.slice(0, Math.max(1, state.path.lastIndexOf('/'))) : state.baseDir;
  chooseFile({ mode: 'open', title: 'Import Python script', dir, fileKind: 'python', onChoose: (path) => void importFrom(path) });
}

async function importFrom(path: string): Promise<void> {
  let imported;
  try {
    imported = await getApi().request('importScript', { path });
  } catch (e) {
    notify(`Cannot import ${path}: ${errorText(e)}`);
    return;
  }
  if (imported.kind === 'unreadable') {
    const count = imported.problems.length;
    const name = imported.path.slice(imported.path.lastIndexOf('/') + 1);
    useDocument.setState({
      runMessage: {
        kind: 'error',
        text: `Cannot import ${imported.path}: ${count} line${count === 1 ? '' : 's'} could not be read, so nothing was opened (the canvas is as it was):`,
        problems: imported.problems.map((p) => ({ code: 'IMPORT', message: `${name}:${p.line}: ${p.message}` })),
      },
    });
    return;
  }
  // Asked only now: a script that cannot be read replaces nothing.
  if (!mayDiscard()) return;
  const doc = imported.document;
  // Unsaved from the start: it has no pipeline file yet, so closing it asks, and autosave keeps it.
  loadDocument(doc.pipeline, null, doc.baseDir, { problems: doc.problems, isDirty: true });
  await ensureLayout();
  // A hand-written script has no canvas positions: the view fits the nodes once elkjs has placed them and they are drawn.
  setTimeout(requestFitView, 100);
  useDocument.setState({ runMessage: null });
  notify(`Imported ${path}: ${doc.pipeline.nodes.length} node${doc.pipeline.nodes.length === 1 ? '' : 's'}. Save it to keep it as a pipeline file.`);
}
