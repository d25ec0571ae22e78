/** The window: toolbar and run bar on top, palette, canvas (and the code pane) and inspector in the middle, results and task graph below. */
import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { Toolbar } from './Toolbar.js';
import { RunBar } from './RunBar.js';
import { Palette } from './Palette.js';
import { Canvas } from './Canvas.js';
import { Inspector } from './Inspector.js';
import { ResultPanel } from './ResultPanel.js';
import { TaskGraphView } from './TaskGraphView.js';
import { StatusBar } from './StatusBar.js';
import { FileDialog } from './FileDialog.js';
import { ClusterDialog } from './ClusterDialog.js';
import { CodePane } from './CodePane.js';
import { useCode } from '../store/code-store.js';
import { installShortcuts } from '../controller/shortcuts.js';
import { isDirty, useDocument } from '../store/document-store.js';

export function App() {
  const [tab, setTab] = useState<'result' | 'graph'>('result');
  const name = useDocument((s) => s.pipeline.name);
  const dirty = useDocument((s) => isDirty(s));
  const isCodeOpen = useCode((s) => s.isOpen);
  useEffect(() => installShortcuts(), []);
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name || 'Untitled'} — Weft`;
  }, [name, dirty]);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <RunBar />
        <main className={`workspace${isCodeOpen ? ' has-code' : ''}`}>
          <Palette />
          <Canvas />
          {isCodeOpen && <CodePane />}
          <Inspector />
        </main>
        <section className="bottom-panel" aria-label="Results and task graph">
          <div className="tabs" role="tablist" aria-label="Bottom panel">
            <button type="button" role="tab" aria-selected={tab === 'result'} onClick={() => setTab('result')}>
              Result
            </button>
            <button type="button" role="tab" aria-selected={tab === 'graph'} onClick={() => setTab('graph')}>
              Task graph
            </button>
          </div>
          <div className="tab-body" role="tabpanel" aria-label={tab === 'result' ? 'Result' : 'Task graph'}>
            {tab === 'result' ? <ResultPanel /> : <TaskGraphView />}
          </div>
        </section>
        <StatusBar />
        <FileDialog />
        <ClusterDialog />
      </div>
    </ReactFlowProvider>
  );
}
