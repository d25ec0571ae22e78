/** The Electron shell's menu commands, and the keyboard shortcuts that do the same in both shells. */
import type { MenuCommand } from '../../electron/ipc/contract.js';
import { autoLayout } from '../commands/auto-layout.js';
import { redo, undo } from '../commands/undo-redo.js';
import { newDocument, openSample, openWithDialog, save, saveAs } from './files.js';
import { cancelRun, startRun } from './runs.js';
import { requestFitView } from './view-requests.js';
import { exportAs } from './exports.js';
import { importPythonScript } from './import-script.js';
import { openClusterDialog } from './cluster-runs.js';
import { toggleCodePane } from './code-pane.js';

export function onMenuCommand(command: MenuCommand): void {
  if (typeof command === 'object') {
    if ('export' in command) exportAs(command.export);
    else void openSample(command.sample);
    return;
  }
  const actions: Record<Exclude<MenuCommand, object>, () => void> = {
    new: newDocument,
    open: openWithDialog,
    save,
    'save-as': saveAs,
    'import-python': importPythonScript,
    undo,
    redo,
    run: () => void startRun(),
    'run-on-cluster': openClusterDialog,
    cancel: () => void cancelRun(),
    'fit-view': requestFitView,
    'auto-layout': () => void autoLayout(),
    'toggle-code': toggleCodePane,
  };
  actions[command]();
}
