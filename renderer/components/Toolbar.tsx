/** The toolbar: file commands, Samples and recent files, edit commands, layout and view, and run controls. */
import { useState } from 'react';
import { useDocument, isDirty } from '../store/document-store.js';
import { newDocument, openPath, openSample, openWithDialog, save, saveAs, mayDiscard } from '../controller/files.js';
import { cancelRun, isRunning, runSelected, startRun } from '../controller/runs.js';
import { undo, redo } from '../commands/undo-redo.js';
import { autoLayout } from '../commands/auto-layout.js';
import { deleteSelection } from '../commands/delete-selection.js';
import { requestFitView } from '../controller/view-requests.js';
import { exportAs } from '../controller/exports.js';
import { importPythonScript } from '../controller/import-script.js';
import { openClusterDialog } from '../controller/cluster-runs.js';
import { toggleCodePane } from '../controller/code-pane.js';
import { useCode } from '../store/code-store.js';

function Menu({ label, items }: { label: string; items: Array<{ label: string; onSelect(): void; title?: string }> }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <div className="menu" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <button type="button" aria-haspopup="menu" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {label} ▾
      </button>
      {isOpen && (
        <ul role="menu" aria-label={label}>
          {items.length === 0 && <li className="muted">(none)</li>}
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                title={item.title}
                onClick={() => {
                  setOpen(false);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Toolbar() {
  const info = useDocument((s) => s.info);
  const run = useDocument((s) => s.run);
  const past = useDocument((s) => s.past);
  const future = useDocument((s) => s.future);
  const selection = useDocument((s) => s.selection);
  const name = useDocument((s) => s.pipeline.name);
  const path = useDocument((s) => s.path);
  const dirty = useDocument((s) => isDirty(s));
  const sampleFile = useDocument((s) => s.sampleFile);
  const running = run !== null && isRunning();
  const isCodeOpen = useCode((s) => s.isOpen);
  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <span className="app-name">Weft</span>
      <button type="button" onClick={newDocument} title="New (Ctrl+N)">
        New
      </button>
      <button type="button" onClick={openWithDialog} title="Open (Ctrl+O)">
        Open…
      </button>
      <Menu label="Recent" items={(info?.recentFiles ?? []).map((f) => ({ label: f.slice(f.lastIndexOf('/') + 1), title: f, onSelect: () => mayDiscard() && void openPath(f) }))} />
      <Menu label="Samples" items={(info?.samples ?? []).map((s) => ({ label: s.name, title: s.description, onSelect: () => void openSample(s.file) }))} />
      <button type="button" onClick={save} title="Save (Ctrl+S)">
        Save
      </button>
      <button type="button" onClick={saveAs} title="Save as (Ctrl+Shift+S)">
        Save as…
      </button>
      <Menu
        label="Export"
        items={[
          { label: 'Python script…', title: 'A Dask script in the style of the Dask tutorials (.py)', onSelect: () => exportAs('python') },
          { label: 'Notebook…', title: 'A Jupyter notebook, a markdown and a code cell per node (.ipynb)', onSelect: () => exportAs('notebook') },
          { label: 'TypeScript…', title: "A program on Weft's engine API (.ts)", onSelect: () => exportAs('typescript') },
          { label: 'Graphviz dot…', title: 'The planned task graph (.dot)', onSelect: () => exportAs('dot') },
          { label: 'Import Python script…', title: 'Open a Dask script of the same shape as a new pipeline', onSelect: importPythonScript },
        ]}
      />
      <span className="sep" />
      <button type="button" onClick={undo} disabled={past.length === 0} title={past.length ? `Undo ${past.at(-1)!.label} (Ctrl+Z)` : 'Nothing to undo'}>
        Undo
      </button>
      <button type="button" onClick={redo} disabled={future.length === 0} title={future.length ? `Redo ${future.at(-1)!.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        Redo
      </button>
      <button type="button" onClick={deleteSelection} disabled={selection.length === 0} title="Delete the selected nodes (Delete)">
        Delete
      </button>
      <button type="button" onClick={() => void autoLayout()} title="Lay the canvas out automatically (Ctrl+L)">
        Auto-layout
      </button>
      <button type="button" onClick={requestFitView} title="Fit the pipeline in view (Ctrl+0)">
        Fit view
      </button>
      <button type="button" onClick={toggleCodePane} aria-pressed={isCodeOpen} title="Show the pipeline's Python beside the canvas">
        Code
      </button>
      <span className="sep" />
      <button type="button" className="primary" onClick={() => void startRun()} disabled={running} title="Run every output (Ctrl+Enter)">
        Run all
      </button>
      <button type="button" onClick={runSelected} disabled={running || selection.length === 0} title="Run up to the selected nodes (Ctrl+Shift+Enter)">
        Run to selected
      </button>
      <button type="button" onClick={openClusterDialog} disabled={running} title="Run the pipeline's Python on a Dask cluster">
        Run on Dask cluster…
      </button>
      <button type="button" onClick={() => void cancelRun()} disabled={!running} title="Cancel the run (Escape)">
        Cancel
      </button>
      <span className="doc-title" aria-label="Document">
        {dirty && (
          <span className="unsaved" aria-label="unsaved changes" title="Unsaved changes">
            ●{' '}
          </span>
        )}
        {name || 'Untitled'}
        <span className="muted"> {path ?? (sampleFile ? '(a sample: Save as… keeps your own copy)' : '(new: no file yet)')}</span>
      </span>
    </header>
  );
}
