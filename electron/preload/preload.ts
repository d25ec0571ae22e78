/**
 * The preload: exposes `window.weft`, the contract's small API, to a sandboxed, context-isolated renderer, and
 * never `ipcRenderer` itself. Bundled to one CommonJS file (build/bundle.mjs), as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostEvent, RequestName, RequestParams, RequestResult, WeftApi } from '../ipc/contract.js';
import { EVENT_CHANNEL, REQUEST_CHANNEL } from '../ipc/channels.js';

const api: WeftApi = {
  async request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    const reply = (await ipcRenderer.invoke(REQUEST_CHANNEL, name, params)) as { ok: true; result: RequestResult<K> } | { ok: false; error: unknown };
    // Errors cross as plain {code, message, nodeId} objects: Electron would reduce a thrown error to its message.
    if (!reply.ok) throw reply.error;
    return reply.result;
  },
  onEvent(listener: (event: HostEvent) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, payload: HostEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('weft', api);
