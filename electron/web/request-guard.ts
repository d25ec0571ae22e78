/**
 * Who may use the browser mode. Policy, checked on every request for the page and on every socket upgrade:
 * - The Host header must name this server as the URL it printed does, `127.0.0.1:PORT`, or `localhost:PORT`. A DNS
 *   rebinding page reaches the port under its own name; the token already stops it, this refuses it earlier.
 * - The page and the socket need the random token of that URL. It is compared through fixed-length SHA-256 digests,
 *   so neither its length (in characters or in bytes) nor its content can throw or leak through timing.
 * - The socket also needs the Origin of a page this server served (`http://` + one of the accepted hosts).
 * - A request target that is not a path (`//`, `http://x`, garbage) is refused here, never parsed by a handler.
 * Nothing here throws: a request from anyone gets an answer, and the server goes on serving.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export type Refusal = { status: 400 | 403 | 421; reason: string };

export class RequestGuard {
  private readonly digest: Buffer;
  private hosts: ReadonlySet<string> = new Set();

  constructor(token: string) {
    this.digest = sha256(token);
  }

  /** Called once the port is known (the server may have been asked for port 0). */
  listeningOn(port: number): void {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  /** The request's path and query, or null when its target is not an absolute path of this server. */
  target(req: http.IncomingMessage): URL | null {
    const raw = req.url ?? '';
    // A target must be a path; `//evil` would parse as a host, and an absolute-form target names another server.
    if (!raw.startsWith('/') || raw.startsWith('//')) return null;
    try {
      return new URL(raw, 'http://127.0.0.1');
    } catch {
      return null;
    }
  }

  /** Why a request for the page (or, with `isSocket`, an upgrade) is refused, or null when it may go on. */
  check(req: http.IncomingMessage, url: URL, needsToken: boolean, isSocket: boolean): Refusal | null {
    const host = req.headers.host;
    if (typeof host !== 'string' || !this.hosts.has(host.toLowerCase())) {
      return { status: 421, reason: 'Weft answers only to 127.0.0.1 and localhost on its own port.' };
    }
    if (needsToken && !this.tokenMatches(url.searchParams.get('token'))) {
      return { status: 403, reason: 'Weft: this page needs the token from the URL that `weft start` printed.' };
    }
    if (isSocket) {
      const origin = req.headers.origin;
      const originHost = typeof origin === 'string' && origin.startsWith('http://') ? origin.slice('http://'.length).toLowerCase() : '';
      if (!this.hosts.has(originHost)) return { status: 403, reason: 'Weft: the socket is only for the page this server serves.' };
    }
    return null;
  }

  private tokenMatches(given: string | null): boolean {
    if (given === null) return false;
    return timingSafeEqual(sha256(given), this.digest);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
