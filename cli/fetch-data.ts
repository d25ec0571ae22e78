/**
 * `weft fetch-data`: download the KDD Cup 1999 10% sample so the sample pipelines can run.
 *
 * Policy: a file that already has the expected size and MD5 is left alone. Otherwise the body streams into a temp
 * file in the destination folder (so the final rename stays on one file system and is atomic) and is renamed over the
 * destination only once size and MD5 both match. Any failure, cancellation included, removes the temp file, so the
 * destination path only ever holds nothing, the old file, or a verified one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KDD_10_PERCENT } from './kdd-source.js';

export { KDD_10_PERCENT };

/** Options of {@link fetchData}; every field defaults to the KDD 10% file and `samples/data/`. */
export interface FetchDataOptions {
  url?: string;
  /** Where the file ends up; defaults to `samples/data/kddcup.data_10_percent.gz` in the Weft checkout. */
  dest?: string;
  expectedSize?: number;
  /** Hex MD5 of the whole file, either case. */
  expectedMd5?: string;
  /** Called per received chunk; `total` is the Content-Length, or null when the server sends none. */
  onProgress?: (received: number, total: number | null) => void;
  signal?: AbortSignal;
  /** Socket idle time after which the download counts as a network failure; 30 s by default. */
  timeoutMs?: number;
}

/** Why a fetch failed; cancelling is reported separately, as an `AbortError` with code `ABORT_ERR`. */
export type FetchDataErrorCode = 'FETCH_CHECKSUM' | 'FETCH_HTTP' | 'FETCH_NETWORK' | 'FETCH_OPTIONS';

/** A failed fetch: `code` says which kind; `url`, `status` and `path` are set where they apply. */
export class FetchDataError extends Error {
  override readonly name = 'FetchDataError';
  readonly code: FetchDataErrorCode;
  readonly url?: string;
  readonly status?: number;
  readonly path?: string;

  constructor(
    code: FetchDataErrorCode,
    message: string,
    details: { url?: string; status?: number; path?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.url !== undefined) this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.path !== undefined) this.path = details.path;
  }
}

const MAX_REDIRECTS = 5;
const DEFAULT_TIMEOUT_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Compiled to dist/cli/, so the checkout's root is two folders up.
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../samples/data/', import.meta.url));

/**
 * Download `url` to `dest` unless a verified copy is already there.
 * Rejects with a {@link FetchDataError} (`FETCH_CHECKSUM`, `FETCH_HTTP`, `FETCH_NETWORK`), an `AbortError` when
 * `signal` fires, or a file-system error (with its own `code` and `path`) when the folder cannot be written.
 */
