/** The browser mode's messages over its WebSocket: requests with an id, replies to them, and host events. */
import type { HostError, HostEvent } from '../ipc/contract.js';

/** Where the socket is served; the page connects to it with the token of its own URL. */
export const SOCKET_PATH = '/socket';

export interface ClientMessage {
  id: number;
  name: string;
  params: unknown;
}

export type ServerMessage = { kind: 'reply'; id: number; result?: unknown; error?: HostError } | { kind: 'event'; event: HostEvent };
