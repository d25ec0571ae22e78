/** The Electron shell's menu commands, and the keyboard shortcuts that do the same in both shells. */
import type { MenuCommand } from '../../electron/ipc/contract.js';
import { autoLayout } from '../commands/auto-layout.js';
import { redo, undo } from '../commands/undo-redo.js';
import { newDocument, openSample, openWithDialog, save, saveAs } from './files.js';
import { cancelRun, startRun } from './runs.js';
import { requestFitView } from './view-requests.js';

export function onMenuCommand(command: MenuCommand): void {
  if (typeof command === 'object') {
    void openSample(command.sample);
    return;
  }
  const actions: Record<Exclude<MenuCommand, object>, () => void> = {
    new: newDocument,
    open: openWithDialog,
    save,
    'save-as': saveAs,
    undo,
    redo,
    run: () => void startRun(),
    cancel: () => void cancelRun(),
    'fit-view': requestFitView,
    'auto-layout': () => void autoLayout(),
  };
  actions[command]();
}