export async function fetchData(
  options: FetchDataOptions = {},
): Promise<{ path: string; bytes: number; alreadyPresent: boolean }> {
  const url = options.url ?? KDD_10_PERCENT.url;
  const dest = path.resolve(options.dest ?? path.join(DEFAULT_DATA_DIR, KDD_10_PERCENT.fileName));
  const expectedSize = options.expectedSize ?? KDD_10_PERCENT.size;
  const expectedMd5 = (options.expectedMd5 ?? KDD_10_PERCENT.md5).toLowerCase();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  validateOptions(url, expectedSize, expectedMd5, timeoutMs);
  const signal = options.signal;
  throwIfAborted(signal);

  if (await hasVerifiedCopy(dest, expectedSize, expectedMd5)) {
    return { path: dest, bytes: expectedSize, alreadyPresent: true };
  }
  throwIfAborted(signal);

  const dir = path.dirname(dest);
  await mkdir(dir, { recursive: true });
  // Dot-prefixed and unique per attempt, so concurrent fetches never share a temp file.
  const temp = path.join(dir, `.${path.basename(dest)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  try {
    const got = await download(url, temp, { dest, expectedSize, timeoutMs, signal, onProgress: options.onProgress });
    if (got.bytes !== expectedSize || got.md5 !== expectedMd5) {
      throw checksumError(url, dest, expectedSize, expectedMd5, `${got.bytes} bytes with MD5 ${got.md5}`);
    }
    throwIfAborted(signal);
    await rename(temp, dest);
    return { path: dest, bytes: got.bytes, alreadyPresent: false };
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

function validateOptions(url: string, expectedSize: number, expectedMd5: string, timeoutMs: number): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchDataError('FETCH_OPTIONS', `not a valid URL: ${url}`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchDataError('FETCH_OPTIONS', `only http and https URLs can be fetched, not ${url}`, { url });
  }
  if (!Number.isSafeInteger(expectedSize) || expectedSize < 0) {
    throw new FetchDataError('FETCH_OPTIONS', `expectedSize must be a non-negative integer, not ${expectedSize}`);
  }
  if (!/^[0-9a-f]{32}$/.test(expectedMd5)) {
    throw new FetchDataError('FETCH_OPTIONS', `expectedMd5 must be 32 hex digits, not '${expectedMd5}'`);
  }
  if (!(timeoutMs > 0)) {
    throw new FetchDataError('FETCH_OPTIONS', `timeoutMs must be positive, not ${timeoutMs}`);
  }
}

async function hasVerifiedCopy(dest: string, expectedSize: number, expectedMd5: string): Promise<boolean> {
  try {
    const info = await stat(dest);
    // Size first: it is free, and it rules out partial copies without reading them.
    if (!info.isFile() || info.size !== expectedSize) return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const hash = createHash('md5');
  for await (const chunk of createReadStream(dest)) hash.update(chunk as Buffer);
  return hash.digest('hex') === expectedMd5;
}

interface DownloadContext {
  dest: string;
  expectedSize: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  onProgress: FetchDataOptions['onProgress'];
}

/** Follow redirects to the final 2xx response and stream its body into `temp`, hashing as it goes. */
async function download(url: string, temp: string, ctx: DownloadContext): Promise<{ bytes: number; md5: string }> {
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const { req, res, state } = await get(current, url, ctx);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECT_STATUSES.has(status) && location !== undefined) {
      state.detachAbort();
      res.resume();
      req.destroy();
      if (redirects === MAX_REDIRECTS) {
        throw new FetchDataError('FETCH_HTTP', `${url}: more than ${MAX_REDIRECTS} redirects (last to ${location})`, {
          url,
          status,
        });
      }
      current = new URL(location, current);
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new FetchDataError('FETCH_HTTP', `${url} redirected to unsupported URL ${current.href}`, {
          url: current.href,
          status,
        });
      }
      continue;
    }
    if (status < 200 || status > 299) {
      state.detachAbort();
      res.resume();
      req.destroy();
      const reason = res.statusMessage ? ` ${res.statusMessage}` : '';
      const via = current.href === url ? '' : ` (redirected from ${url})`;
      throw new FetchDataError('FETCH_HTTP', `HTTP ${status}${reason} from ${current.href}${via}`, {
        url: current.href,
        status,
      });
    }
    return saveBody(req, res, state, current, temp, ctx);
  }
}

interface RequestState {
  isTimedOut: boolean;
  res?: http.IncomingMessage;
  detachAbort: () => void;
}

function get(
  target: URL,
  originalUrl: string,
  ctx: DownloadContext,
): Promise<{ req: http.ClientRequest; res: http.IncomingMessage; state: RequestState }> {
  return new Promise((resolve, reject) => {
    if (ctx.signal?.aborted) {
      reject(abortError(ctx.signal));
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    // No keep-alive agent: a pooled socket would hold a CLI process open after the download ends.
    const req = client.get(target, { agent: false, timeout: ctx.timeoutMs });
    const onAbort = () => {
      const err = abortError(ctx.signal);
      state.res?.destroy(err);
      req.destroy(err);
    };
    const state: RequestState = {
      isTimedOut: false,
      detachAbort: () => ctx.signal?.removeEventListener('abort', onAbort),
    };
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('timeout', () => {
      state.isTimedOut = true;
      state.res?.destroy();
      req.destroy();
    });
    req.on('error', (err) => {
      state.detachAbort();
      reject(describeFailure(err, state, target, originalUrl, ctx));
    });
    req.on('response', (res) => {
      state.res = res;
      // From here the body read reports failures; keep req's later errors from going unhandled.
      req.removeAllListeners('error');
      req.on('error', () => {});
      resolve({ req, res, state });
    });
  });
}

async function saveBody(
  req: http.ClientRequest,
  res: http.IncomingMessage,
  state: RequestState,
  target: URL,
  temp: string,
  ctx: DownloadContext,
): Promise<{ bytes: number; md5: string }> {
  const header = res.headers['content-length'];
  const total = header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
  const hash = createHash('md5');
  let bytes = 0;
  // 'wx': the name is fresh, so an existing file there means something is wrong, not something to overwrite.
  const file = await open(temp, 'wx').catch((err: unknown) => {
    state.detachAbort();
    req.destroy();
    throw err;
  });
  let isFileError = false;
  try {
    ctx.onProgress?.(0, total);
    for await (const chunk of res) {
      const buf = chunk as Buffer;
      bytes += buf.length;
      if (bytes > ctx.expectedSize) {
        // Stop early: a wrong URL might point at something huge.
        throw checksumError(target.href, ctx.dest, ctx.expectedSize, null, `more than ${ctx.expectedSize} bytes`);
      }
      hash.update(buf);
      try {
        await file.write(buf);
      } catch (err) {
        isFileError = true;
        throw err;
      }
      ctx.onProgress?.(bytes, total);
    }
    await file.sync();
  } catch (err) {
    req.destroy();
    if (isFileError || err instanceof FetchDataError) throw err;
    throw describeFailure(err, state, target, target.href, ctx);
  } finally {
    state.detachAbort();
    await file.close();
  }
  // A server that closes early without a Content-Length looks like a short body; the size check catches it.
  return { bytes, md5: hash.digest('hex') };
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

/** Turn a socket-level error into the error the caller sees: abort first, then timeout, then a network failure. */
function describeFailure(err: unknown, state: RequestState, target: URL, originalUrl: string, ctx: DownloadContext) {
  if (ctx.signal?.aborted) return abortError(ctx.signal);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const what = state.isTimedOut
    ? `no data for ${ctx.timeoutMs / 1000} s`
    : code !== undefined && code in NETWORK_CODES
      ? `${NETWORK_CODES[code]}, ${code}`
      : (err as Error | undefined)?.message ?? String(err);
  return new FetchDataError(
    'FETCH_NETWORK',
    `could not download ${target.href} (${what}). This machine may be offline. ` +
      `You can instead download ${originalUrl} another way and copy it to ${ctx.dest}`,
    { url: target.href, path: ctx.dest, cause: err },
  );
}

function checksumError(url: string, dest: string, size: number, md5: string | null, actual: string): FetchDataError {
  const expected = md5 === null ? `${size} bytes` : `${size} bytes with MD5 ${md5}`;
  return new FetchDataError(
    'FETCH_CHECKSUM',
    `${url} is not the expected file: expected ${expected}, got ${actual}; nothing was written to ${dest}`,
    { url, path: dest },
  );
}

function abortError(signal: AbortSignal | undefined): Error {
  // The shape Node's own APIs reject with, so callers can test `name === 'AbortError'` for every cancel.
  const err = new Error('fetch-data was cancelled', { cause: signal?.reason });
  err.name = 'AbortError';
  return Object.assign(err, { code: 'ABORT_ERR' });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
