/** The browser mode's messages over its WebSocket: requests with an id, replies to them, and host events. */
import type { HostError, HostEvent } from '../ipc/contract.js';

/** Where the socket is served; the page connects to it with the token of its own URL. */
export const SOCKET_PATH = '/socket';

/**
 * The largest message the socket takes (64 MiB). A document is far smaller; a larger message closes that socket
 * (WebSocket close code 1009), never the server.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface ClientMessage {
  id: number;
  name: string;
  params: unknown;
}

/** A reply to a message whose id could not be read carries id -1. */
export type ServerMessage = { kind: 'reply'; id: number; result?: unknown; error?: HostError } | { kind: 'event'; event: HostEvent };
