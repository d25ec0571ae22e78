/**
 * The browser mode: the same host as the Electron shell, served over HTTP and a WebSocket. It binds to 127.0.0.1
 * only, and every request for the page or the socket must name this server in its Host header and carry the random
 * token of the URL it prints, so another user of the machine or a web page the user visits cannot drive it. The
 * socket also checks its Origin (a page elsewhere cannot open it even if it learnt the token); see request-guard.ts.
 *
 * No request may stop the server: every handler answers (or closes the connection) instead of throwing, socket
 * errors are listened for, and each message gets a typed reply whatever it holds.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { Host, toHostError, type HostOptions } from '../host/host.js';
import type { HostError, HostEvent } from '../ipc/contract.js';
import { RequestGuard } from './request-guard.js';
import { MAX_MESSAGE_BYTES, SOCKET_PATH, type ServerMessage } from './wire.js';

/** The bundled renderer: compiled to dist/electron/web/, bundled into dist/renderer/. */
const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface WebServerOptions extends Omit<HostOptions, 'transport'> {
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface WebServer {
  /** The URL to open, token included. */
  url: string;
  token: string;
  host: Host;
  close(): Promise<void>;
}

/** Listening failed because the port is taken (or not ours to take): the one start-up failure a user causes. */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly reason: 'in-use' | 'denied',
  ) {
    super(reason === 'in-use' ? `port ${port} is in use; choose another with --port or omit it` : `port ${port} needs privileges this user lacks; choose one above 1023 with --port or omit it`);
    this.name = 'PortUnavailableError';
  }
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the app's renderer is not built (${RENDERER_DIR}index.html is missing); run \`npm run build\``);
  }
  const token = randomBytes(24).toString('hex');
  const guard = new RequestGuard(token);
  const host = new Host({ ...options, transport: 'web' });
  const server = http.createServer((req, res) => serveStatic(req, res, guard));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // A connection dropped mid-request must not become an uncaught 'error'.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\n\r\n`);
    else socket.destroy();
  });

  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    const url = guard.target(req);
    const refusal = url === null ? { status: 400, reason: 'Bad Request' } : url.pathname !== SOCKET_PATH ? { status: 404, reason: 'Not Found' } : guard.check(req, url, true, true);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Forbidden'}\r\nconnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, host));
  });

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new PortUnavailableError(port, 'in-use'));
      else if (e.code === 'EACCES') reject(new PortUnavailableError(port, 'denied'));
      else reject(e);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  }).catch(async (e: unknown) => {
    await host.close();
    throw e;
  });
  const listening = (server.address() as { port: number }).port;
  guard.listeningOn(listening);
  const origin = `http://127.0.0.1:${listening}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    host,
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await host.close();
    },
  };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' };

/** The page needs the token; its scripts and styles are the app's public code and are served to anyone local. */
function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, guard: RequestGuard): void {
  res.on('error', () => res.destroy());
  const url = guard.target(req);
  if (url === null) {
    res.writeHead(400).end();
    return;
  }
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET' }).end();
    return;
  }
  const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
  const refusal = guard.check(req, url, name === 'index.html', false);
  if (refusal) {
    res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${refusal.reason}\n`);
    return;
  }
  if (!/^[\w.-]+$/.test(name)) {
    res.writeHead(404).end();
    return;
  }
  const file = path.join(RENDERER_DIR, name);
  fs.readFile(file, (error, body) => {
    if (error) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // Only settable as a header: no other site may frame the app (clickjacking).
      'content-security-policy': "frame-ancestors 'none'",
    });
    res.end(body);
  });
}

function serveSocket(ws: WebSocket, host: Host): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch {
      // A result JSON cannot carry (it should not happen: the host sends plain data) still gets its reply.
      if (message.kind !== 'reply') return;
      text = JSON.stringify({ kind: 'reply', id: message.id, error: { code: 'INTERNAL', message: 'the answer to this request could not be sent' } });
    }
    ws.send(text);
  };
  const unsubscribe = host.onEvent((event: HostEvent) => send({ kind: 'event', event }));
  ws.on('close', unsubscribe);
  // ws reports a malformed frame (bad UTF-8, a protocol error, a message over the size limit) here, then closes.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data: RawData, isBinary: boolean) => {
    void answer(data, isBinary, host).then(send, () => send({ kind: 'reply', id: -1, error: { code: 'INTERNAL', message: 'the request could not be answered' } }));
  });
}

/** The reply to one message: a result or a typed error, never a throw. */
async function answer(data: RawData, isBinary: boolean, host: Host): Promise<ServerMessage> {
  const refuse = (id: number, message: string): ServerMessage => ({ kind: 'reply', id, error: { code: 'BAD_REQUEST', message } });
  if (isBinary) return refuse(-1, 'a message must be a JSON text frame, not binary');
  let message: unknown;
  try {
    message = JSON.parse(rawText(data));
  } catch {
    return refuse(-1, 'a message must be JSON');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return refuse(-1, 'a message must be a JSON object {id, name, params}');
  const { id, name, params } = message as { id?: unknown; name?: unknown; params?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return refuse(-1, 'a message needs a whole-number "id"');
  try {
    return { kind: 'reply', id, result: await host.handle(name, params) };
  } catch (e) {
    const error: HostError = toHostError(e);
    return { kind: 'reply', id, error };
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
