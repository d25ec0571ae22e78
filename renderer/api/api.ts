/** The back end, whichever shell the renderer runs in: Electron's preload gives `window.weft`; otherwise the browser mode's socket. */
import type { HostError, WeftApi } from '../../electron/ipc/contract.js';
import { connectWebApi } from './web-client.js';

declare global {
  interface Window {
    weft?: WeftApi;
  }
}

let api: WeftApi | null = null;

export async function initApi(): Promise<WeftApi> {
  api = window.weft ?? (await connectWebApi());
  return api;
}

export function getApi(): WeftApi {
  if (!api) throw new Error('the back end is not connected yet');
  return api;
}

/** A message for any error a request rejects with. */
export function errorText(e: unknown): string {
  const error = e as Partial<HostError> & { message?: string };
  return error?.message ?? String(e);
}
