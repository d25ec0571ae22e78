/**
 * The browser mode: the same host as the Electron shell, served over HTTP and a WebSocket. It binds to 127.0.0.1
 * only, and every request for the page or the socket must carry the random token of the URL it prints, so another
 * user of the machine or a web page the user visits cannot drive it. The socket also checks its Origin (a page
 * elsewhere cannot open it even if it learnt the token).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { Host, toHostError, type HostOptions } from '../host/host.js';
import type { HostEvent } from '../ipc/contract.js';
import { SOCKET_PATH, type ClientMessage, type ServerMessage } from './wire.js';

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

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the app's renderer is not built (${RENDERER_DIR}index.html is missing); run \`npm run build\``);
  }
  const token = randomBytes(24).toString('hex');
  const host = new Host({ ...options, transport: 'web' });
  const server = http.createServer((req, res) => serveStatic(req, res, token));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  let origin = '';

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== SOCKET_PATH || !tokenMatches(url.searchParams.get('token'), token) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, host));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  origin = `http://127.0.0.1:${port}`;
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

function tokenMatches(given: string | null, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** The page needs the token; its scripts and styles are the app's public code and are served to anyone local. */
function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, token: string): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET') {
    res.writeHead(405).end();
    return;
  }
  const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
  if (name === 'index.html' && !tokenMatches(url.searchParams.get('token'), token)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Weft: this page needs the token from the URL that `npm start` printed.\n');
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
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = host.onEvent((event: HostEvent) => send({ kind: 'event', event }));
  ws.on('close', unsubscribe);
  ws.on('message', async (data) => {
    let message: ClientMessage;
    try {
      message = JSON.parse(String(data)) as ClientMessage;
    } catch {
      send({ kind: 'reply', id: -1, error: { code: 'BAD_REQUEST', message: 'a message must be JSON' } });
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
      send({ kind: 'reply', id: -1, error: { code: 'BAD_REQUEST', message: 'a message needs a numeric "id"' } });
      return;
    }
    try {
      send({ kind: 'reply', id: message.id, result: await host.handle(message.name, message.params) });
    } catch (e) {
      send({ kind: 'reply', id: message.id, error: toHostError(e) });
    }
  });
}
