/**
 * The browser mode's side of the contract: `window.weft` over the WebSocket of electron/web, authenticated with the
 * token of the page's own URL. Requests wait for their reply by id; a dropped socket fails what is pending.
 */
import type { HostError, HostEvent, RequestName, RequestParams, RequestResult, WeftApi } from '../../electron/ipc/contract.js';

type ServerMessage = { kind: 'reply'; id: number; result?: unknown; error?: HostError } | { kind: 'event'; event: HostEvent };

export function connectWebApi(): Promise<WeftApi> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/socket?token=${encodeURIComponent(token)}`);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: HostError) => void }>();
  const listeners = new Set<(event: HostEvent) => void>();
  let nextId = 1;
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as ServerMessage;
    if (data.kind === 'event') {
      for (const listener of listeners) listener(data.event);
      return;
    }
    const waiter = pending.get(data.id);
    pending.delete(data.id);
    if (data.error) waiter?.reject(data.error);
    else waiter?.resolve(data.result);
  });
  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject({ code: 'DISCONNECTED', message: 'the connection to Weft was lost; is `npm start` still running?' });
    pending.clear();
  });
  const api: WeftApi = {
    request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>> {
      if (socket.readyState !== WebSocket.OPEN) return Promise.reject({ code: 'DISCONNECTED', message: 'not connected to Weft' });
      const id = nextId++;
      return new Promise<RequestResult<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ id, name, params }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(api), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot connect to Weft: the page needs the URL (with its token) that `npm start` printed')), { once: true });
  });
}
