/**
 * The Electron shell: one window on the bundled renderer, the application menu, and the host bound to ipcMain.
 * Security: contextIsolation and sandbox on, nodeIntegration off, the page's Content-Security-Policy, navigation and
 * new windows refused, and every IPC message checked for its sender (our own page) before the host checks its payload.
 */
import { app, BrowserWindow, ipcMain, Menu, shell, dialog, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Host, toHostError } from '../host/host.js';
import type { FileKind, HostEvent, MenuCommand, RequestParams, RequestResult } from '../ipc/contract.js';
import { checkRequest } from '../host/payload.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../ipc/channels.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_INDEX = path.join(here, '../../renderer/index.html');
const PRELOAD = path.join(here, '../preload/preload.cjs');
const SAMPLES_DIR = path.join(here, '../../../samples');
const PAGE_URL = pathToFileURL(RENDERER_INDEX).href;

let window: BrowserWindow | null = null;
const host = new Host({ samplesDir: SAMPLES_DIR, stateDir: app.getPath('userData'), transport: 'electron' });

function isOwnPage(event: IpcMainInvokeEvent): boolean {
  return event.senderFrame?.url === PAGE_URL && event.sender === window?.webContents;
}

function send(event: HostEvent): void {
  window?.webContents.send(EVENT_CHANNEL, event);
}

function menuCommand(command: MenuCommand): () => void {
  return () => send({ kind: 'menu', command });
}

function buildMenu(): Menu {
  const samples = [
    { file: 'bag-creation.weft.json', label: 'Bag creation' },
    { file: 'bag-basics.weft.json', label: 'Bag basics' },
    { file: 'set-operations.weft.json', label: 'Set operations' },
    { file: 'dataframe-basics.weft.json', label: 'DataFrame basics' },
  ];
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New', accelerator: 'CmdOrCtrl+N', click: menuCommand('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: menuCommand('open') },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: menuCommand('save') },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: menuCommand('save-as') },
        { type: 'separator' },
        { label: 'Import Python Script…', click: menuCommand('import-python') },
        {
          label: 'Export',
          submenu: [
            { label: 'Python Script…', click: menuCommand({ export: 'python' }) },
            { label: 'Notebook…', click: menuCommand({ export: 'notebook' }) },
            { label: 'TypeScript…', click: menuCommand({ export: 'typescript' }) },
            { label: 'Graphviz Dot…', click: menuCommand({ export: 'dot' }) },
          ],
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: menuCommand('undo') }, { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: menuCommand('redo') }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }] },
    { label: 'View', submenu: [{ label: 'Fit View', accelerator: 'CmdOrCtrl+0', click: menuCommand('fit-view') }, { label: 'Auto-layout', accelerator: 'CmdOrCtrl+L', click: menuCommand('auto-layout') }, { label: 'Python Code', click: menuCommand('toggle-code') }, { type: 'separator' }, { role: 'toggleDevTools' }] },
    { label: 'Run', submenu: [{ label: 'Run All', accelerator: 'CmdOrCtrl+Enter', click: menuCommand('run') }, { label: 'Run on Dask Cluster…', click: menuCommand('run-on-cluster') }, { label: 'Cancel', click: menuCommand('cancel') }] },
    { label: 'Samples', submenu: samples.map((s) => ({ label: s.label, click: menuCommand({ sample: s.file }) })) },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Weft',
    webPreferences: { preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The renderer autosaves every edit; closing with unsaved changes still asks, as a desktop app should.
  window.on('close', (event) => {
    if (!window?.isDocumentEdited()) return;
    const choice = dialog.showMessageBoxSync(window, { type: 'question', buttons: ['Discard', 'Cancel'], defaultId: 1, message: 'The pipeline has unsaved changes. Close anyway?' });
    if (choice === 1) event.preventDefault();
  });
  window.on('page-title-updated', (_e, title) => window?.setDocumentEdited(title.startsWith('●')));
  void window.loadFile(RENDERER_INDEX);
  window.on('closed', () => (window = null));
}

const FILE_FILTERS: Record<Exclude<FileKind, 'any'>, { name: string; extensions: string[] }> = {
  pipeline: { name: 'Weft pipelines', extensions: ['weft.json'] },
  python: { name: 'Python scripts', extensions: ['py'] },
  notebook: { name: 'Jupyter notebooks', extensions: ['ipynb'] },
  typescript: { name: 'TypeScript programs', extensions: ['ts'] },
  dot: { name: 'Graphviz dot', extensions: ['dot'] },
};

/** The shell's own request: the system file dialog (the host, having no Electron, refuses it). */
async function showFileDialog(params: RequestParams<'showFileDialog'>): Promise<RequestResult<'showFileDialog'>> {
  if (!window) return { path: null };
  const kind = params.fileKind ?? (params.mode === 'pick' ? 'any' : 'pipeline');
  const filters = kind === 'any' ? [] : [FILE_FILTERS[kind]];
  if (params.mode === 'save') {
    const result = await dialog.showSaveDialog(window, { title: params.title, defaultPath: params.defaultPath, filters });
    return { path: result.canceled || !result.filePath ? null : result.filePath };
  }
  const result = await dialog.showOpenDialog(window, { title: params.title, defaultPath: params.defaultPath, filters, properties: ['openFile'] });
  return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
}

ipcMain.handle(REQUEST_CHANNEL, async (event, name: unknown, params: unknown) => {
  if (!isOwnPage(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'request from a page that is not Weft' } };
  try {
    if (name === 'showFileDialog') {
      const checked = checkRequest(name, params);
      return { ok: true, result: await showFileDialog(checked.params as RequestParams<'showFileDialog'>) };
    }
    return { ok: true, result: await host.handle(name, params) };
  } catch (e) {
    return { ok: false, error: toHostError(e) };
  }
});
host.onEvent(send);

app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (event) => event.preventDefault()));
void app.whenReady().then(() => {
  Menu.setApplicationMenu(buildMenu());
  createWindow();
});
app.on('window-all-closed', () => {
  void host.close().then(() => app.quit());
});
